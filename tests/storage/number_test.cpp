#include "storage/number.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <climits>
#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <vector>

using storage::Number;
using storage::NumberError;
using storage::NumberProblem;

namespace {

std::string canon(std::string_view text) { return Number::parse(text).to_string(); }

NumberProblem parse_problem(std::string_view text) {
  try {
    Number::parse(text);
  } catch (const NumberError& e) {
    return e.problem();
  }
  FAIL("parsed without error: " << std::string(text.substr(0, 80)));
  return NumberProblem::kUnparseable;
}

template <typename F>
NumberProblem problem_of(F&& f) {
  try {
    f();
  } catch (const NumberError& e) {
    return e.problem();
  }
  FAIL("no NumberError thrown");
  return NumberProblem::kUnparseable;
}

std::string key_bytes(const Number& n) {
  std::string out;
  n.append_key_bytes(out);
  return out;
}

// A value described independently of Number: sign, digits d1..dn (no leading/trailing zero) and
// scientific exponent, or zero.
struct Spec {
  bool zero = false;
  bool negative = false;
  std::string digits;
  int exponent = 0;
};

// Exact fixed-point image of a Spec: 126 integer places and 168 fraction places cover every
// DynamoDB number, so comparing these strings character by character compares magnitudes.
std::string fixed_point(const Spec& s) {
  constexpr int kIntPlaces = 126;
  constexpr int kFracPlaces = 168;
  std::string out(kIntPlaces + kFracPlaces, '0');
  for (size_t i = 0; i < s.digits.size(); ++i) {
    int power = s.exponent - static_cast<int>(i);
    out[static_cast<size_t>(kIntPlaces - 1 - power)] = s.digits[i];
  }
  return out;
}

// The test's own exact comparator: sign class, then aligned digit strings.
int compare_specs(const Spec& a, const Spec& b) {
  auto sign = [](const Spec& s) { return s.zero ? 0 : (s.negative ? -1 : 1); };
  if (sign(a) != sign(b)) {
    return sign(a) < sign(b) ? -1 : 1;
  }
  if (sign(a) == 0) {
    return 0;
  }
  int c = fixed_point(a).compare(fixed_point(b));
  c = c < 0 ? -1 : (c > 0 ? 1 : 0);
  return a.negative ? -c : c;
}

// Scientific text for a Spec, e.g. "-1.25e-3".
std::string sci_text(const Spec& s) {
  if (s.zero) {
    return "0";
  }
  std::string out = s.negative ? "-" : "";
  out += s.digits.substr(0, 1);
  if (s.digits.size() > 1) {
    out += "." + s.digits.substr(1);
  }
  return out + "e" + std::to_string(s.exponent);
}

// Plain text for a Spec written by the test (not Number::to_string), padded with the given
// number of extra leading and trailing zeros.
std::string plain_text(const Spec& s, int lead_zeros, int trail_zeros, bool plus) {
  if (s.zero) {
    return std::string(static_cast<size_t>(lead_zeros + 1), '0');
  }
  std::string fixed = fixed_point(s);
  size_t first = fixed.find_first_not_of('0');
  size_t last = fixed.find_last_not_of('0');
  size_t point = 126;  // index of the first fraction place
  size_t begin = std::min(first, point - 1);
  size_t end = std::max(last + 1, point);
  std::string out = s.negative ? "-" : (plus ? "+" : "");
  out.append(static_cast<size_t>(lead_zeros), '0');
  out += fixed.substr(begin, point - begin);
  if (end > point || trail_zeros > 0) {
    out += "." + fixed.substr(point, end - point);
    out.append(static_cast<size_t>(trail_zeros), '0');
  }
  return out;
}

Spec random_spec(std::mt19937& rng) {
  std::uniform_int_distribution<int> percent(0, 99);
  std::uniform_int_distribution<int> digit(0, 9);
  std::uniform_int_distribution<int> nonzero(1, 9);
  Spec s;
  if (percent(rng) < 4) {
    s.zero = true;
    return s;
  }
  s.negative = percent(rng) < 50;
  // Small lengths and a narrow exponent band often, so prefixes and ties actually occur.
  int max_len = percent(rng) < 50 ? 3 : Number::kMaxDigits;
  int len = std::uniform_int_distribution<int>(1, max_len)(rng);
  for (int i = 0; i < len; ++i) {
    bool edge = i == 0 || i == len - 1;
    s.digits.push_back(static_cast<char>('0' + (edge ? nonzero(rng) : digit(rng))));
  }
  s.exponent = percent(rng) < 50 ? std::uniform_int_distribution<int>(-2, 2)(rng)
                                 : std::uniform_int_distribution<int>(-130, 125)(rng);
  return s;
}

void require_matches(const Number& n, const Spec& s) {
  REQUIRE(n.is_zero() == s.zero);
  if (!s.zero) {
    REQUIRE(n.negative() == s.negative);
    REQUIRE(n.exponent() == s.exponent);
    REQUIRE(n.digits() == s.digits);
  }
}

}  // namespace

