#include "request_builder.h"

#include <chrono>
#include <utility>

namespace bench {
namespace {

constexpr std::string_view kContentType = "application/x-amz-json-1.0";
constexpr std::string_view kTargetPrefix = "DynamoDB_20120810.";

}  // namespace

auth::Credentials bench_credentials() {
  return auth::Credentials{"AKIDDDBDBENCH", "ddbd-bench-secret-access-key", "us-east-1",
                           "dynamodb"};
}

RequestBuilder::RequestBuilder(auth::Credentials credentials, std::string host_header)
    : signer_(std::move(credentials)), host_header_(std::move(host_header)) {}

const std::string& RequestBuilder::current_amz_date() {
  const auto now = std::chrono::system_clock::now();
  const std::time_t second = std::chrono::system_clock::to_time_t(now);
  if (second != date_second_) {
    date_second_ = second;
    amz_date_ = auth::amz_date(now);
  }
  return amz_date_;
}

void RequestBuilder::build(std::string_view operation, std::string_view body, std::string& out) {
  const std::string& date = current_amz_date();
  target_.assign(kTargetPrefix).append(operation);
  const std::string payload_hash = auth::hex(auth::sha256(body));
  const auth::RequestToSign to_sign{"POST",
                                    "/",
                                    "",
                                    {{"content-type", std::string(kContentType)},
                                     {"host", host_header_},
                                     {"x-amz-date", date},
                                     {"x-amz-target", target_}},
                                    payload_hash};
  const std::string authorization = signer_.authorization(to_sign, date);

  out.clear();
  out.append("POST / HTTP/1.1\r\nHost: ").append(host_header_);
  out.append("\r\nContent-Type: ").append(kContentType);
  out.append("\r\nX-Amz-Target: ").append(target_);
  out.append("\r\nX-Amz-Date: ").append(date);
  out.append("\r\nAuthorization: ").append(authorization);
  out.append("\r\nContent-Length: ").append(std::to_string(body.size()));
  out.append("\r\n\r\n").append(body);
}

}  // namespace bench
