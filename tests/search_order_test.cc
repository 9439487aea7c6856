// The order and the words a reader sees when scores or dates are missing: undated
// articles in date order, the undated share of a date facet, and searches by fields
// alone, which give every match the same score. Through the real newsdex-search.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "test_support.h"

namespace newsdex {
namespace {

using json = nlohmann::json;

class SearchOrder : public ::testing::Test {
 protected:
  // Six articles about a pipeline: d1-d3 dated (2004-03-01, 2005-07-01, 2004-11-15), u1 and
  // u2 undated; p1 (2003) names the person Mikhail Khodorkovsky in its last sentence.
  static void SetUpTestSuite() {
    corpus_ = new testing::IndexedCorpus(
        R"({"id": "d1", "title": "Pipeline one", "body": "The pipeline opened in spring.", "date": "2004-03-01"})" "\n"
        R"({"id": "u1", "title": "Pipeline two", "body": "The pipeline was delayed again."})" "\n"
        R"({"id": "d2", "title": "Pipeline three", "body": "The pipeline was sold.", "date": "2005-07-01"})" "\n"
        R"({"id": "u2", "title": "Pipeline four", "body": "The pipeline leaked."})" "\n"
        R"({"id": "d3", "title": "Pipeline five", "body": "The pipeline froze.", "date": "2004-11-15"})" "\n"
        R"({"id": "p1", "title": "Oil firm chief", "body": "Shares in the oil firm fell sharply on Monday. )"
        R"(Traders sold the stock. Analysts expect more falls. Its former head, Mikhail Khodorkovsky, said )"
        R"(nothing.", "date": "2003-10-25", "people": ["Mikhail Khodorkovsky"]})" "\n"
        R"({"id": "p2", "title": "Oil firm trial", "body": "The trial began. Mikhail Khodorkovsky denied the )"
        R"(charges.", "date": "2004-06-16", "people": ["Mikhail Khodorkovsky"]})" "\n");
  }
  static void TearDownTestSuite() { delete corpus_; }
  static testing::CommandResult search(std::vector<std::string> args) { return corpus_->search(std::move(args)); }
  static std::vector<std::string> ids(const std::string& json_out) {
    std::vector<std::string> out;
    const json parsed = json::parse(json_out);
    for (const auto& hit : parsed["hits"]) out.push_back(hit["id"]);
    return out;
  }
  static testing::IndexedCorpus* corpus_;
};
testing::IndexedCorpus* SearchOrder::corpus_ = nullptr;

