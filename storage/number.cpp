#include "storage/number.h"

#include <algorithm>
#include <vector>

namespace storage {

namespace {

// Exponent text is clamped to this magnitude while it is read, so "1e99999999999999999999" costs
// one pass over its digits and no int64_t overflow. A clamped exponent still lands on the right
// side of -130..125 after adding the digit-position shift (at most the text length, and requests
// are at most 16 MiB), and the sum stays far inside int64_t.
constexpr int64_t kExponentClamp = 1'000'000'000'000'000;

const char* problem_text(NumberProblem problem) {
  switch (problem) {
    case NumberProblem::kUnparseable:
      return "number: cannot be converted to a numeric value";
    case NumberProblem::kOverflow:
      return "number: magnitude larger than supported range";
    case NumberProblem::kUnderflow:
      return "number: magnitude smaller than supported range";
    case NumberProblem::kTooPrecise:
      return "number: more than 38 significant digits";
  }
  return "number: invalid";
}

// Range checks in the order DynamoDB reports them: magnitude before precision. dynalite's
// checkNum (validations/index.js) tests e > 125, then e < -130, then c.length > 38, and
// Alternator's parse_and_validate_number (alternator/serialization.cc) checks overflow, underflow,
// then precision. So "1234...(39 digits)e200" is an overflow, not "too precise".
void check_range(int64_t sci_exponent, size_t digit_count) {
  if (sci_exponent > Number::kMaxExponent) {
    throw NumberError(NumberProblem::kOverflow);
  }
  if (sci_exponent < Number::kMinExponent) {
    throw NumberError(NumberProblem::kUnderflow);
  }
  if (digit_count > static_cast<size_t>(Number::kMaxDigits)) {
    throw NumberError(NumberProblem::kTooPrecise);
  }
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

size_t skip_digits(std::string_view text, size_t pos) {
  while (pos < text.size() && is_digit(text[pos])) {
    ++pos;
  }
  return pos;
}

// The pieces of number text, as views into it.
struct NumberText {
  bool negative = false;
  std::string_view int_digits;   // before the point
  std::string_view frac_digits;  // after the point
  bool exponent_negative = false;
  std::string_view exponent_digits;  // empty when there is no e/E part
};

// Grammar (Java BigDecimal's, which DynamoDB accepts): [+-] (D+ [. D*] | . D+) [(e|E) [+-] D+].
// One pass, no allocation. Anything else - spaces, "NaN", "Infinity", hex, "." alone, "1e",
// "e5", "--1" - is rejected.
bool split_number_text(std::string_view text, NumberText& out) {
  size_t pos = 0;
  if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
    out.negative = text[pos] == '-';
    ++pos;
  }
  size_t end = skip_digits(text, pos);
  out.int_digits = text.substr(pos, end - pos);
  pos = end;
  if (pos < text.size() && text[pos] == '.') {
    end = skip_digits(text, pos + 1);
    out.frac_digits = text.substr(pos + 1, end - pos - 1);
    pos = end;
  }
  if (out.int_digits.empty() && out.frac_digits.empty()) {
    return false;
  }
  if (pos < text.size() && (text[pos] == 'e' || text[pos] == 'E')) {
    ++pos;
    if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
      out.exponent_negative = text[pos] == '-';
      ++pos;
    }
    end = skip_digits(text, pos);
    if (end == pos) {
      return false;
    }
    out.exponent_digits = text.substr(pos, end - pos);
    pos = end;
  }
  return pos == text.size();
}

// Value of the exponent digits, clamped to +-kExponentClamp (see there).
int64_t exponent_value(bool negative, std::string_view digits) {
  int64_t value = 0;
  for (char c : digits) {
    value = value * 10 + (c - '0');
    if (value > kExponentClamp) {
      value = kExponentClamp;
      break;
    }
  }
  return negative ? -value : value;
}

// The integer and fraction digits seen as one sequence, without copying them.
class MantissaDigits {
 public:
  MantissaDigits(std::string_view int_part, std::string_view frac_part)
      : int_part_(int_part), frac_part_(frac_part) {}
  size_t size() const { return int_part_.size() + frac_part_.size(); }
  size_t int_size() const { return int_part_.size(); }
  char operator[](size_t i) const {
    return i < int_part_.size() ? int_part_[i] : frac_part_[i - int_part_.size()];
  }

