#include "core/date_parser.h"

#include <gtest/gtest.h>

namespace newsdex {
namespace {

struct Case {
  const char* text;
  const char* expected;  // ISO form, or "" for no date
};

// Readable test names in ctest's output.
void PrintTo(const Case& c, std::ostream* os) { *os << '"' << c.text << '"'; }

class DateParserTable : public ::testing::TestWithParam<Case> {};

TEST_P(DateParserTable, ParsesToTheExpectedDay) {
  DateParser parser;
  const auto date = parser.parse(GetParam().text);
  if (*GetParam().expected == '\0') {
    EXPECT_FALSE(date.has_value()) << GetParam().text << " -> " << date->to_iso();
  } else {
    ASSERT_TRUE(date.has_value()) << GetParam().text;
    EXPECT_EQ(date->to_iso(), GetParam().expected);
  }
}

INSTANTIATE_TEST_SUITE_P(
    Formats, DateParserTable,
    ::testing::Values(Case{"2023-03-01", "2023-03-01"}, Case{"2023-03-01T10:20:00Z", "2023-03-01"},
                      Case{"2023-03", "2023-03"}, Case{"20230301", "2023-03-01"},
                      Case{"26-FEB-1987 15:01:01.79", "1987-02-26"}, Case{"1-MAR-1987 01:30:29.50", "1987-03-01"},
                      Case{"3-MAR-1987  09:15:05.40", "1987-03-03"},
                      Case{"Wed, 01 Mar 2023 10:00:00 +0000", "2023-03-01"}, Case{"March 1, 2023", "2023-03-01"},
                      Case{"1 March 2023", "2023-03-01"}, Case{"880212", "1988-02-12"},
                      Case{"2023-02-30", ""}, Case{"not a date", ""}, Case{"", ""}, Case{"2023-13-01", ""}));

}  // namespace
}  // namespace newsdex
