// Regions below the country, end to end: articles whose text names the UK's nations and US
// states, extracted and indexed, then found by region:, by country: and counted in the
// region facet with their names.
#include <gtest/gtest.h>

#include <set>

#include "entities/entity_extractor.h"
#include "search_corpus.h"
#include "searcher.h"
#include "test_support.h"

namespace newsdex {
namespace {

using Ids = std::set<std::string>;

class SearchRegions : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    const std::pair<const char*, const char*> texts[] = {
        {"sct-wls", "Scotland beat Wales at Murrayfield in the Six Nations."},
        {"eng", "England lost to France in the Six Nations."},
        {"sct", "The Scottish parliament debated the rugby budget."},
        {"gb", "Britain and France signed a rugby accord."},
        {"tx", "Oil output in Texas rose while rugby grew in California."},
    };
    EntityExtractor extractor;
    std::vector<Article> articles;
    for (const auto& [id, text] : texts) {
      Article a;
      a.id = id;
      a.title = "Rugby";
      a.body = text;
      extractor.extract(a);
      articles.push_back(std::move(a));
    }
    dir_ = new testing::TempDir();
    testing::build_database(*dir_ / "news.db", articles);
    searcher_ = new Searcher(*dir_ / "news.db");
  }
  static void TearDownTestSuite() {
    delete searcher_;
    delete dir_;
  }
  static SearchResult run(const std::string& query, std::vector<Facet> facets = {}) {
    SearchRequest request;
    request.query = query;
    request.limit = 100;
    request.facets.facets = std::move(facets);
    return searcher_->search(request);
  }
  static Ids ids(const std::string& query) {
    Ids out;
    for (const auto& hit : run(query).hits) out.insert(hit.article.id);
    return out;
  }

  static testing::TempDir* dir_;
  static Searcher* searcher_;
};
testing::TempDir* SearchRegions::dir_ = nullptr;
Searcher* SearchRegions::searcher_ = nullptr;

TEST_F(SearchRegions, RegionFieldTakesCodesNamesAdjectivesAndAbbreviations) {
  for (const char* q : {"region:GB-SCT", "region:gb-sct", "region:Scotland", "region:scottish"})
    EXPECT_EQ(ids(q), (Ids{"sct-wls", "sct"})) << q;
  EXPECT_EQ(ids("region:wales"), Ids{"sct-wls"});
  EXPECT_EQ(ids("region:Tex."), Ids{"tx"});
  EXPECT_EQ(ids("rugby region:california"), Ids{"tx"});
  EXPECT_THROW(run("region:Atlantis"), QueryError);
}

TEST_F(SearchRegions, CountryStillMatchesEveryRegionOfIt) {
  EXPECT_EQ(ids("country:GB"), (Ids{"sct-wls", "eng", "sct", "gb"}));
  EXPECT_EQ(ids("country:GB -region:scotland"), (Ids{"eng", "gb"}));
  EXPECT_EQ(ids("country:US"), Ids{"tx"});
}

TEST_F(SearchRegions, TheRegionFacetCountsCodesAndShowsNames) {
  const SearchResult result = run("rugby", {Facet::REGION});
  ASSERT_EQ(result.facets.size(), 1u);
  std::map<std::string, std::pair<std::string, Xapian::doccount>> counts;
  for (const auto& value : result.facets[0].top) counts[value.key] = {value.label, value.count};
  using Count = std::pair<std::string, Xapian::doccount>;
  EXPECT_EQ(counts, (std::map<std::string, Count>{{"GB-SCT", {"Scotland", 2}},
                                                  {"GB-WLS", {"Wales", 1}},
                                                  {"GB-ENG", {"England", 1}},
                                                  {"US-TX", {"Texas", 1}},
                                                  {"US-CA", {"California", 1}}}));
}

}  // namespace
}  // namespace newsdex