TEST_CASE("parse canonicalises and prints plain decimal", "[number]") {
  struct Case {
    const char* in;
    const char* out;
  };
  const Case cases[] = {
      {"0", "0"},
      {"-0", "0"},
      {"+0", "0"},
      {"0.000", "0"},
      {"-0.0e-5", "0"},
      {"0e126", "0"},
      {"0e999999", "0"},
      {"0e-999999999999999999999", "0"},
      {"000", "0"},
      {"1", "1"},
      {"+1000", "1000"},
      {"1e3", "1000"},
      {"1E+3", "1000"},
      {"1000.0", "1000"},
      {"001000", "1000"},
      {"10e2", "1000"},
      {"0.1e4", "1000"},
      {"12.30", "12.3"},
      {"-0.5", "-0.5"},
      {".5", "0.5"},
      {"-.5", "-0.5"},
      {"5.", "5"},
      {"5.e1", "50"},
      {"0001.23", "1.23"},
      {"-7.1234", "-7.1234"},
      {"-17e5", "-1700000"},
      {"-17.4E37", "-174000000000000000000000000000000000000"},
      {"1e-3", "0.001"},
      {"1e-20", "0.00000000000000000001"},
      {"123e-7", "0.0000123"},
      {"1.5e1", "15"},
      {"1.55e1", "15.5"},
      {"100e-2", "1"},
      {"1e0", "1"},
      {"1e-0", "1"},
      {"1e+0000000000000000000000000000003", "1000"},
      {"99999999999999999999999999999999999999", "99999999999999999999999999999999999999"},
      {"3.1415926535897932384626433832795028841", "3.1415926535897932384626433832795028841"},
      {"9223372036854775807", "9223372036854775807"},
  };
  for (const Case& c : cases) {
    INFO(c.in);
    CHECK(canon(c.in) == c.out);
  }
  CHECK(canon("1e125") == "1" + std::string(125, '0'));
  CHECK(canon("-1e125") == "-1" + std::string(125, '0'));
  CHECK(canon("1e-130") == "0." + std::string(129, '0') + "1");
  CHECK(canon("9.9999999999999999999999999999999999999e125") ==
        std::string(38, '9') + std::string(88, '0'));
  CHECK(canon("31415926535897932384626433832795028841e30") ==
        "31415926535897932384626433832795028841" + std::string(30, '0'));
}

TEST_CASE("parse stores the documented canonical members", "[number]") {
  Number n = Number::parse("-00123.4500e2");
  CHECK(n.negative());
  CHECK(n.exponent() == 4);
  CHECK(n.digits() == "12345");
  Number small = Number::parse("0.00120");
  CHECK_FALSE(small.negative());
  CHECK(small.exponent() == -3);
  CHECK(small.digits() == "12");
  Number zero = Number::parse("-0e50");
  CHECK(zero.is_zero());
  CHECK_FALSE(zero.negative());
  CHECK(zero.exponent() == 0);
  CHECK(zero.digits().empty());
  CHECK(zero == Number());
  // All spellings of one value are equal members, hence equal keys.
  for (const char* text : {"1e3", "1E+3", "1000.0", "001000", "+1000", "10e2", "1000e0"}) {
    INFO(text);
    CHECK(Number::parse(text) == Number::parse("1000"));
    CHECK(key_bytes(Number::parse(text)) == key_bytes(Number::parse("1000")));
  }
}

TEST_CASE("parse rejects text that is not a number", "[number]") {
  const char* bad[] = {
      "",         " ",         " 1",  "1 ",  "1\t",  "\n1",   "1 000", "NaN",   "-NaN",  "nan",
      "Infinity", "-Infinity", "inf", "dog", "-dog", "0x10",  "0x1p3", "1e",    "1E",    "1e+",
      "1e-",      "e5",        "E5",  ".",   "-.",   "+.",    ".e1",   "+",     "-",     "--1",
      "++1",      "+-1",       "-+1", "1-",  "1+",   "1.2.3", "1..2",  "1e5.5", "1e5e5", "1e--5",
      "1e+-5",    "1_000",     "1,5", "١",   "1d5",  "1f",    "0b1",   "- 1",   "1e 5",  "e",
  };
  for (const char* text : bad) {
    INFO("'" << text << "'");
    CHECK(parse_problem(text) == NumberProblem::kUnparseable);
  }
  CHECK(parse_problem(std::string_view("1\0", 2)) == NumberProblem::kUnparseable);
  CHECK(parse_problem(std::string(1, '\0') + "1") == NumberProblem::kUnparseable);
}