// Bug: oldest first put the undated articles first, ahead of every dated one.
TEST_F(SearchOrder, UndatedArticlesComeLastInBothDateOrders) {
  auto r = search({"--sort", "date", "--format", "json", "pipeline"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto got = ids(r.out);
  ASSERT_EQ(got.size(), 5u) << r.out;
  EXPECT_EQ(std::vector<std::string>(got.begin(), got.begin() + 3), (std::vector<std::string>{"d1", "d3", "d2"}));
  r = search({"--sort", "-date", "--format", "json", "pipeline"});
  got = ids(r.out);
  ASSERT_EQ(got.size(), 5u) << r.out;
  EXPECT_EQ(std::vector<std::string>(got.begin(), got.begin() + 3), (std::vector<std::string>{"d2", "d3", "d1"}));
}

// Bug: on an archive without dates the year facet printed "year (0 distinct):" and said
// nothing of the articles it could not count.
TEST_F(SearchOrder, DateFacetsCountTheUndatedApart) {
  auto r = search({"--limit", "0", "--facet", "year", "pipeline"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "5 articles match 'pipeline'.\nyear (2 distinct; 2 undated):  2004 2  2005 1\n");
  r = search({"--limit", "0", "--facet", "year,person", "--format", "json", "pipeline"});
  const auto j = json::parse(r.out);
  EXPECT_EQ(j["facets"]["year"]["undated"], 2);
  EXPECT_FALSE(j["facets"]["person"].contains("undated"));
  r = search({"--limit", "0", "--facet", "month", "pipeline", "NOT", "date:2004..2005"});
  EXPECT_EQ(r.out, "2 articles match 'pipeline NOT date:2004..2005'.\nmonth (0 distinct; 2 undated):\n");
}

// Bug: a search by a field alone scored every match 0.000, listed them in the order they
// were indexed, and showed the end of each article as its snippet.
TEST_F(SearchOrder, AFieldAloneListsNewestFirstWithTheLeadSentence) {
  auto r = search({"--format", "json", "person:khodorkovsky"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = json::parse(r.out);
  ASSERT_EQ(j["hits"].size(), 2u) << r.out;
  EXPECT_EQ(j["hits"][0]["id"], "p2");
  EXPECT_EQ(j["hits"][1]["id"], "p1");
  EXPECT_EQ(j["hits"][1]["snippet"], "Shares in the oil firm fell sharply on Monday.");
  r = search({"--format", "json", "--filter", "person:khodorkovsky", "--sort", "date"});
  EXPECT_EQ(ids(r.out), (std::vector<std::string>{"p1", "p2"})) << "an explicit order is kept";
}

// Bug: "--since 2005 yukos" said "No articles match 'yukos'" when the date removed them.
TEST_F(SearchOrder, TheNoMatchMessageNamesTheFilters) {
  const auto r = search({"--since", "2006", "--filter", "lang:en", "pipeline"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "No articles match 'pipeline' (lang:en, since 2006).\n");
}

// Bug: the suggestion for "interst rates" was "interest rate": QueryParser corrected the
// analysed query, lower-cased, and changed words that were spelled right.
TEST_F(SearchOrder, ASuggestionKeepsTheQueryAsTypedAndCorrectsOnlyTheMisspelledWords) {
  auto r = search({"\"Pipelne froze\" AND trail"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "No articles match '\"Pipelne froze\" AND trail'.\nDid you mean \"Pipeline froze\" AND trial?\n");
  r = search({"--format", "json", "PIPELNE", "person:khodorkovsky"});
  EXPECT_EQ(json::parse(r.out)["suggestion"], "PIPELINE person:khodorkovsky");
  // A field's value, quoted or not, and a wildcard are kept as typed.
  r = search({"--format", "json", "pipelne title:\"pipelne froze\" (trai* OR source:reutres)"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(json::parse(r.out)["suggestion"], "pipeline title:\"pipelne froze\" (trai* OR source:reutres)") << r.out;
  r = search({"--format", "json", "charges", "leaked"});
  EXPECT_FALSE(json::parse(r.out).contains("suggestion")) << "both words are spelled right: " << r.out;
}

// Bug: "*" was an empty query, and facets over the whole archive needed a made-up query.
TEST_F(SearchOrder, StarOrFacetsAloneCoverEveryArticle) {
  auto r = search({"--limit", "0", "*"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "7 articles in the archive.\n");
  r = search({"--limit", "0", "--facet", "year"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "7 articles in the archive.\nyear (3 distinct; 2 undated):  2003 1  2004 3  2005 1\n");
  r = search({"--limit", "1", "--format", "json", "--filter", "person:khodorkovsky", "*"});
  EXPECT_EQ(ids(r.out), std::vector<std::string>{"p2"}) << "newest first: " << r.out;
  r = search({});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("no QUERY given ('*' stands for every article)"), std::string::npos) << r.err;
}

// Reading one article in full needed xapian-delve.
TEST_F(SearchOrder, ShowPrintsWholeArticlesAndNamesTheMissingOnes) {
  auto r = search({"--show", "p2", "d1"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "Oil firm trial\nid: p2\ndate: 2004-06-16\nlanguage: en\npeople: Mikhail Khodorkovsky\n\n"
            "The trial began. Mikhail Khodorkovsky denied the charges.\n\n"
            "Pipeline one\nid: d1\ndate: 2004-03-01\nlanguage: en\n\nThe pipeline opened in spring.\n");
  r = search({"--show", "p1", "nope", "--format", "jsonl"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("no article with id 'nope'"), std::string::npos) << r.err;
  const auto j = json::parse(r.out);
  EXPECT_EQ(j["id"], "p1");
  EXPECT_EQ(j["body"].get<std::string>().substr(0, 16), "Shares in the oi");
  EXPECT_EQ(j["people"][0], "Mikhail Khodorkovsky");
  EXPECT_EQ(search({"--show", "p1", "--batch", "-"}).exit_code, 2) << "ids alone";
}

}  // namespace
}  // namespace newsdex
