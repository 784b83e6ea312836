#pragma once

#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "storage/value.h"

namespace protocol {

// One action's outcome, as DynamoDB reports it in a TransactionCanceledException's
// CancellationReasons.
struct CancellationReason {
  std::string code = "None";          // None, ConditionalCheckFailed or ValidationError
  std::string message;                // empty for None
  std::optional<storage::Item> item;  // the current item, for ALL_OLD on a failed condition

  bool failed() const { return code != "None"; }
  static CancellationReason validation_error(std::string message);
  static CancellationReason condition_failed(std::optional<storage::Item> item);
};

// The one error type a client sees. Raised anywhere in the request path (thrown or returned) and
// written to the wire only by error_body() (protocol/wire/error_body.h). `type` is DynamoDB's error
// name; `type_namespace` is the prefix DynamoDB puts before '#' in "__type" (it differs by kind of
// error).
class ApiError : public std::exception {
 public:
  ApiError(unsigned status, std::string type_namespace, std::string type, std::string message);

  unsigned status() const { return status_; }
  const std::string& type() const { return type_; }
  const std::string& type_namespace() const { return namespace_; }
  const std::string& message() const { return message_; }
  const char* what() const noexcept override { return message_.c_str(); }

  // What some errors carry beside __type and message, typed: error_body writes them. The current
  // item of a ConditionalCheckFailedException asked for with ReturnValuesOnConditionCheckFailure
  // ALL_OLD (null when none), and a TransactionCanceledException's reasons, one per action in
  // request order (empty for other errors).
  const storage::Item* item() const;
  ApiError& with_item(storage::Item item);
  const std::vector<CancellationReason>& cancellation_reasons() const;

  // Named constructors, one per DynamoDB error, with DynamoDB's namespace and HTTP status.
  static ApiError validation(std::string message);
  static ApiError serialization(std::string message);
  static ApiError unknown_operation();
  static ApiError missing_authentication_token();
  static ApiError incomplete_signature(std::string message);
  static ApiError invalid_signature(std::string message);
  static ApiError unrecognized_client();
  static ApiError access_denied(std::string message);
  static ApiError resource_not_found(std::string message = "Requested resource not found");
  static ApiError resource_in_use(std::string message);
  static ApiError limit_exceeded(std::string message);
  static ApiError conditional_check_failed(std::string message = "The conditional request failed");
  // PartiQL's INSERT of an item whose key exists.
  static ApiError duplicate_item();
  static ApiError internal_server_error(std::string message = "Internal server error");
  static ApiError request_too_large();
  // Transactions. TransactionCanceledException is written with "Message" (capital M), as DynamoDB
  // writes it, and names every reason's code in it.
  static ApiError transaction_canceled(std::vector<CancellationReason> reasons);
  static ApiError idempotent_parameter_mismatch();
  // DynamoDB Streams.
  static ApiError expired_iterator();
  static ApiError trimmed_data_access();

  // Whether the body names the message "Message" rather than "message".
  bool capitalized_message() const { return capitalized_message_; }

 private:
  unsigned status_;
  std::string namespace_;
  std::string type_;
  std::string message_;
  // Behind a pointer, set only by the two errors that carry them: an ApiError is copied whenever it
  // is thrown, and its copy and destruction stay small code in every file that throws one.
  struct Extras;
  std::shared_ptr<const Extras> extras_;
  bool capitalized_message_ = false;
};

}  // namespace protocol
