// BM25 from document lengths held in memory (length_weighted_terms.h) gives the scores of
// Xapian's BM25Weight to the last bit: the same documents, weights, order and snippets.
#include <gtest/gtest.h>

#include <climits>
#include <memory>
#include <string>
#include <vector>

#include "length_weighted_terms.h"
#include "search_corpus.h"
#include "search_request.h"
#include "searcher.h"
#include "test_support.h"

namespace newsdex {
namespace {

using Q = Xapian::Query;

Xapian::MSet rank(const Xapian::Database& db, const Q& query) {
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  enquire.set_weighting_scheme(Xapian::BM25Weight(DEFAULT_BM25_K1, 0, 1, DEFAULT_BM25_B, BM25_MIN_NORMLEN));
  return enquire.get_mset(0, db.get_doccount());
}

void expect_same_ranking(const Xapian::MSet& xapian, const Xapian::MSet& ours) {
  ASSERT_EQ(xapian.size(), ours.size());
  ASSERT_GT(xapian.size(), 0u);
  for (auto a = xapian.begin(), b = ours.begin(); a != xapian.end(); ++a, ++b) {
    ASSERT_EQ(*a, *b) << "rank " << a.get_rank();
    ASSERT_EQ(a.get_weight(), b.get_weight()) << "document " << *a;  // equal doubles, not near ones
  }
}

TEST(LengthWeighting, WeighsEachQueryShapeAsXapiansBm25) {
  testing::TempDir dir;
  const std::string path = dir / "random.db";
  testing::build_database(path, testing::random_articles(2000, 20261207));
  const Xapian::Database db(path);
  const LengthWeightedTerms terms(std::make_shared<const DocumentLengths>(db),
                                  {DEFAULT_BM25_K1, DEFAULT_BM25_B, BM25_MIN_NORMLEN});
  const Q grain("Zgrain"), oil("Zoil"), cocoa("Zcocoa"), bank("Zbank"), title("ZSgrain");
  const std::vector<Q> four = {grain, oil, cocoa, bank};
  const std::vector<std::pair<const char*, Q>> queries = {
      {"one word", grain},
      {"any word", Q(Q::OP_OR, four.begin(), four.end())},
      {"every word", Q(Q::OP_AND, grain, oil)},
      {"a word twice", Q(Q::OP_OR, grain, grain)},
      {"a synonym", Q(Q::OP_OR, Q(Q::OP_SYNONYM, grain, oil), cocoa)},
      {"a title word", Q(Q::OP_OR, title, grain)},
      {"but not", Q(Q::OP_AND_NOT, Q(Q::OP_OR, grain, oil), cocoa)},
      {"filtered", Q(Q::OP_FILTER, Q(Q::OP_OR, grain, oil), Q("Nfr"))},
      {"maybe", Q(Q::OP_AND_MAYBE, grain, oil)},
      {"scaled, kept as it is", Q(Q::OP_OR, Q(Q::OP_SCALE_WEIGHT, grain, 0.5), oil)},
  };
  for (const auto& [name, query] : queries) {
    SCOPED_TRACE(name);
    const Q weighed = terms.weigh(query);
    EXPECT_NE(weighed.get_description(), query.get_description());
    expect_same_ranking(rank(db, query), rank(db, weighed));
    // What another thread ranks: the query serialised, and read back with the registry.
    expect_same_ranking(rank(db, query), rank(db, Q::unserialise(weighed.serialise(), terms.registry())));
  }
}

TEST(LengthWeighting, ALongLivedSearcherFindsWhatAOneQuerySearcherFinds) {
  // A searcher for many queries (a batch, the server) ranks words by the lengths it holds;
  // one for a single query leaves them to Xapian. Their answers are the same.
  testing::TempDir dir;
  const std::string path = dir / "random.db";
  testing::build_database(path, testing::random_articles(3000, 20261208));
  Searcher once(path), many(path, /*many_queries=*/true);
  for (const char* query : {"grain", "grain oil cocoa bank", "grain AND oil", "\"peace talks\" grain", "cocoa -coffee",
                            "country:FR grain", "gra* oil", "title:grain oil", "+grain bank"}) {
    for (const Xapian::doccount two_cores_from : {UINT_MAX, 1u}) {
      SCOPED_TRACE(std::string(query) + (two_cores_from == 1 ? ", on two cores" : ""));
      SearchRequest request;
      request.query = query;
      request.limit = 30;
      request.two_cores_from = two_cores_from;
      const SearchResult a = once.search(request), b = many.search(request);
      ASSERT_EQ(a.hits.size(), b.hits.size());
      ASSERT_GT(a.hits.size(), 0u);
      for (std::size_t i = 0; i < a.hits.size(); ++i) {
        SCOPED_TRACE(i);
        EXPECT_EQ(a.hits[i].article.id, b.hits[i].article.id);
        EXPECT_EQ(a.hits[i].score, b.hits[i].score);
        EXPECT_EQ(a.hits[i].snippet, b.hits[i].snippet);
      }
      EXPECT_EQ(a.total, b.total);
      EXPECT_EQ(a.total_min, b.total_min);
      EXPECT_EQ(a.total_max, b.total_max);
    }
  }
}

}  // namespace
}  // namespace newsdex
