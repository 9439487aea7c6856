// The count a reader sees: exact whenever the ranked pass can have it within its budget,
// bounds otherwise, and a count line that names every filter that narrowed the search.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "searcher.h"
#include "test_support.h"

namespace newsdex {
namespace {

class SearchCounts : public ::testing::Test {
 protected:
  // 400 articles: 57 hold "interest" and "rates", 150 only "interest", 100 only "rates".
  static void SetUpTestSuite() {
    std::string jsonl;
    for (int i = 0; i < 400; ++i) {
      std::string body = "Officials met on Monday to discuss the budget and trade.";
      if (i < 57) body += " Interest rates were left unchanged, the bank said.";
      else if (i < 207) body += " Interest in the plan grew.";
      else if (i < 307) body += " Freight rates fell.";
      // Word counts differ from article to article, so scores and bounds differ too.
      for (int k = 0; k < i % 17; ++k) body += " More talks followed.";
      jsonl += R"({"id": "n)" + std::to_string(i) + R"(", "title": "Report )" + std::to_string(i) +
               R"(", "body": ")" + body + R"(", "date": "1987-03-0)" + std::to_string(1 + i % 9) + "\"}\n";
    }
    corpus_ = new testing::IndexedCorpus(jsonl);
  }
  static void TearDownTestSuite() { delete corpus_; }
  static testing::CommandResult search(std::vector<std::string> args) { return corpus_->search(std::move(args)); }
  static std::string first_line(const std::string& text) { return text.substr(0, text.find('\n')); }
  static testing::IndexedCorpus* corpus_;
};
testing::IndexedCorpus* SearchCounts::corpus_ = nullptr;

// Bug: "about 3 articles match 'interest rates'" at --limit 1, "about 9" at --limit 3,
// where 57 match: Xapian's estimate from a tiny check_at_least was printed as the count.
TEST_F(SearchCounts, TheCountIsExactWhateverTheLimit) {
  // 307 articles hold "interest" or "rates" (the default counts them all, feedback only
  // reorders them), 57 hold both (--all).
  for (const auto& [mode, count] : {std::pair<std::string, int>{"--all", 57}, {"--or", 307}, {"", 307}}) {
    for (const char* limit : {"1", "3", "10"}) {
      std::vector<std::string> args{"--limit", limit, "interest rates"};
      if (!mode.empty()) args.insert(args.begin(), mode);
      const auto r = search(args);
      ASSERT_EQ(r.exit_code, 0) << r.err;
      EXPECT_EQ(first_line(r.out), std::to_string(count) + " articles match 'interest rates'; showing 1-" + limit + ":")
          << mode;
      args.insert(args.begin(), {"--format", "json"});
      const auto j = nlohmann::json::parse(search(args).out);
      EXPECT_EQ(j["total"], count) << mode;
      EXPECT_EQ(j["total_exact"], true) << mode;
      EXPECT_EQ(j["total_min"], count) << mode;
      EXPECT_EQ(j["total_max"], count) << mode;
    }
  }
}

TEST_F(SearchCounts, LimitZeroGivesTheCountAlone) {
  const auto r = search({"--limit", "0", "--all", "interest rates"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "57 articles match 'interest rates'.\n");
  const auto past = search({"--offset", "100", "--all", "interest rates"});
  EXPECT_EQ(first_line(past.out), "57 articles match 'interest rates'; none from 101.");
  EXPECT_EQ(search({"--limit", "0", "interest rates"}).out, "307 articles match 'interest rates'.\n");
}

// Bug: `six nations` matched 455 BBC articles, any holding "six" or "nations", and its
// people facet was led by Tony Blair: the facets counted every match of the any-word
// default, where the articles holding both words are the ones about the question.
TEST_F(SearchCounts, FacetsOfAnAnyWordQueryCountTheArticlesHoldingEveryWord) {
  const auto r = search({"--limit", "0", "--facet", "month", "interest rates"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "307 articles match 'interest rates'.\n"
            "Counted below: the 57 articles holding every word.\n"
            "month (1 distinct):  1987-03 57\n");
  const auto j = nlohmann::json::parse(search({"--format", "json", "--limit", "0", "--facet", "month",
                                               "--timeline", "month", "interest rates"}).out);
  EXPECT_EQ(j["total"], 307);
  EXPECT_EQ(j["total_exact"], true);
  EXPECT_EQ(j["every_word"]["total"], 57);
  EXPECT_EQ(j["facets"]["month"]["values"][0]["count"], 57);
  EXPECT_EQ(j["timeline"]["periods"][0]["count"], 57) << j["timeline"].dump();

  // Filters narrow both counts; --all and an explicit OR count what they match.
  const auto filtered = search({"--limit", "0", "--facet", "day", "--filter", "date:1987-03-01", "interest rates"});
  EXPECT_EQ(filtered.out,
            "35 articles match 'interest rates' (date:1987-03-01).\n"
            "Counted below: the 7 articles holding every word.\n"
            "day (1 distinct):  1987-03-01 7\n");
  EXPECT_EQ(search({"--limit", "0", "--facet", "month", "--all", "interest rates"}).out,
            "57 articles match 'interest rates'.\nmonth (1 distinct):  1987-03 57\n");
  EXPECT_EQ(search({"--limit", "0", "--facet", "month", "interest OR rates"}).out,
            "307 articles match 'interest OR rates'.\nmonth (1 distinct):  1987-03 307\n");
  // No article holds both words: the counts are of every match, and say nothing more.
  const auto apart = nlohmann::json::parse(
      search({"--format", "json", "--limit", "0", "--facet", "month", "interest freight"}).out);
  EXPECT_EQ(apart["total"], 307);
  EXPECT_FALSE(apart.contains("every_word"));
  EXPECT_EQ(apart["facets"]["month"]["values"][0]["count"], 307);
}

TEST_F(SearchCounts, TheCountLineNamesTheFiltersAndDates) {
  const auto none = search({"--since", "1988", "interest"});
  ASSERT_EQ(none.exit_code, 0) << none.err;
  EXPECT_EQ(none.out, "No articles match 'interest' (since 1988).\n");
  const auto filtered = search({"--limit", "0", "--filter", "date:1987-03-01", "--until", "1987-03"});
  EXPECT_EQ(filtered.out, "45 articles match date:1987-03-01, until 1987-03.\n");
}

}  // namespace
}  // namespace newsdex