 private:
  std::string_view int_part_;
  std::string_view frac_part_;
};

// floor(x / 2) for negative x too.
int64_t floor_half(int64_t x) { return x >= 0 ? x / 2 : (x - 1) / 2; }

std::strong_ordering compare_magnitude(const Number& a, const Number& b) {
  if (a.exponent() != b.exponent()) {
    return a.exponent() <=> b.exponent();
  }
  return a.digits().compare(b.digits()) <=> 0;
}

// Power of ten of the last significant digit.
int lowest_power(const Number& n) { return n.exponent() - static_cast<int>(n.digits().size()) + 1; }

// |n| as digit values, little-endian: index i holds the digit of 10^(low + i); `width` slots.
std::vector<int> magnitude_digits(const Number& n, int low, size_t width) {
  std::vector<int> out(width, 0);
  for (size_t i = 0; i < n.digits().size(); ++i) {
    out[static_cast<size_t>(n.exponent() - static_cast<int>(i) - low)] = n.digits()[i] - '0';
  }
  return out;
}

void add_into(std::vector<int>& acc, const std::vector<int>& other) {
  int carry = 0;
  for (size_t i = 0; i < acc.size(); ++i) {
    int sum = acc[i] + other[i] + carry;
    acc[i] = sum % 10;
    carry = sum / 10;
  }
}

// acc -= other; the caller guarantees acc >= other.
void subtract_into(std::vector<int>& acc, const std::vector<int>& other) {
  int borrow = 0;
  for (size_t i = 0; i < acc.size(); ++i) {
    int diff = acc[i] - other[i] - borrow;
    borrow = diff < 0 ? 1 : 0;
    acc[i] = diff + 10 * borrow;
  }
}

}  // namespace

NumberError::NumberError(NumberProblem problem)
    : std::runtime_error(problem_text(problem)), problem_(problem) {}

Number Number::parse(std::string_view text) {
  NumberText parts;
  if (!split_number_text(text, parts)) {
    throw NumberError(NumberProblem::kUnparseable);
  }
  MantissaDigits mantissa(parts.int_digits, parts.frac_digits);
  size_t first = 0;
  while (first < mantissa.size() && mantissa[first] == '0') {
    ++first;
  }
  if (first == mantissa.size()) {
    return Number();  // zero, whatever its sign or exponent ("-0", "0e999999")
  }
  size_t last = mantissa.size() - 1;
  while (mantissa[last] == '0') {
    --last;
  }
  // Input length is bounded by memory (and the 16 MiB body), so these sizes fit in int64_t.
  int64_t sci_exponent = static_cast<int64_t>(mantissa.int_size()) - 1 -
                         static_cast<int64_t>(first) +
                         exponent_value(parts.exponent_negative, parts.exponent_digits);
  check_range(sci_exponent, last - first + 1);
  std::string digits;
  digits.reserve(last - first + 1);
  for (size_t i = first; i <= last; ++i) {
    digits.push_back(mantissa[i]);
  }
  return Number(parts.negative, static_cast<int32_t>(sci_exponent), std::move(digits));
}

Number Number::from_int(int64_t value) {
  // Unsigned negation so INT64_MIN has a magnitude.
  uint64_t magnitude = value < 0 ? 0 - static_cast<uint64_t>(value) : static_cast<uint64_t>(value);
  if (magnitude == 0) {
    return Number();
  }
  std::string text;
  while (magnitude != 0) {
    text.push_back(static_cast<char>('0' + magnitude % 10));
    magnitude /= 10;
  }
  std::reverse(text.begin(), text.end());
  int32_t exponent = static_cast<int32_t>(text.size()) - 1;
  while (text.back() == '0') {
    text.pop_back();
  }
  return Number(value < 0, exponent, std::move(text));
}

