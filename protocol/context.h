#pragma once

#include <exception>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "protocol/api.h"
#include "protocol/error.h"
#include "protocol/wire/json.h"
#include "storage/schema.h"
#include "storage/store.h"

namespace protocol {

// What every operation gets: the store, the server's options and the clock.
struct OpContext {
  storage::Store& store;
  const ApiOptions& options;
  // The secret that seals DynamoDB Streams shard iterators (protocol/streams/shard_iterator.h).
  std::string iterator_key;

  std::string table_arn(std::string_view table_name) const;
  // Now in Unix milliseconds, from the store's clock (storage/clock.h): the one clock every
  // operation reads.
  int64_t now_ms() const { return store.now_ms(); }
  // The table for an item operation: ACTIVE or UPDATING, else ResourceNotFoundException.
  storage::TablePtr table_for_items(std::string_view name) const;
};

// Every operation comes in three parts (protocol/ops/<operation>.h): parse_<op> turns the JSON
// request into a typed request, checking everything that needs no table; <op> runs the typed
// request against the store and yields a typed result (PartiQL, Streams and the admin API call this
// part); write_<op> writes a result's members into the JSON reply object. Reads return their
// result; writes hand it to a Then, on storage's writer thread once the commit is durable. Both
// throw ApiError for what they check before touching storage; a write's later failures reach its
// Then.
template <class Result>
using Then = std::function<void(std::exception_ptr error, Result result)>;

template <class Result>
using ResultWriter = void (*)(JsonWriter& w, const Result& result);

// The reply for a failure: ApiError as DynamoDB writes it, anything else a logged 500.
Reply error_reply(std::exception_ptr error);
ReplyWriter error_reply_writer(std::exception_ptr error);

// A 200 reply whose JSON object `members(w)` fills; a failure while writing becomes its error
// reply.
template <class Members>
Reply json_reply(const Members& members) noexcept {
  try {
    rapidjson::StringBuffer buffer;
    JsonWriter w(buffer);
    w.StartObject();
    members(w);
    w.EndObject();
    return Reply{200, std::string(buffer.GetString(), buffer.GetSize())};
  } catch (...) {
    return error_reply(std::current_exception());
  }
}

// The reply writer for a typed result: `write` renders it when the reply is sent.
template <class Result>
ReplyWriter result_reply_writer(ResultWriter<Result> write, Result result) {
  return [write, result = std::move(result)]() {
    return json_reply([&](JsonWriter& w) { write(w, result); });
  };
}

// The completion (storage::WriteDone) of a write whose result `make_result` builds once the commit
// is durable, on the writer thread: `then` gets that result, or the error the write or make_result
// raised.
template <class Result, class MakeResult>
storage::WriteDone answer_then(Then<Result> then, MakeResult make_result) {
  return [then = std::move(then), make_result = std::move(make_result)](std::exception_ptr error) {
    std::optional<Result> result;
    if (!error) {
      try {
        result = make_result();
      } catch (...) {
        error = std::current_exception();
      }
    }
    then(error, result ? std::move(*result) : Result{});
  };
}

// The Then of a write that answers `done`: its error, or its result rendered by `write`.
template <class Result>
Then<Result> reply_when_done(Completion done, ResultWriter<Result> write) {
  return [done = std::move(done), write](std::exception_ptr error, Result result) {
    done(error ? error_reply_writer(error) : result_reply_writer(write, std::move(result)));
  };
}

}  // namespace protocol
