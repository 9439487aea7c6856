// What the searcher refuses, and how it says so: batch lines it cannot read, values out
// of range, and the bounds on filters and wildcards that keep one search from running
// away. Each case goes through the real newsdex-search.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <sstream>
#include <string>
#include <vector>

#include "query_builder.h"
#include "searcher.h"
#include "test_support.h"

namespace newsdex {
namespace {

using json = nlohmann::json;
using testing::run;

class SearchLimits : public ::testing::Test {
 protected:
  // 1,200 articles, each holding "market" and one word of its own, "zq0" to "zq1199".
  static void SetUpTestSuite() {
    std::string jsonl;
    for (int i = 0; i < 1200; ++i)
      jsonl += R"({"id": "m)" + std::to_string(i) + R"(", "title": "Market report", "body": "The market moved; zq)" +
               std::to_string(i) + R"( was the word of the day.", "date": "1987-03-02"})" + "\n";
    corpus_ = new testing::IndexedCorpus(jsonl);
  }
  static void TearDownTestSuite() { delete corpus_; }
  static testing::CommandResult search(std::vector<std::string> args, const std::string& input = "") {
    return corpus_->search(std::move(args), input);
  }
  static std::vector<json> records(const std::string& out) {
    std::vector<json> all;
    std::istringstream lines(out);
    for (std::string line; std::getline(lines, line);) all.push_back(json::parse(line));
    return all;
  }
  static testing::IndexedCorpus* corpus_;
};
testing::IndexedCorpus* SearchLimits::corpus_ = nullptr;

// Bug: a batch line whose qid was 100,000 nested arrays crashed the searcher (SIGSEGV in
// nlohmann's recursive dump).
TEST_F(SearchLimits, ADeeplyNestedBatchLineIsAnErrorRecordAndTheBatchGoesOn) {
  const std::string nested = std::string(100000, '[') + std::string(100000, ']');
  const std::string input = "q1\tmarket\n{\"qid\": " + nested + ", \"query\": \"market\"}\nq3\tmarket\n";
  const auto r = search({"--batch", "-", "--format", "json", "--limit", "1"}, input);
  ASSERT_EQ(r.exit_code, 2) << r.err;
  const auto all = records(r.out);
  ASSERT_EQ(all.size(), 3u) << r.out.substr(0, 2000);
  EXPECT_EQ(all[0]["qid"], "q1");
  EXPECT_NE(all[1]["error"].get<std::string>().find("line 2: bad JSON query: nested deeper than"), std::string::npos)
      << all[1];
  EXPECT_EQ(all[2]["qid"], "q3");
  EXPECT_EQ(all[2]["total"], 1200);
}

// Bug: a line with neither a tab nor JSON ran silently as a query under its line number.
TEST_F(SearchLimits, ABatchLineWithNeitherFormIsReportedAsMalformed) {
  const auto r = search({"--batch", "-", "--format", "json", "--limit", "1"}, "q1\tmarket\njust some words\n");
  ASSERT_EQ(r.exit_code, 2) << r.err;
  const auto all = records(r.out);
  ASSERT_EQ(all.size(), 2u) << r.out;
  EXPECT_FALSE(all[0].contains("error"));
  EXPECT_EQ(all[1]["error"], "line 2: malformed: expected qid<TAB>query or a JSON object");
}

// Bug: `"limit": "ten"` said "[json.exception.type_error.302] type must be number",
// naming no field, and `"limit": -1` was taken as 4,294,967,295.
TEST_F(SearchLimits, ABadValueInAJsonBatchLineNamesItsField) {
  const std::string input =
      R"({"qid": "a", "query": "market", "limit": "ten"})" "\n"
      R"({"qid": "b", "query": "market", "limit": -1})" "\n"
      R"({"qid": "c", "query": "market", "filters": "country:US"})" "\n"
      R"({"qid": "d", "query": 7})" "\n";
  const auto r = search({"--batch", "-", "--format", "json"}, input);
  ASSERT_EQ(r.exit_code, 2) << r.err;
  const auto all = records(r.out);
  ASSERT_EQ(all.size(), 4u) << r.out;
  EXPECT_EQ(all[0]["error"], "line 1: bad JSON query: limit: expected a whole number from 0 to 4294967295, not \"ten\"");
  EXPECT_EQ(all[1]["error"], "line 2: bad JSON query: limit: expected a whole number from 0 to 4294967295, not -1");
  EXPECT_EQ(all[2]["error"], "line 3: bad JSON query: filters: expected a list of strings, not \"country:US\"");
  EXPECT_EQ(all[3]["error"], "line 4: bad JSON query: query: expected a string, not 7");
}

