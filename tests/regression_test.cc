// One test per bug found by fuzzing (scripts/fuzz) or by the sanitizers. Each test names
// the bug it pins and holds the smallest input that showed it; larger inputs live in
// tests/fixtures/regression/, named after the fuzz target that found them, so that
// scripts/fuzz seeds that target with them again.
#include <gtest/gtest.h>

#include <sstream>
#include <string>

#include "date_parser.h"
#include "diagnostics.h"
#include "reuters_reader.h"

namespace newsdex {
namespace {

// Bug: "0224-01" was accepted as a month-only ISO date with year 224, although dates
// promise 1000 <= year <= 9999; its own ISO form "0224-01" did not parse back the same.
// Found by fuzz_date.
TEST(Regression, MonthOnlyIsoDateOutsideYearRangeIsRejected) {
  DateParser parser;
  EXPECT_FALSE(parser.parse("0224-01").has_value());
  EXPECT_FALSE(parser.parse("0000-12").has_value());
  ASSERT_TRUE(parser.parse("1987-02").has_value());
  EXPECT_EQ(parser.parse("1987-02")->to_iso(), "1987-02");
}

// Bug: a Reuters time with a fractional-seconds field of 35 or more digits killed the
// whole indexing run with SIGFPE inside ICU 72's SimpleDateFormat (an int32 power of ten
// overflowed to 0 and was divided by). Found by fuzz_date.
TEST(Regression, OverlongFractionalSecondsDoNotCrashTheDateParser) {
  DateParser parser;
  const std::string date = "1-MAR-1987 01:30:20." + std::string(40, '5');
  EXPECT_FALSE(parser.parse(date).has_value());
  EXPECT_FALSE(parser.parse("26-FEB-1987 15:01:01.7" + std::string(60, '9')).has_value());
  ASSERT_TRUE(parser.parse("1-MAR-1987 01:30:20.50").has_value()) << "ordinary Reuters times still parse";
}

TEST(Regression, OverlongFractionalSecondsInAReutersRecordKeepTheArticle) {
  std::istringstream in("<REUTERS NEWID=\"7\"><DATE>26-FEB-1987 15:01:01." + std::string(40, '7') +
                        "</DATE><TEXT><TITLE>COCOA</TITLE><BODY>Showers.</BODY></TEXT></REUTERS>");
  Diagnostics diagnostics;
  ReutersReader reader(in, "fpe.xml", diagnostics);
  Article article;
  ASSERT_TRUE(reader.next(article));
  EXPECT_EQ(article.id, "7");
  EXPECT_FALSE(article.date.has_value());
  EXPECT_EQ(diagnostics.counts_by_kind().count("bad-date"), 1u);
}

}  // namespace
}  // namespace newsdex