TEST_CASE("parse range errors", "[number]") {
  // Magnitude limits: 1e126 and 11e125 overflow, 9.99..e125 does not; 1e-131 and 0.9e-130
  // underflow, 1e-130 does not.
  CHECK(parse_problem("1e126") == NumberProblem::kOverflow);
  CHECK(parse_problem("-1e126") == NumberProblem::kOverflow);
  CHECK(parse_problem("11e125") == NumberProblem::kOverflow);
  CHECK(parse_problem("1" + std::string(126, '0')) == NumberProblem::kOverflow);
  CHECK(parse_problem("1e-131") == NumberProblem::kUnderflow);
  CHECK(parse_problem("-1e-131") == NumberProblem::kUnderflow);
  CHECK(parse_problem("0.9e-130") == NumberProblem::kUnderflow);
  CHECK(parse_problem("0.99999e-130") == NumberProblem::kUnderflow);
  CHECK(parse_problem("0." + std::string(130, '0') + "1") == NumberProblem::kUnderflow);
  CHECK_NOTHROW(Number::parse("9.99999999e125"));
  CHECK_NOTHROW(Number::parse("-1e-130"));
  // Precision: 39 significant digits, wherever the point is.
  CHECK(parse_problem("123456789012345678901234567890123456789") == NumberProblem::kTooPrecise);
  CHECK(parse_problem("-1.23456789012345678901234567890123456789") == NumberProblem::kTooPrecise);
  CHECK(parse_problem("3.14159265358979323846264338327950288419") == NumberProblem::kTooPrecise);
  CHECK(parse_problem("314159265358979323846.264338327950288419") == NumberProblem::kTooPrecise);
  CHECK(parse_problem("314159265358979323846264338327950288419e30") == NumberProblem::kTooPrecise);
  CHECK(parse_problem("1.00000000000000000000000000000000000001") == NumberProblem::kTooPrecise);
  // Leading and trailing zeros are not significant.
  CHECK_NOTHROW(Number::parse("000" + std::string(38, '7') + "000.000"));
  CHECK_NOTHROW(Number::parse("0.000" + std::string(38, '7') + "000"));
}

TEST_CASE("parse reports magnitude before precision", "[number]") {
  // dynalite checkNum and Alternator's parse_and_validate_number both check overflow, then
  // underflow, then digit count.
  const std::string digits39 = "123456789012345678901234567890123456789";
  CHECK(parse_problem(digits39 + "e200") == NumberProblem::kOverflow);
  CHECK(parse_problem(digits39 + "e-200") == NumberProblem::kUnderflow);
  CHECK(parse_problem(digits39 + std::string(100, '0')) == NumberProblem::kOverflow);
  CHECK(parse_problem(digits39) == NumberProblem::kTooPrecise);
}

TEST_CASE("parse is bounded on hostile input", "[number]") {
  CHECK(parse_problem("1e99999999999999999999") == NumberProblem::kOverflow);
  CHECK(parse_problem("1e+99999999999999999999999999999999999999") == NumberProblem::kOverflow);
  CHECK(parse_problem("-1e2147483648") == NumberProblem::kOverflow);
  CHECK(parse_problem("1e4294967422") == NumberProblem::kOverflow);  // 2^32 + 126: no wrap
  CHECK(parse_problem("1e-99999999999999") == NumberProblem::kUnderflow);
  CHECK(parse_problem("1e-2147483649") == NumberProblem::kUnderflow);
  CHECK(parse_problem("1e-4294967296") == NumberProblem::kUnderflow);
  CHECK(parse_problem("1e" + std::string(100000, '9')) == NumberProblem::kOverflow);
  CHECK(canon("0e" + std::string(100000, '9')) == "0");
  // Huge exponent text with leading zeros is still the small exponent it spells.
  CHECK(canon("1e" + std::string(100000, '0') + "5") == "100000");

  const size_t big = 4u << 20;  // 4 MiB: quadratic work here would not finish
  CHECK(parse_problem(std::string(big, '7')) == NumberProblem::kOverflow);
  CHECK(parse_problem("0." + std::string(big, '7')) == NumberProblem::kTooPrecise);
  CHECK(parse_problem(std::string(big, '7') + "e-" + std::to_string(big)) ==
        NumberProblem::kTooPrecise);
  CHECK(canon(std::string(big, '0') + "1") == "1");
  CHECK(canon("1." + std::string(big, '0')) == "1");
  CHECK(canon("-" + std::string(big, '0') + "." + std::string(big, '0')) == "0");
  CHECK(parse_problem("0." + std::string(big, '0') + "1") == NumberProblem::kUnderflow);
  // The digit-position shift and the exponent combine exactly.
  CHECK(canon("0." + std::string(200, '0') + "1e200") == "0.1");
  CHECK(canon("1" + std::string(200, '0') + "e-200") == "1");
  CHECK(canon(std::string(big, '0') + "12" + std::string(big, '0') + "e-" +
              std::to_string(big + 1)) == "1.2");
  CHECK(parse_problem(std::string(big, '7') + "x") == NumberProblem::kUnparseable);
}

