#include "protocol/error.h"

namespace protocol {

namespace {
// DynamoDB's __type prefixes differ by the layer that raised the error.
constexpr const char* kDynamo = "com.amazonaws.dynamodb.v20120810";
constexpr const char* kCoralService = "com.amazon.coral.service";
constexpr const char* kCoralValidate = "com.amazon.coral.validate";
}  // namespace

ApiError::ApiError(unsigned status, std::string type_namespace, std::string type,
                   std::string message)
    : status_(status),
      namespace_(std::move(type_namespace)),
      type_(std::move(type)),
      message_(std::move(message)) {}

struct ApiError::Extras {
  std::optional<storage::Item> item;
  std::vector<CancellationReason> reasons;
};

const storage::Item* ApiError::item() const {
  return extras_ && extras_->item ? &*extras_->item : nullptr;
}

const std::vector<CancellationReason>& ApiError::cancellation_reasons() const {
  static const std::vector<CancellationReason> kNone;
  return extras_ ? extras_->reasons : kNone;
}

ApiError& ApiError::with_item(storage::Item item) {
  extras_ = std::make_shared<const Extras>(Extras{std::move(item), {}});
  return *this;
}

ApiError ApiError::validation(std::string message) {
  return ApiError(400, kCoralValidate, "ValidationException", std::move(message));
}
ApiError ApiError::serialization(std::string message) {
  return ApiError(400, kCoralService, "SerializationException", std::move(message));
}
ApiError ApiError::unknown_operation() {
  return ApiError(400, kCoralService, "UnknownOperationException", "");
}
ApiError ApiError::missing_authentication_token() {
  return ApiError(400, kCoralService, "MissingAuthenticationTokenException",
                  "Request is missing Authentication Token");
}
ApiError ApiError::incomplete_signature(std::string message) {
  return ApiError(400, kCoralService, "IncompleteSignatureException", std::move(message));
}
ApiError ApiError::invalid_signature(std::string message) {
  return ApiError(400, kCoralService, "InvalidSignatureException", std::move(message));
}
ApiError ApiError::unrecognized_client() {
  return ApiError(400, kCoralService, "UnrecognizedClientException",
                  "The security token included in the request is invalid.");
}
ApiError ApiError::access_denied(std::string message) {
  return ApiError(400, kCoralService, "AccessDeniedException", std::move(message));
}
ApiError ApiError::resource_not_found(std::string message) {
  return ApiError(400, kDynamo, "ResourceNotFoundException", std::move(message));
}
ApiError ApiError::resource_in_use(std::string message) {
  return ApiError(400, kDynamo, "ResourceInUseException", std::move(message));
}
ApiError ApiError::limit_exceeded(std::string message) {
  return ApiError(400, kDynamo, "LimitExceededException", std::move(message));
}
ApiError ApiError::conditional_check_failed(std::string message) {
  return ApiError(400, kDynamo, "ConditionalCheckFailedException", std::move(message));
}
ApiError ApiError::duplicate_item() {
  return ApiError(400, kDynamo, "DuplicateItemException", "Duplicate primary key exists in table");
}
ApiError ApiError::internal_server_error(std::string message) {
  return ApiError(500, kDynamo, "InternalServerError", std::move(message));
}
ApiError ApiError::request_too_large() {
  return ApiError(413, kCoralService, "RequestEntityTooLargeException",
                  "Request must be smaller than 16777216 bytes for the DynamoDB_20120810 API");
}

// DynamoDB Streams. Both texts are the service model's descriptions of the errors; users quote the
// trimmed one from real DynamoDB (DYNAMODB_MESSAGES.md "Streams").
ApiError ApiError::expired_iterator() {
  return ApiError(400, kDynamo, "ExpiredIteratorException",
                  "The provided iterator exceeds the maximum age allowed.");
}
ApiError ApiError::trimmed_data_access() {
  return ApiError(400, kDynamo, "TrimmedDataAccessException",
                  "The data you are trying to access has been trimmed.");
}

ApiError ApiError::transaction_canceled(std::vector<CancellationReason> reasons) {
  std::string codes;
  for (const auto& reason : reasons) {
    codes += (codes.empty() ? "" : ", ") + reason.code;
  }
  ApiError error(400, kDynamo, "TransactionCanceledException",
                 "Transaction cancelled, please refer cancellation reasons for specific reasons [" +
                     codes + "]");
  error.capitalized_message_ = true;
  error.extras_ = std::make_shared<const Extras>(Extras{std::nullopt, std::move(reasons)});
  return error;
}

CancellationReason CancellationReason::validation_error(std::string message) {
  CancellationReason reason;
  reason.code = "ValidationError";
  reason.message = std::move(message);
  return reason;
}

CancellationReason CancellationReason::condition_failed(std::optional<storage::Item> item) {
  CancellationReason reason;
  reason.code = "ConditionalCheckFailed";
  reason.message = "The conditional request failed";
  reason.item = std::move(item);
  return reason;
}
ApiError ApiError::idempotent_parameter_mismatch() {
  return ApiError(400, kDynamo, "IdempotentParameterMismatchException",
                  "Specified idempotent token was used with different request parameters within "
                  "the idempotency window");
}

}  // namespace protocol
