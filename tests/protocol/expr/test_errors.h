#pragma once

// Error capture for the expression tests (tests/protocol/expr_*_test.cpp): every failure of the
// expression language is an ApiError, and the tests compare its text.

#include <catch2/catch.hpp>

#include <string>

#include "protocol/error.h"

namespace expr_test {

// The message of the ValidationException `fn` throws (any other type fails the test), or
// "no error".
template <typename Fn>
std::string error_of(Fn fn) {
  try {
    fn();
  } catch (const protocol::ApiError& e) {
    CHECK(e.type() == "ValidationException");
    return e.message();
  }
  return "no error";
}

// "<type>: <message>" of the ApiError `fn` throws, or "no error".
template <typename Fn>
std::string typed_error_of(Fn fn) {
  try {
    fn();
  } catch (const protocol::ApiError& e) {
    return e.type() + ": " + e.message();
  }
  return "no error";
}

}  // namespace expr_test