TEST_CASE("from_int", "[number]") {
  CHECK(Number::from_int(0).is_zero());
  CHECK(Number::from_int(0) == Number());
  CHECK(Number::from_int(1).to_string() == "1");
  CHECK(Number::from_int(-1).to_string() == "-1");
  CHECK(Number::from_int(1000) == Number::parse("1e3"));
  CHECK(Number::from_int(-120) == Number::parse("-1.2e2"));
  CHECK(Number::from_int(INT64_MAX).to_string() == "9223372036854775807");
  CHECK(Number::from_int(INT64_MIN).to_string() == "-9223372036854775808");
  CHECK(Number::from_int(INT64_MIN) == Number::parse("-9223372036854775808"));
  CHECK(Number::from_int(INT64_MIN + 1) == Number::parse("-9223372036854775807"));
  CHECK(Number::from_int(-1000000000000000000) == Number::parse("-1e18"));
}

TEST_CASE("NumberError carries its problem", "[number]") {
  NumberError e(NumberProblem::kTooPrecise);
  CHECK(e.problem() == NumberProblem::kTooPrecise);
  CHECK(std::string(e.what()).size() > 0);
}

TEST_CASE("comparison follows numeric order", "[number]") {
  // Hand-checked ascending order; neighbours differ in sign, exponent, length or last digit.
  const char* ascending[] = {
      "-9.9999999999999999999999999999999999999e125",
      "-1e125",
      "-123",
      "-12.3",
      "-12.01",
      "-12",
      "-11.99",
      "-2",
      "-1.000000000000000000000000000000000001",
      "-1",
      "-0.99",
      "-0.1",
      "-0.01",
      "-1e-130",
      "0",
      "1e-130",
      "1.1e-130",
      "2e-130",
      "0.001",
      "0.0011",
      "0.01",
      "0.1",
      "0.9",
      "0.99",
      "1",
      "1.000000000000000000000000000000000001",
      "1.01",
      "1.1",
      "2",
      "9.99",
      "10",
      "10.5",
      "11",
      "99",
      "100",
      "1e3",
      "1e125",
      "9.9999999999999999999999999999999999999e125",
  };
  const size_t count = sizeof(ascending) / sizeof(ascending[0]);
  for (size_t i = 0; i < count; ++i) {
    for (size_t j = 0; j < count; ++j) {
      INFO(ascending[i] << " vs " << ascending[j]);
      Number a = Number::parse(ascending[i]);
      Number b = Number::parse(ascending[j]);
      CHECK((a <=> b) == (i <=> j));
      CHECK((a == b) == (i == j));
      CHECK((key_bytes(a) < key_bytes(b)) == (i < j));
    }
  }
  CHECK(Number::parse("-0") == Number::parse("0"));
  CHECK((Number::parse("1.50") <=> Number::parse("1.5")) == std::strong_ordering::equal);
}

TEST_CASE("negated", "[number]") {
  CHECK(Number::parse("1.5").negated() == Number::parse("-1.5"));
  CHECK(Number::parse("-1.5").negated() == Number::parse("1.5"));
  CHECK(Number().negated() == Number());
  CHECK_FALSE(Number().negated().negative());
}

TEST_CASE("plus and minus are exact", "[number]") {
  auto sum = [](const char* a, const char* b) {
    return Number::parse(a).plus(Number::parse(b)).to_string();
  };
  auto diff = [](const char* a, const char* b) {
    return Number::parse(a).minus(Number::parse(b)).to_string();
  };
  CHECK(sum("1", "10000000000000000000000") == "10000000000000000000001");
  CHECK(diff("10000000000000000000000", "1") == "9999999999999999999999");
  CHECK(sum("0.1", "0.2") == "0.3");
  CHECK(sum("1.5", "-1.5") == "0");
  CHECK(diff("1.5", "1.5") == "0");
  CHECK_FALSE(Number::parse("-2").plus(Number::parse("2")).negative());
  CHECK(sum("0", "0") == "0");
  CHECK(sum("0", "-3.25") == "-3.25");
  CHECK(sum("-3.25", "0") == "-3.25");
  CHECK(diff("0", "3.25") == "-3.25");
  CHECK(sum("-1", "-2") == "-3");
  CHECK(diff("1", "3") == "-2");
  CHECK(diff("-1", "-3") == "2");
  CHECK(sum("99", "1") == "100");
  CHECK(diff("100", "1") == "99");
  CHECK(sum("0.999", "0.001") == "1");
  CHECK(diff("1e125", "1e124") == "9" + std::string(124, '0'));
  CHECK(sum("1e-130", "1e-130") == "0." + std::string(129, '0') + "2");
  CHECK(sum(std::string(38, '9').c_str(), "1") == "1" + std::string(38, '0'));
  CHECK(sum("9.9999999999999999999999999999999999999e125", "-9e125") ==
        "9999999999999999999999999999999999999" + std::string(88, '0'));
  CHECK(sum("1e100", "1e63") == "1" + std::string(36, '0') + "1" + std::string(63, '0'));
}