std::string Number::to_string() const {
  if (is_zero()) {
    return "0";
  }
  std::string out = negative_ ? "-" : "";
  const auto count = static_cast<int32_t>(digits_.size());
  if (exponent_ < 0) {
    out += "0.";
    out.append(static_cast<size_t>(-exponent_ - 1), '0');
    out += digits_;
    return out;
  }
  const int32_t int_count = exponent_ + 1;  // digits before the point
  if (count <= int_count) {
    out += digits_;
    out.append(static_cast<size_t>(int_count - count), '0');
    return out;
  }
  out.append(digits_, 0, static_cast<size_t>(int_count));
  out += '.';
  out.append(digits_, static_cast<size_t>(int_count));
  return out;
}

Number Number::negated() const {
  if (is_zero()) {
    return *this;
  }
  return Number(!negative_, exponent_, digits_);
}

// Exact: both operands have at most 38 digits within 1e-130..1e126, so every digit of the sum fits
// in about 300 decimal places. The result is then checked like parsed input (magnitude first).
Number Number::plus(const Number& other) const {
  if (is_zero()) {
    return other;
  }
  if (other.is_zero()) {
    return *this;
  }
  const int low = std::min(lowest_power(*this), lowest_power(other));
  const int high = std::max(exponent_, other.exponent_) + 1;  // one extra place for a carry
  const auto width = static_cast<size_t>(high - low + 1);
  std::vector<int> acc = magnitude_digits(*this, low, width);
  std::vector<int> rest = magnitude_digits(other, low, width);
  bool negative = negative_;
  if (negative_ == other.negative_) {
    add_into(acc, rest);
  } else {
    const std::strong_ordering order = compare_magnitude(*this, other);
    if (order == std::strong_ordering::equal) {
      return Number();  // exact cancellation
    }
    if (order == std::strong_ordering::less) {
      std::swap(acc, rest);
      negative = other.negative_;
    }
    subtract_into(acc, rest);
  }
  size_t top = width - 1;
  while (acc[top] == 0) {
    --top;  // the result is non-zero, so this stops
  }
  size_t bottom = 0;
  while (acc[bottom] == 0) {
    ++bottom;
  }
  check_range(low + static_cast<int64_t>(top), top - bottom + 1);
  std::string digits;
  for (size_t i = top + 1; i-- > bottom;) {
    digits.push_back(static_cast<char>('0' + acc[i]));
  }
  return Number(negative, low + static_cast<int32_t>(top), std::move(digits));
}

Number Number::minus(const Number& other) const { return plus(other.negated()); }

std::strong_ordering operator<=>(const Number& a, const Number& b) {
  auto sign = [](const Number& n) { return n.is_zero() ? 0 : (n.negative() ? -1 : 1); };
  const int sign_a = sign(a);
  const int sign_b = sign(b);
  if (sign_a != sign_b) {
    return sign_a <=> sign_b;
  }
  if (sign_a == 0) {
    return std::strong_ordering::equal;
  }
  const std::strong_ordering magnitude = compare_magnitude(a, b);
  return sign_a > 0 ? magnitude : 0 <=> magnitude;  // a larger magnitude is smaller when negative
}

// Layout in number.h / STYLE.md. Why it sorts numerically: the tag orders the three sign classes;
// among positives a larger exponent byte means a larger number, and at equal exponents digit
// bytes (d+1, so 1..10) compare like digits while the 0x00 terminator sorts a shorter digit string
// (a prefix, hence smaller since digits have no trailing zeros) first. Negatives invert every
// byte's meaning: 255-(E+130) and 10-d, with the 0xFF terminator sorting a prefix (a smaller
// magnitude, so a larger number) last.
void Number::append_key_bytes(std::string& out) const {
  if (is_zero()) {
    out.push_back('\x02');
    return;
  }
  const int biased = exponent_ - kMinExponent;  // 0..255
  if (negative_) {
    out.push_back('\x01');
    out.push_back(static_cast<char>(255 - biased));
    for (char d : digits_) {
      out.push_back(static_cast<char>(10 - (d - '0')));
    }
    out.push_back('\xFF');
    return;
  }
  out.push_back('\x03');
  out.push_back(static_cast<char>(biased));
  for (char d : digits_) {
    out.push_back(static_cast<char>(d - '0' + 1));
  }
  out.push_back('\x00');
}

