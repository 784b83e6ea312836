#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "storage/store.h"
#include "storage/streams.h"
#include "tests/storage/store_fixture.h"

// What the stream tests share: a store on a clock the test moves, holding table "t" (pk S HASH,
// sk N RANGE), and synchronous helpers to write items and read streams.
namespace stream_fixture {

constexpr int64_t kStartMs = 1'700'000'000'000;

inline storage::AttributeValue S(std::string s) {
  return storage::AttributeValue::string(std::move(s));
}
inline storage::AttributeValue N(const std::string& text) {
  return storage::AttributeValue::num(storage::Number::parse(text));
}

struct ManualClock {
  std::shared_ptr<std::atomic<int64_t>> now_ms = std::make_shared<std::atomic<int64_t>>(kStartMs);
  storage::Clock clock() const {
    return [now = now_ms] {
      return std::chrono::system_clock::time_point(std::chrono::milliseconds(now->load()));
    };
  }
  void advance(int64_t ms) const { *now_ms += ms; }
};

class StreamStore {
 public:
  // Trimming runs every millisecond unless `trim_interval` says otherwise (retention is a day, so
  // it removes nothing until the clock moves).
  explicit StreamStore(storage::StreamSettings settings = {},
                       std::chrono::milliseconds trim_interval = std::chrono::milliseconds(1)) {
    options_.data_dir = dir_.path;
    options_.clock = clock_.clock();
    options_.streams = settings;
    options_.stream_trim_interval = trim_interval;
    options_.stream_trim_batch_records = 2;  // several steps per run
    options_.ttl_sweep_interval = std::chrono::milliseconds(1);
    store_ = std::make_unique<storage::Store>(options_);
    create_table();
  }

  storage::Store& store() const { return *store_; }
  const ManualClock& clock() const { return clock_; }
  const storage::StoreOptions& options() const { return options_; }
  storage::TablePtr table() const { return store_->catalog().find("t"); }
  void close() { store_.reset(); }
  void reopen() {
    store_.reset();
    store_ = std::make_unique<storage::Store>(options_);
  }

  // Creates table "t" (again, after a delete) and returns it.
  storage::TablePtr create_table() {
    auto t = std::make_shared<storage::TableInfo>();
    store_fixture::write_sync(*store_, [&](storage::WriteTxn& txn) {
      t->id = txn.allocate_table_id();
      t->name = "t";
      t->attribute_definitions = {{"pk", storage::ValueType::kString},
                                  {"sk", storage::ValueType::kNumber}};
      t->key_schema = {{"pk", storage::KeyType::kHash}, {"sk", storage::KeyType::kRange}};
      t->status = storage::TableStatus::kActive;
      t->ttl = {true, "exp", 1, 1};
      txn.save_table(t);
    });
    return t;
  }

  // Enables a stream on "t" as UpdateTable will: create_stream, then the table's fields.
  uint32_t enable(storage::StreamViewType view_type) {
    uint32_t id = 0;
    store_fixture::write_sync(*store_, [&](storage::WriteTxn& txn) {
      auto t = std::make_shared<storage::TableInfo>(*txn.live_table("t"));
      storage::StreamInfo stream = create_stream(txn, *t, view_type, store_->now_ms());
      t->stream_enabled = true;
      t->stream_view_type = view_type;
      t->latest_stream_id = stream.stream_id;
      t->latest_stream_created_ms = stream.created_ms;
      txn.save_table(t);
      id = stream.stream_id;
    });
    return id;
  }

  // Disables it as UpdateTable will.
  void disable() {
    store_fixture::write_sync(*store_, [&](storage::WriteTxn& txn) {
      auto t = std::make_shared<storage::TableInfo>(*txn.live_table("t"));
      disable_stream(txn, t->latest_stream_id, store_->now_ms());
      t->stream_enabled = false;
      txn.save_table(t);
    });
  }

  // PutItem and DeleteItem as protocol runs them (the old item read in the same job).
  void put(const storage::Item& item) {
    store_fixture::write_sync(*store_, [&](storage::WriteTxn& txn) {
      storage::TablePtr t = txn.live_table("t");
      txn.put_item(*t, item, txn.get_item(*t, item));
    });
  }
  void del(const storage::Item& key) {
    store_fixture::write_sync(*store_, [&](storage::WriteTxn& txn) {
      storage::TablePtr t = txn.live_table("t");
      if (auto old = txn.get_item(*t, key)) {
        txn.delete_item(*t, *old);
      }
    });
  }

  std::vector<storage::StreamRecord> records(uint32_t stream_id) const {
    std::vector<storage::StreamRecord> out;
    store_->read([&](storage::ReadTxn& txn) {
      read_stream_records(txn, stream_id, 0, UINT64_MAX, [&](storage::StreamRecord& record) {
        out.push_back(std::move(record));
        return true;
      });
    });
    return out;
  }
  std::optional<storage::StreamInfo> stream(uint32_t stream_id) const {
    std::optional<storage::StreamInfo> out;
    store_->read([&](storage::ReadTxn& txn) { out = find_stream(txn, stream_id); });
    return out;
  }
  std::vector<storage::StreamInfo> streams() const {
    std::vector<storage::StreamInfo> out;
    store_->read([&](storage::ReadTxn& txn) { out = list_streams(txn); });
    return out;
  }

 private:
  store_fixture::TempDir dir_;
  ManualClock clock_;
  storage::StoreOptions options_;
  std::unique_ptr<storage::Store> store_;
};

inline storage::Item item(const std::string& pk, int sk, std::string value) {
  return storage::Item{{"pk", S(pk)}, {"sk", N(std::to_string(sk))}, {"v", S(std::move(value))}};
}
inline storage::Item key(const std::string& pk, int sk) {
  return storage::Item{{"pk", S(pk)}, {"sk", N(std::to_string(sk))}};
}

// The sequence numbers of `records`, in order.
inline std::vector<uint64_t> seqs(const std::vector<storage::StreamRecord>& records) {
  std::vector<uint64_t> out;
  for (const auto& record : records) {
    out.push_back(record.seq);
  }
  return out;
}

}  // namespace stream_fixture