TEST_CASE("plus and minus range errors", "[number]") {
  auto plus_problem = [](const char* a, const char* b) {
    return problem_of([&] { Number::parse(a).plus(Number::parse(b)); });
  };
  auto minus_problem = [](const char* a, const char* b) {
    return problem_of([&] { Number::parse(a).minus(Number::parse(b)); });
  };
  CHECK(plus_problem("9e125", "9e125") == NumberProblem::kOverflow);
  CHECK(minus_problem("9e125", "-9e125") == NumberProblem::kOverflow);
  CHECK(plus_problem("-9e125", "-9e125") == NumberProblem::kOverflow);
  CHECK(plus_problem("9.9999999999999999999999999999999999999e125", "1e88") ==
        NumberProblem::kOverflow);
  CHECK(plus_problem("1e50", "1") == NumberProblem::kTooPrecise);
  CHECK(minus_problem("1e50", "1") == NumberProblem::kTooPrecise);
  CHECK(plus_problem("1", "1e-38") == NumberProblem::kTooPrecise);
  // Magnitude is reported before precision, as for parsed text.
  CHECK(plus_problem("9e125", "1e-5") == NumberProblem::kTooPrecise);
  CHECK(plus_problem("9.9999999999999999999999999999999999999e125", "1e-130") ==
        NumberProblem::kTooPrecise);
  CHECK(plus_problem("9.9999999999999999999999999999999999999e125", "1.5e88") ==
        NumberProblem::kOverflow);
  // Cancellation can leave a difference below 1e-130.
  CHECK(minus_problem("1.2e-130", "1.1e-130") == NumberProblem::kUnderflow);
  CHECK(plus_problem("-1.2e-130", "1.1e-130") == NumberProblem::kUnderflow);
  CHECK(Number::parse("2e-130").minus(Number::parse("1e-130")).to_string() ==
        "0." + std::string(129, '0') + "1");
}

TEST_CASE("plus and minus match Python decimal", "[number]") {
  // Generated once with Python's decimal module (prec=1000, exact): operands are random 1..38
  // digit numbers, results classified by adjusted exponent (>125 overflow, <-130 underflow) and
  // then digit count (>38 too precise), printed with '{:f}' after normalize().
  struct Case {
    const char* a;
    char op;
    const char* b;
    const char* expected;
  };
  const Case cases[] = {
      {"1.45187288967403617e39", '+', "-7.382191712570729e-124", "TOO_PRECISE"},
      {"7.780524070405543756900312975005e121", '+', "-6.1096903e-121", "TOO_PRECISE"},
      {"2.2e-122", '+', "-1.01208416331745481e-120",
       "-0."
       "0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
       "0000000000000000000000000000099008416331745481"},
      {"-2.335149506358891635302388324e-31", '+', "2.335149506358891635302388323e-31",
       "-0.0000000000000000000000000000000000000000000000000000000001"},
      {"-8.837485422458561340894335741726127569e-4", '+', "-7.0857981381e38", "TOO_PRECISE"},
      {"-2.71245808357756994127227e4", '-', "-2.2063391777e53", "TOO_PRECISE"},
      {"7.962305956424e-127", '+', "6.976352737e112", "TOO_PRECISE"},
      {"-6.86729670892158859e48", '-', "6.945702152792298269696744796e-3", "TOO_PRECISE"},
      {"-2.326e-124", '+', "-2.325e-124",
       "-0."
       "0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
       "000000000000000000000000000000004651"},
      {"5.81078530246860003510949676037819672e120", '+', "-2.3562045e-83", "TOO_PRECISE"},
      {"-4.019729923907481298355781685945e124", '+', "-4.3298142553371833201462e124",
       "-834954417924466461850198168594500000000000000000000000000000000000000000000000000000000000"
       "00000000000000000000000000000000000"},
      {"-3.61931857557423964e108", '+', "-8.774e3", "TOO_PRECISE"},
      {"-5.7882774877170607e123", '-', "4.69738990343248298399e58", "TOO_PRECISE"},
      {"-2.24027983743812972e42", '+', "2.24027983743812971e42", "-10000000000000000000000000"},
      {"-7.0271280599e-125", '-', "8.2682509e0", "TOO_PRECISE"},
      {"8.960450334447766291064893741404e99", '+', "8.960450334447766291064893741403e99",
       "1792090066889553258212978748280700000000000000000000000000000000000000000000000000000000000"
       "0000000000"},
      {"7.72873234866e-121", '+', "7.72873234865e-121",
       "0."
       "0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
       "00000000000000000000000000001545746469731"},
      {"4.82918822793894555183207e24", '+', "-4.86431546085479615e121", "TOO_PRECISE"},
      {"-8e56", '-', "9.908543714119235220835e5", "TOO_PRECISE"},
      {"-2.2868754978064125965562037e120", '+', "-2.052666400089396460254753884744488e124",
       "-205289508763917710151440950511448800000000000000000000000000000000000000000000000000000000"
       "00000000000000000000000000000000000"},
      {"-3.86299179845254557461859974265656e-125", '+', "-3.86299179845254557461859974265655e-125",
       "-0."
       "0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
       "000000000000000000000000000000000772598359690509114923719948531311"},
      {"2.432575610636921617349104838874438e-120", '-', "-2.432575610636921617349104838874437e-120",
       "0."
       "0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
       "00000000000000000000000000004865151221273843234698209677748875"},
      {"4.78882035876325e-2", '-', "4.78882035876324e-2", "0.0000000000000001"},
      {"6.4132975288e122", '+', "6e43", "TOO_PRECISE"},
      {"6.183250243094377898e31", '+', "8.419670308019693998370072746419049491e-125",
       "TOO_PRECISE"},
      {"6.4256687514336206262638049e120", '+', "-3.856521660271e-120", "TOO_PRECISE"},
      {"9.47592e-130", '+', "-9.47591e-130", "UNDERFLOW"},
      {"9.401560194767316187690214409e32", '-', "9.401560194767316187690214408e32", "100000"},
      {"3.3640024633835e123", '-', "2.390218593e-101", "TOO_PRECISE"},
      {"-2.66560671843887996523973578509213e4", '-', "2.66560671843887996523973578509212e4",
       "-53312.1343687775993047947157018425"},
      {"-7.5749896287431025525634150150821163e34", '+', "-6.606303178957e0", "TOO_PRECISE"},
      {"-4.804794071606378196841028959e-129", '-', "-4.804794071606378196841028958e-129",
       "UNDERFLOW"},
      {"5.417394740962821037e-122", '-', "-7.4891459941189647580106336197e123", "TOO_PRECISE"},
      {"-9.786167989373550496445768363038e-125", '+', "-4.02203852822487e-73", "TOO_PRECISE"},
      {"-1.9868665257963e8", '+', "9.9501777218e30", "9950177721799999999999801313347.42037"},
      {"-5e-128", '-', "-5e-128", "0"},
      {"3.40120328540090598234737803527514e59", '-', "-5.9e-48", "TOO_PRECISE"},
      {"8.8924691065193321890121e-124", '-', "-8e-1", "TOO_PRECISE"},
      {"7.299982951539898125681417e125", '-', "7.299982951539898125681416e125",
       "1000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
       "00000000000"},
      {"-1.3618325705570081111792361632e-3", '-', "-5.0770852603546380654e2",
       "507.7071642028932495318888207638368"},
  };
  for (const Case& c : cases) {
    INFO(c.a << " " << c.op << " " << c.b << " = " << c.expected);
    Number a = Number::parse(c.a);
    Number b = Number::parse(c.b);
    auto run = [&] { return c.op == '+' ? a.plus(b) : a.minus(b); };
    std::string expected = c.expected;
    if (expected == "OVERFLOW") {
      CHECK(problem_of(run) == NumberProblem::kOverflow);
    } else if (expected == "UNDERFLOW") {
      CHECK(problem_of(run) == NumberProblem::kUnderflow);
    } else if (expected == "TOO_PRECISE") {
      CHECK(problem_of(run) == NumberProblem::kTooPrecise);
    } else {
      CHECK(run().to_string() == expected);
    }
  }
}

