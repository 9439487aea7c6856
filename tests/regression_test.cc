// One test per bug found by fuzzing (scripts/fuzz) or by the sanitizers. Each test names
// the bug it pins and holds the smallest input that showed it; larger inputs live in
// tests/fixtures/regression/, named after the fuzz target that found them, so that
// scripts/fuzz seeds that target with them again.
#include <gtest/gtest.h>

#include <sstream>
#include <string>

#include "core/date_parser.h"
#include "core/diagnostics.h"
#include "reuters_reader.h"
#include "search_corpus.h"
#include "test_support.h"

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
  EXPECT_EQ(article.title, "COCOA");
  // The reader may keep the day it can read and drop the rest of the time.
  if (article.date) {
    EXPECT_EQ(article.date->to_iso(), "1987-02-26");
  }
}

// Bug: a plain-text article whose "Id:" header is longer than a Xapian term may be (245
// bytes with the Q prefix) could not be indexed, and failing, took the other articles of
// its part with it. Found by fuzz_plain. Its id term is now hashed (common/storage/id_term.h).
TEST(Regression, AnIdTooLongForXapianIsIndexedUnderAHashedTerm) {
  testing::TempDir dir;
  testing::write_file(dir.path() / "in" / "long.txt", "Id: " + std::string(300, 'x') + "\nTitle: Long\n\nGrain.\n");
  testing::write_file(dir.path() / "in" / "short.txt", "Title: Short\n\nCocoa.\n");
  const auto result = testing::run(NEWSDEX_INDEX_BIN, {"--db", dir / "news.db", dir / "in"});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.err.find("2 added"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("0 skipped"), std::string::npos) << result.err;
  for (const char* word : {"cocoa", "grain"}) {
    const auto found = testing::run(NEWSDEX_SEARCH_BIN, {"--db", dir / "news.db", word});
    EXPECT_EQ(found.exit_code, 0) << found.err;
    EXPECT_NE(found.out.find(word == std::string("cocoa") ? "Short" : "Long"), std::string::npos) << found.out;
  }
}

// Bug: every query copied Xapian::Query::MatchAll, one static object whose reference
// count is not atomic; batch threads copying it at the same moment corrupted the count
// until the object was freed while still in use, and the batch crashed (SIGSEGV in Query's
// destructor, in 4 of 10 runs of this batch on two cores). Found by
// ConcurrentUse.SearchesAnswerWhileAnIndexerCommits.
TEST(Regression, BatchThreadsShareNoXapianQuery) {
  testing::TempDir dir;
  const std::string db = dir / "news.db";
  testing::build_database(db, testing::fixture_articles());
  std::string batch;
  // Queries that match nothing are the quickest, so the threads meet most often.
  for (int i = 0; i < 200000; ++i) batch += "q" + std::to_string(i) + "\tzzzz\n";
  const auto r = testing::run(NEWSDEX_SEARCH_BIN, {"--db", db, "--batch", "-", "--threads", "4", "--format", "trec",
                                                   "--snippet-length", "0", "-q"},
                              batch);
  EXPECT_EQ(r.exit_code, 0) << r.err.substr(0, 2000);
}

}  // namespace
}  // namespace newsdex
