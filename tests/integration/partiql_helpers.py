"""What the PartiQL tests share: ExecuteStatement with positional parameters, and typed values."""


def run(ddb, statement, *parameters, **kwargs):
    """ExecuteStatement of `statement`, binding `parameters` (AttributeValues) to its `?`s."""
    if parameters:
        kwargs["Parameters"] = list(parameters)
    return ddb.execute_statement(Statement=statement, **kwargs)


def S(text):
    return {"S": text}


def N(number):
    return {"N": str(number)}