TEST_CASE("random plus and minus against 128-bit integers", "[number]") {
  // Values below 1e7 whose last digit is at 10^-30 or above are exact as integers scaled by
  // 10^30, and every sum of two stays below 2e37 < 2^127.
  std::mt19937 rng(1234567);
  std::uniform_int_distribution<int> digit(0, 9);
  auto random_scaled = [&](__int128& scaled) {
    int len = std::uniform_int_distribution<int>(0, 37)(rng);
    scaled = 0;
    for (int i = 0; i < len; ++i) {
      scaled = scaled * 10 + digit(rng);
    }
    if (rng() % 2 == 0) {
      scaled = -scaled;
    }
  };
  auto text_of = [](__int128 scaled) {
    bool negative = scaled < 0;
    unsigned __int128 magnitude = negative ? -static_cast<unsigned __int128>(scaled) : scaled;
    std::string digits;
    do {
      digits.insert(digits.begin(), static_cast<char>('0' + static_cast<int>(magnitude % 10)));
      magnitude /= 10;
    } while (magnitude != 0);
    return (negative ? "-" : "") + digits + "e-30";
  };
  for (int i = 0; i < 5000; ++i) {
    __int128 a = 0;
    __int128 b = 0;
    random_scaled(a);
    random_scaled(b);
    INFO(text_of(a) << " and " << text_of(b));
    Number na = Number::parse(text_of(a));
    Number nb = Number::parse(text_of(b));
    REQUIRE(na.plus(nb) == Number::parse(text_of(a + b)));
    REQUIRE(na.minus(nb) == Number::parse(text_of(a - b)));
    REQUIRE((na <=> nb) == (a <=> b));
  }
}

