#include "protocol/context.h"

#include <iostream>

#include "protocol/error.h"
#include "protocol/items/index_key_rules.h"
#include "protocol/wire/error_body.h"
#include "storage/index_keys.h"

namespace protocol {

std::string OpContext::table_arn(std::string_view table_name) const {
  return "arn:aws:dynamodb:" + options.region + ":" + options.account_id + ":table/" +
         std::string(table_name);
}

storage::TablePtr OpContext::table_for_items(std::string_view name) const {
  storage::TablePtr table = store.catalog().find(name);
  if (!table) {
    throw ApiError::resource_not_found();
  }
  auto status = table->status_at(now_ms());
  if (status == storage::TableStatus::kCreating || status == storage::TableStatus::kDeleting) {
    throw ApiError::resource_not_found();
  }
  return table;
}

Reply error_reply(std::exception_ptr error) {
  try {
    std::rethrow_exception(error);
  } catch (const ApiError& e) {
    return Reply{e.status(), error_body(e)};
  } catch (const storage::IndexKeyError& e) {
    // A write that reached storage with an invalid index key (e.g. a transaction's item).
    ApiError invalid = index_key_error(e.problem(), false);
    return Reply{invalid.status(), error_body(invalid)};
  } catch (const std::exception& e) {
    std::cerr << "ddbd: internal error: " << e.what() << std::endl;
  } catch (...) {
    std::cerr << "ddbd: internal error (unknown exception)" << std::endl;
  }
  ApiError internal = ApiError::internal_server_error();
  return Reply{internal.status(), error_body(internal)};
}

ReplyWriter error_reply_writer(std::exception_ptr error) {
  return [error]() { return error_reply(error); };
}

}  // namespace protocol
