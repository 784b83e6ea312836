#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "protocol/expr/expr.h"
#include "protocol/items/capacity.h"
#include "protocol/wire/fields.h"
#include "protocol/wire/json.h"
#include "storage/schema.h"
#include "storage/value.h"

// What Query and Scan share: Select, Limit and ExclusiveStartKey, the checks DynamoDB makes on
// them, and the page itself (the 1 MB limit, Limit, filter, projection, counts, LastEvaluatedKey
// and consumed capacity), written straight to the JSON reply as items are read.
namespace protocol {

enum class Select { kAllAttributes, kAllProjectedAttributes, kSpecificAttributes, kCount };

// DynamoDB stops a page once the items it read reach 1 MB (before any filter).
constexpr size_t kMaxPageBytes = 1024 * 1024;

// Select (enum ALL_ATTRIBUTES, ALL_PROJECTED_ATTRIBUTES, SPECIFIC_ATTRIBUTES, COUNT); a bad value
// is a violation.
std::optional<Select> read_select(const Fields& f, Violations& v);

// Limit (at least 1). Scan reports a bad Limit like any other violation. For Query, [CONF]
// recorded DynamoDB's own form "Value at 'Limit' ..." when it is the only violation, so Query reads
// it with `query` set and raises everything with raise_query_violations.
std::optional<int64_t> read_limit(const Fields& f, Violations& v, bool query);

// The members Query and Scan share.
struct ReadRequestBase {
  std::string table_name;
  std::optional<std::string> index_name;
  CapacityMode capacity = CapacityMode::kNone;
  std::optional<Select> select;
  std::optional<int64_t> limit;
  bool consistent = false;
  std::optional<storage::Item> start_key;
  std::optional<expr::Condition> filter;
  std::optional<expr::Projection> projection;
  Select effective_select = Select::kAllAttributes;
};

// Reads the shared members, adding their constraint violations to `v` in the order DynamoDB
// lists them (Select, IndexName, ReturnConsumedCapacity, the legacy filter map, TableName,
// ConditionalOperator, AttributesToGet, Limit). The caller adds its own and raises; then
// finish_shared_members fills the names.
void read_shared_members(const Fields& f, std::string_view filter_member, bool query, Violations& v,
                         ReadRequestBase& r);
void finish_shared_members(const Fields& f, ReadRequestBase& r);
void raise_query_violations(const Violations& v, std::optional<int64_t> limit);

// ExclusiveStartKey's values, parsed; a bad value is "The provided starting key is invalid: ..."
// for the problems DynamoDB words that way.
std::optional<storage::Item> read_start_key(const Fields& f);

// Which attributes to return. `projection_member` names the member that asked for specific
// attributes ("ProjectionExpression", "AttributesToGet") or is empty. Throws DynamoDB's texts for
// combinations it refuses.
Select check_select(std::optional<Select> select, std::string_view projection_member,
                    bool has_index);

// FilterExpression parsed, resolved and operand-checked.
expr::Condition parse_filter_expression(std::string_view text, expr::Resolver& resolver);

// Every document path of a condition (filters are checked against key attributes).
std::vector<const expr::Path*> condition_paths(const expr::Condition& condition);

// "Key attributes must be scalars; ...": no path may go inside a key attribute of the table
// ("Key: a") or of one of its indexes ("IndexKey: d").
void check_scalar_key_paths(const storage::TableInfo& table,
                            const std::vector<const expr::Path*>& paths);

// A read of a secondary index (index_read.h plans it).
struct IndexRead {
  const storage::IndexDefinition* index = nullptr;
  // An LSI read needing attributes the index does not project: items come whole from the table
  // (for the filter and ProjectionExpression; the page shows the projection unless
  // `all_attributes`, Select ALL_ATTRIBUTES).
  bool fetch_from_table = false;
  bool all_attributes = false;
};

// What a Query or Scan answers: one page of items.
struct ReadPageResult {
  bool count_only = false;  // Select COUNT: no Items member
  // Those that passed the filter, projected, in order; empty when they went to a PageSink.
  std::vector<storage::Item> items;
  int64_t count = 0;                                // items that passed the filter
  int64_t scanned = 0;                              // items read
  size_t read_bytes = 0;                            // their size (the 1 MB limit's measure)
  std::optional<storage::Item> last_evaluated_key;  // set when the page stopped early
  ConsumedCapacity capacity;
};

// Where a page's items go instead of ReadPageResult::items: each as it is read, inside the read
// transaction. The JSON reply uses one to write items straight from the cursor into the reply, so
// that a page costs no copy of its items (the reads decode every item into one reused Item).
class PageSink {
 public:
  virtual ~PageSink() = default;
  virtual void add(const storage::Item& item) = 0;
};

// The sink of a Query or Scan JSON reply: its "Items" array (absent for Select COUNT), written as
// the items come. finish() closes the array; write_page_summary then writes the rest.
class JsonPageSink : public PageSink {
 public:
  JsonPageSink(JsonWriter& w, bool count_only);
  void add(const storage::Item& item) override;
  void finish();

 private:
  JsonWriter& w_;
  bool count_only_;
};

// Count, ScannedCount, LastEvaluatedKey and ConsumedCapacity.
void write_page_summary(JsonWriter& w, const ReadPageResult& page);

// Builds one page. Items are offered in order with add(); the page keeps each item that passes the
// filter (projected), counts, and says when it is full.
class Page {
 public:
  struct Options {
    std::optional<int64_t> limit;
    const expr::Condition* filter = nullptr;
    const expr::Projection* projection = nullptr;
    bool count_only = false;
    IndexRead index;  // index.index null: reading the table
  };
  // Items go to `sink` when there is one, else into the result.
  Page(const storage::TableInfo& table, const Options& options, PageSink* sink = nullptr);

  // Evaluates one item (the whole table item, also when reading an index: the page shows the
  // index's projection of it), and may move from it. False when the page is full (Limit reached
  // or 1 MB read).
  bool add(storage::Item& item);
  // The page, with LastEvaluatedKey when it stopped early and is `resumable`, and the capacity its
  // reads consumed.
  ReadPageResult finish(bool resumable, CapacityMode capacity, bool consistent);

 private:
  // LastEvaluatedKey: the table's key attributes, and the index's when reading one.
  storage::Item last_key_of(const storage::Item& item) const;
  // An item for the page: to the sink, or moved into the result.
  void keep(storage::Item& item);
  void keep(storage::Item&& item);

  const storage::TableInfo& table_;
  Options options_;
  PageSink* sink_;
  ReadPageResult result_;
  size_t bytes_ = 0;           // read from the table, or from the index when reading one
  size_t fetched_blocks_ = 0;  // 4 KB units of items an LSI read fetched from the table
};

// The page options of a Query or Scan request reading `index` (or the table).
Page::Options page_options(const ReadRequestBase& r, const IndexRead& index);

}  // namespace protocol