TEST_CASE("key bytes have the documented layout", "[number]") {
  CHECK(key_bytes(Number()) == std::string("\x02", 1));
  CHECK(key_bytes(Number::parse("1")) == std::string("\x03\x82\x02\x00", 4));
  CHECK(key_bytes(Number::parse("-1")) == std::string("\x01\x7D\x09\xFF", 4));
  CHECK(key_bytes(Number::parse("12.5")) == std::string("\x03\x83\x02\x03\x06\x00", 6));
  CHECK(key_bytes(Number::parse("-12.5")) == std::string("\x01\x7C\x09\x08\x05\xFF", 6));
  CHECK(key_bytes(Number::parse("1e125")) == std::string("\x03\xFF\x02\x00", 4));
  CHECK(key_bytes(Number::parse("1e-130")) == std::string("\x03\x00\x02\x00", 4));
  CHECK(key_bytes(Number::parse("-1e125")) == std::string("\x01\x00\x09\xFF", 4));
  CHECK(key_bytes(Number::parse("-1e-130")) == std::string("\x01\xFF\x09\xFF", 4));
  std::string longest = key_bytes(Number::parse("-" + std::string(38, '9')));
  CHECK(longest.size() == Number::kMaxKeyBytes);
  // append really appends.
  std::string out = "prefix";
  Number::parse("7").append_key_bytes(out);
  CHECK(out == std::string("prefix\x03\x82\x08\x00", 10));
}

TEST_CASE("read_key_bytes rejects malformed bytes", "[number]") {
  auto rejects = [](std::string bytes) {
    std::string_view in = bytes;
    Number out = Number::parse("42");
    bool ok = Number::read_key_bytes(in, out);
    // A failed read leaves both the view and the output alone.
    return !ok && in.size() == bytes.size() && out == Number::parse("42");
  };
  using namespace std::string_literals;
  CHECK(rejects(""s));
  CHECK(rejects("\x00"s));
  CHECK(rejects("\x04"s));
  CHECK(rejects("\xFF"s));
  CHECK(rejects("\x03"s));                  // no exponent byte
  CHECK(rejects("\x03\x82"s));              // no digits, no terminator
  CHECK(rejects("\x03\x82\x00"s));          // no digits
  CHECK(rejects("\x03\x82\x02"s));          // no terminator
  CHECK(rejects("\x03\x82\x0B\x00"s));      // digit byte 11
  CHECK(rejects("\x03\x82\xFF\x00"s));      // digit byte 255
  CHECK(rejects("\x03\x82\x01\x02\x00"s));  // leading zero digit
  CHECK(rejects("\x03\x82\x02\x01\x00"s));  // trailing zero digit
  CHECK(rejects("\x01\x7D\xFF"s));          // negative, no digits
  CHECK(rejects("\x01\x7D\x09"s));          // negative, no terminator
  CHECK(rejects("\x01\x7D\x00\xFF"s));      // negative digit byte 0
  CHECK(rejects("\x01\x7D\x0B\xFF"s));      // negative digit byte 11
  CHECK(rejects("\x01\x7D\x0A\x09\xFF"s));  // negative leading zero digit
  CHECK(rejects("\x01\x7D\x09\x0A\xFF"s));  // negative trailing zero digit
  CHECK(rejects("\x03\x82\x02\xFF"s));      // wrong terminator for a positive
  CHECK(rejects("\x01\x7D\x09\x00"s));      // wrong terminator for a negative
  std::string too_long = "\x03\x82"s + std::string(39, '\x02') + "\x00"s;
  CHECK(rejects(too_long));
  std::string longest = "\x03\x82"s + std::string(38, '\x02') + "\x00"s;
  std::string_view in = longest;
  Number out;
  CHECK(Number::read_key_bytes(in, out));
  CHECK(in.empty());
  CHECK(out.digits() == std::string(38, '1'));
}

TEST_CASE("read_key_bytes advances past exactly one number", "[number]") {
  std::vector<Number> values;
  for (const char* text : {"0", "-1", "12.5", "-1e-130", "1e125", "0", "-0.001", "7"}) {
    values.push_back(Number::parse(text));
  }
  std::string bytes;
  for (const Number& n : values) {
    n.append_key_bytes(bytes);
  }
  bytes += "tail";
  std::string_view in = bytes;
  for (const Number& expected : values) {
    Number got = Number::parse("99");
    REQUIRE(Number::read_key_bytes(in, got));
    CHECK(got == expected);
  }
  CHECK(in == "tail");
}

