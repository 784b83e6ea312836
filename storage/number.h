#pragma once

#include <compare>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

namespace storage {

// Why a text or an arithmetic result is not a valid DynamoDB number. protocol/ maps each kind to
// DynamoDB's exact ValidationException message.
enum class NumberProblem {
  kUnparseable,  // "abc", "NaN", "Infinity", " 1", "1e", "" ...
  kOverflow,     // magnitude above 9.99..e125
  kUnderflow,    // non-zero magnitude below 1e-130
  kTooPrecise,   // more than 38 significant digits
};

class NumberError : public std::runtime_error {
 public:
  explicit NumberError(NumberProblem problem);
  NumberProblem problem() const { return problem_; }

 private:
  NumberProblem problem_;
};

// An exact DynamoDB decimal in canonical form: value = (-1)^negative * 0.d1d2...dn *
// 10^(exponent+1) i.e. d1.d2...dn * 10^exponent (scientific exponent), digits without leading or
// trailing zeros. Equal values have equal members, so `1000`, `1e3`, `1000.0` and `+1000` are
// indistinguishable. Zero is digits "" (negative false, exponent 0).
class Number {
 public:
  static constexpr int kMaxDigits = 38;
  static constexpr int kMaxExponent = 125;   // largest scientific exponent allowed
  static constexpr int kMinExponent = -130;  // smallest scientific exponent allowed
  static constexpr size_t kMaxKeyBytes = 41;

  Number() = default;  // zero

  // Parses DynamoDB number text (optional sign, digits with optional point, optional e/E exponent).
  // Throws NumberError. Bounded: the exponent text is capped before conversion.
  static Number parse(std::string_view text);

  // Builds from an integer (for counters and tests).
  static Number from_int(int64_t value);

  bool is_zero() const { return digits_.empty(); }
  bool negative() const { return negative_; }
  int exponent() const { return exponent_; }
  const std::string& digits() const { return digits_; }  // ASCII '1'..'9' first, no trailing '0'

  // Plain decimal, never scientific: 1e3 -> "1000", 1e-3 -> "0.001", -0 -> "0".
  std::string to_string() const;

  // Exact sum/difference. Throws NumberError when the result needs more than 38 digits or leaves
  // the magnitude range.
  Number plus(const Number& other) const;
  Number minus(const Number& other) const;
  Number negated() const;

  friend std::strong_ordering operator<=>(const Number& a, const Number& b);
  friend bool operator==(const Number& a, const Number& b) = default;

  // Order-preserving, self-delimiting bytes (at most 41), see storage/FORMAT.md:
  //   negative: 0x01, 255-(E+130), each digit as 10-d, 0xFF
  //   zero:     0x02
  //   positive: 0x03, E+130, each digit as d+1, 0x00
  void append_key_bytes(std::string& out) const;
  // Reads one encoded number from the front of `in` and advances it. Returns false on bad bytes.
  static bool read_key_bytes(std::string_view& in, Number& out);

  // Bytes DynamoDB counts for this number in item size. Close to the Developer Guide's
  // "1 + ceil(significant digits / 2)" but exact: one exponent byte plus one byte per base-100
  // digit pair (pairs aligned on even powers of ten), one more when negative, at most 21; zero
  // is 1. See the comment on size_bytes in number.cpp for the evidence.
  size_t size_bytes() const;

 private:
  // Trusted: the caller has already canonicalised and range-checked the parts.
  Number(bool negative, int32_t exponent, std::string digits)
      : negative_(negative), exponent_(exponent), digits_(std::move(digits)) {}

  bool negative_ = false;
  int32_t exponent_ = 0;
  std::string digits_;
};

}  // namespace storage
