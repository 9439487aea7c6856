// A search with many matches ranks and counts on two cores (half the document ids each,
// on two handles): its hits, scores, order and facet counts are those of one core, and
// its totals are exact or a range that holds the exact count.
#include <gtest/gtest.h>

#include <climits>
#include <string>
#include <vector>

#include "facet_compare.h"
#include "search_corpus.h"
#include "searcher.h"
#include "test_support.h"

namespace newsdex {
namespace {

SearchResult search_with(const std::string& path, SearchRequest request, Xapian::doccount two_cores_from) {
  request.two_cores_from = two_cores_from;
  return Searcher(path).search(request);
}

void expect_same_search(const std::string& path, const SearchRequest& request) {
  const SearchResult one = search_with(path, request, UINT_MAX), two = search_with(path, request, 1);
  ASSERT_EQ(one.hits.size(), two.hits.size());
  for (std::size_t i = 0; i < one.hits.size(); ++i) {
    SCOPED_TRACE(i);
    EXPECT_EQ(one.hits[i].article.id, two.hits[i].article.id);
    EXPECT_EQ(one.hits[i].rank, two.hits[i].rank);
    EXPECT_DOUBLE_EQ(one.hits[i].score, two.hits[i].score);
    EXPECT_EQ(one.hits[i].snippet, two.hits[i].snippet);
  }
  // The exact count, from a facet pass.
  SearchRequest counted = request;
  counted.facets.facets = {Facet::YEAR};
  const Xapian::doccount exact = search_with(path, counted, UINT_MAX).total;
  EXPECT_LE(two.total_min, exact);
  EXPECT_GE(two.total_max, exact);
  EXPECT_LE(two.total_min, two.total);
  EXPECT_GE(two.total_max, two.total);
  if (two.total_exact) {
    EXPECT_EQ(two.total, exact);
  }
  testing::expect_same_facet_counts(one.facets, two.facets);
}

TEST(TwoCores, RankAndCountAsOneCoreDoes) {
  testing::TempDir dir;
  const std::string path = dir / "random.db";
  testing::build_database(path, testing::random_articles(3000, 20240901));
  for (const char* query : {"grain", "grain oil cocoa bank", "grain AND oil", "\"peace talks\" grain", "cocoa -coffee",
                            "country:FR grain", "gra* oil", "xylophone"}) {
    SCOPED_TRACE(query);
    SearchRequest request;
    request.query = query;
    expect_same_search(path, request);
    request.offset = 7;
    request.limit = 25;
    expect_same_search(path, request);
    request.offset = 0;
    request.limit = 10;
    request.facets.facets = {Facet::PERSON, Facet::COUNTRY, Facet::YEAR, Facet::MONTH};
    request.facets.limit = 1000;
    expect_same_search(path, request);
    request.default_or = false;
    expect_same_search(path, request);
  }
}

}  // namespace
}  // namespace newsdex