TEST_CASE("random numbers: text forms, key order and round trips", "[number]") {
  std::mt19937 rng(20240531);
  std::uniform_int_distribution<int> small(0, 3);
  std::vector<Spec> specs;
  std::vector<Number> numbers;
  for (int i = 0; i < 4000; ++i) {
    Spec s = random_spec(rng);
    if (!specs.empty() && small(rng) == 0) {
      // A near neighbour of an earlier value: same digits with one more, or the same value.
      s = specs[std::uniform_int_distribution<size_t>(0, specs.size() - 1)(rng)];
      if (!s.zero && s.digits.size() < 38 && small(rng) != 0) {
        s.digits.push_back(static_cast<char>('1' + small(rng)));
      }
    }
    INFO(sci_text(s));
    Number n = Number::parse(sci_text(s));
    require_matches(n, s);
    require_matches(Number::parse(plain_text(s, small(rng), small(rng), small(rng) == 0)), s);
    require_matches(Number::parse(n.to_string()), s);
    // Every digit as an integer mantissa with the exponent of its last digit.
    if (!s.zero) {
      int last_power = s.exponent - static_cast<int>(s.digits.size()) + 1;
      std::string text = (s.negative ? "-" : "") + s.digits + "E" + std::to_string(last_power);
      require_matches(Number::parse(text), s);
    }
    std::string bytes = key_bytes(n);
    REQUIRE(bytes.size() <= Number::kMaxKeyBytes);
    std::string_view view = bytes;
    Number back;
    REQUIRE(Number::read_key_bytes(view, back));
    REQUIRE(view.empty());
    REQUIRE(back == n);
    specs.push_back(s);
    numbers.push_back(n);
  }

  // Sorting by key bytes gives the same order as sorting with the test's own comparator.
  std::vector<size_t> by_bytes(specs.size());
  for (size_t i = 0; i < by_bytes.size(); ++i) {
    by_bytes[i] = i;
  }
  std::vector<size_t> by_spec = by_bytes;
  std::vector<std::string> keys;
  for (const Number& n : numbers) {
    keys.push_back(key_bytes(n));
  }
  std::stable_sort(by_bytes.begin(), by_bytes.end(),
                   [&](size_t a, size_t b) { return keys[a] < keys[b]; });
  std::stable_sort(by_spec.begin(), by_spec.end(),
                   [&](size_t a, size_t b) { return compare_specs(specs[a], specs[b]) < 0; });
  REQUIRE(by_bytes == by_spec);

  // Pairwise over random pairs: operator<=>, key bytes and the test comparator agree.
  std::uniform_int_distribution<size_t> pick(0, specs.size() - 1);
  size_t equal_pairs = 0;
  for (int i = 0; i < 20000; ++i) {
    size_t a = pick(rng);
    size_t b = (i % 4 == 0 && a + 1 < specs.size()) ? by_spec[a + 1] : pick(rng);
    int expected = compare_specs(specs[a], specs[b]);
    INFO(sci_text(specs[a]) << " vs " << sci_text(specs[b]));
    REQUIRE((numbers[a] <=> numbers[b]) == (expected <=> 0));
    REQUIRE((keys[a].compare(keys[b]) <=> 0) == (expected <=> 0));
    REQUIRE((numbers[a] == numbers[b]) == (expected == 0));
    equal_pairs += expected == 0 ? 1 : 0;
  }
  CHECK(equal_pairs > 0);
}

TEST_CASE("size_bytes follows DynamoDB's base-100 layout", "[number]") {
  struct Case {
    const char* in;
    size_t bytes;
  };
  const Case cases[] = {
      {"0", 1},      {"1", 2},       {"-1", 3},    {"12", 2},    {"15", 2},     {"1.5", 3},
      {"123", 3},    {"1234", 3},    {"12345", 4}, {"100", 2},   {"1000", 2},   {"10100", 3},
      {"100.5", 4},  {"0.5", 2},     {"0.05", 2},  {"0.005", 2}, {"0.0123", 3}, {"1e125", 2},
      {"1e-130", 2}, {"-1e-130", 3}, {"12.5", 3},  {"-12.5", 4}, {"101", 3},    {"1.01", 3},
  };
  for (const Case& c : cases) {
    INFO(c.in);
    CHECK(Number::parse(c.in).size_bytes() == c.bytes);
  }
  // The literals nubo-db/dynoxide pull request #195 sized on eu-west-2 by bisecting the 400 KB
  // item limit, with the bytes measured there.
  const Case measured[] = {
      {"0", 1},
      {"1", 2},
      {"12", 2},
      {"123", 3},
      {"1234", 3},
      {"0042", 2},
      {"100", 2},
      {"1010", 3},
      {"0.0000001", 2},
      {"1E125", 2},
      {"1E-100", 2},
      {"1.5", 3},
      {"15", 2},
      {"1.2", 3},
      {"1.200", 3},
      {"1.234", 4},
      {"3.14159", 5},
      {"123456", 4},
      {"100.5", 4},
      {"0.15", 2},
      {"-42", 3},
      {"-0", 1},
      {"12345678901234567890123456789012345678", 20},
  };
  for (const Case& c : measured) {
    INFO(c.in);
    CHECK(Number::parse(c.in).size_bytes() == c.bytes);
  }
  // 38 digits: 19 pairs when they start at an odd power, 20 when at an even one; the negative
  // terminator is dropped when the mantissa is full, so 21 is the maximum.
  CHECK(Number::parse(std::string(38, '9')).size_bytes() == 20);
  CHECK(Number::parse("-" + std::string(38, '9')).size_bytes() == 21);
  CHECK(Number::parse("9." + std::string(37, '9')).size_bytes() == 21);
  CHECK(Number::parse("-9." + std::string(37, '9')).size_bytes() == 21);
}
