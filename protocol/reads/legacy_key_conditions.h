#pragma once

#include <optional>
#include <vector>

#include "protocol/reads/key_condition.h"
#include "protocol/wire/fields.h"

namespace protocol::legacy {

// KeyConditions -> one KeyCondition per attribute, in the order written. Nullopt when absent.
// Checked as filters are (items/legacy.h); whether they suit the table's key is plan_key_query's
// business.
std::optional<std::vector<KeyCondition>> read_key_conditions(const Fields& f);

}  // namespace protocol::legacy
