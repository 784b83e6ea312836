#pragma once

// Counts one level of nesting for the lifetime of a recursive parser's frame: the expression
// parser's and PartiQL's states both bound their depth through enter_nesting/leave_nesting.
namespace protocol::expr {

template <class State>
class NestingGuard {
 public:
  explicit NestingGuard(State& state) : state_(state) { state_.enter_nesting(); }
  ~NestingGuard() { state_.leave_nesting(); }
  NestingGuard(const NestingGuard&) = delete;
  NestingGuard& operator=(const NestingGuard&) = delete;

 private:
  State& state_;
};

}  // namespace protocol::expr