// Bug: --limit -1 was taken as 4,294,967,295, and --offset 4294967295 printed "none from 0".
TEST_F(SearchLimits, CountsOnTheCommandLineAreWholeNumbersInRange) {
  auto r = search({"--limit", "-1", "market"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--limit: '-1' is not a whole number from 0 to 4294967295"), std::string::npos) << r.err;
  r = search({"--threads", "1.5", "--batch", "-"}, "q1\tmarket\n");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--threads: '1.5' is not a whole number"), std::string::npos) << r.err;
  r = search({"--offset", "4294967295", "market"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "1200 articles match 'market'; none from 4294967296.\n");
}

// The test harness's own bug: input written to a program that exits before reading it (a
// bad option) raised SIGPIPE and ended the test program, now and then above, every time
// with more input than a pipe holds.
TEST_F(SearchLimits, InputToAProgramThatRefusesItsOptionsIsDropped) {
  const auto r = search({"--threads", "1.5", "--batch", "-"}, std::string(4 << 20, 'q'));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--threads: '1.5' is not a whole number"), std::string::npos) << r.err;
}

// Bug: `--bm25 nan,0.3` printed nan scores, and inf or 1e308,1 gave "score": null.
TEST_F(SearchLimits, BM25ParametersMustBeFiniteAndInRange) {
  for (const char* bad : {"nan,0.3", "inf,0.3", "1e308,1", "1.2,nan", "-1,0.5", "1.2,1.5"}) {
    const auto r = search({"--bm25", bad, "market"});
    EXPECT_EQ(r.exit_code, 2) << bad;
    EXPECT_NE(r.err.find(std::string("bad --bm25 '") + bad + "'"), std::string::npos) << r.err;
  }
  const auto r = search({"--bm25", "1000,1", "--format", "json", "--limit", "1", "market"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(json::parse(r.out)["hits"][0]["score"].is_number()) << r.out;
}

// Bug: 50,000 --filter options crashed after 26 s (a filter tree as deep as the list).
TEST_F(SearchLimits, FiltersAreJoinedFlatAndBounded) {
  std::vector<std::string> args{"--limit", "0"};
  for (std::size_t i = 0; i < MAX_FILTERS; ++i) args.insert(args.end(), {"--filter", "date:1987"});
  auto r = search(args);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.substr(0, 14), "1200 articles ") << r.out.substr(0, 200);
  args.insert(args.end(), {"--filter", "date:1987"});
  r = search(args);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("1001 filters; at most 1000 are allowed in one search"), std::string::npos) << r.err;
}

// Bug: wildcards were unbounded: `s*` 600 times ran past 120 s at 1.86 GB.
TEST_F(SearchLimits, AWildcardStandsForAtMostItsMostFrequentCompletions) {
  auto r = search({"--limit", "0", "zq*"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "1000 articles match 'zq*'.\n") << "1,200 completions, of which the 1,000 most frequent count";
  std::string many;
  for (unsigned i = 0; i < MAX_WILDCARDS; ++i) many += "zq* ";
  r = search({"--limit", "0", many});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  many += "m*";
  r = search({"--limit", "0", many});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("the query has 101 wildcards; at most 100 are allowed"), std::string::npos) << r.err;
}

// Bug: raw ESC and BEL reached the terminal through batch qids and through error
// messages that quote what the user gave (a database path here).
TEST_F(SearchLimits, QidsAndErrorMessagesReachTheTerminalInert) {
  auto r = search({"--batch", "-", "--limit", "1"}, "q\x1b[31m\x07\tmarket\n");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.find('\x1b'), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find('\x07'), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("# q\\x1b[31m\\x07\n"), std::string::npos) << r.out;
  r = run(NEWSDEX_SEARCH_BIN, {"--db", corpus_->dir() / "no\x1b]0;such\x07.db", "market"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err.find('\x1b'), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("no\\x1b]0;such\\x07.db"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace newsdex