// Accepts exactly what append_key_bytes writes: 1..38 digits, none out of range, no leading or
// trailing zero digit (those would break "equal values, equal bytes"). On failure `in` and `out`
// are left untouched.
bool Number::read_key_bytes(std::string_view& in, Number& out) {
  if (in.empty()) {
    return false;
  }
  const auto tag = static_cast<uint8_t>(in[0]);
  if (tag == 0x02) {
    out = Number();
    in.remove_prefix(1);
    return true;
  }
  if ((tag != 0x01 && tag != 0x03) || in.size() < 2) {
    return false;
  }
  const bool negative = tag == 0x01;
  const auto exponent_byte = static_cast<uint8_t>(in[1]);
  const int biased = negative ? 255 - exponent_byte : exponent_byte;
  const uint8_t terminator = negative ? 0xFF : 0x00;
  std::string digits;
  size_t pos = 2;
  for (; pos < in.size() && static_cast<uint8_t>(in[pos]) != terminator; ++pos) {
    const auto byte = static_cast<uint8_t>(in[pos]);
    const int digit = negative ? 10 - byte : byte - 1;
    if (digit < 0 || digit > 9 || digits.size() == static_cast<size_t>(kMaxDigits)) {
      return false;
    }
    digits.push_back(static_cast<char>('0' + digit));
  }
  if (pos == in.size() || digits.empty() || digits.front() == '0' || digits.back() == '0') {
    return false;
  }
  out = Number(negative, biased + kMinExponent, std::move(digits));
  in.remove_prefix(pos + 1);
  return true;
}

// DynamoDB stores a number the way Oracle stores NUMBER: one exponent byte, then the mantissa in
// base 100, one byte per pair of decimal digits with pairs aligned on even powers of ten (so
// 1.5 = 01|50 takes two bytes but 15 = 15 one), then for negatives a terminator byte unless the
// mantissa already has the maximum 20 bytes; zero is a single byte. Evidence:
//   - Zac Charles' calculator (github.com/zaccharles/dynamodb-calculator, index.html,
//     calculateNumberSizeInBytes), measured against DynamoDB: zero -> 1; otherwise base-100 pairs
//     of the plain decimal with "00" pairs trimmed at both ends, +1, +1 if negative, capped at 21.
//   - dynalite's numToBuffer (db/index.js), which reproduces DynamoDB's hash-key bytes to get the
//     same Scan order: exponent byte, base-100 pairs, and a 102 terminator for negatives with
//     fewer than 20 mantissa bytes - the same lengths.
//   - nubo-db/dynoxide pull request #195: 23 literals sized to the byte on eu-west-2 by bisecting
//     the 400 KB limit ("3.14159" 5, "123456" 4, "1.5" 3, "15" 2, "1010" 3, "100.5" 4, "-42" 3,
//     "1E125" 2, "0" 1 ...). This rule gives every one of them (see number_test.cpp). Its own
//     simpler fit, 1 + ceil(int digits/2) + ceil(fraction digits/2), differs from this rule only
//     on uncaptured values such as "120" or "0.012", where the base-100 layout above says 3.
//   - The Developer Guide ("Item sizes and formats") gives only the approximation
//     "1 byte per two significant digits + 1 byte". dynalite's own itemSize (ceil(n/2) plus 1 or 2
//     by exponent parity) disagrees with its numToBuffer for odd digit counts, so it is not used.
size_t Number::size_bytes() const {
  if (is_zero()) {
    return 1;
  }
  const int64_t pairs = floor_half(exponent_) - floor_half(lowest_power(*this)) + 1;
  const size_t size = 1 + static_cast<size_t>(pairs) + (negative_ ? 1 : 0);
  return std::min<size_t>(size, 21);
}

}  // namespace storage
