// The matches of a query read from its posting lists (searcher/match_bitmap.h) are the
// matches Xapian's matcher finds, document for document, deleted documents included.
#include <gtest/gtest.h>

#include <vector>

#include "match_bitmap.h"
#include "query_builder.h"
#include "search_corpus.h"
#include "test_support.h"

namespace newsdex {
namespace {

std::vector<Xapian::docid> matcher_matches(const Xapian::Database& db, const Xapian::Query& query) {
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  enquire.set_docid_order(Xapian::Enquire::ASCENDING);
  std::vector<Xapian::docid> out;
  const Xapian::MSet mset = enquire.get_mset(0, db.get_doccount());
  for (auto it = mset.begin(); it != mset.end(); ++it) out.push_back(*it);
  return out;
}

std::vector<Xapian::docid> bitmap_matches(const Xapian::Database& db, const BooleanForm& form, Xapian::docid first,
                                          Xapian::docid last) {
  std::vector<Xapian::docid> out;
  const MatchBitmap bitmap(db, form, first, last);
  bitmap.for_each([&](Xapian::docid did) { out.push_back(did); });
  EXPECT_EQ(bitmap.count(), out.size());
  return out;
}

TEST(MatchBitmap, ReadsTheMatchesTheMatcherFindsWithDeletionsAndInEveryRange) {
  testing::TempDir dir;
  const std::string path = dir / "random.db";
  testing::build_database(path, testing::random_articles(1500, 20240601));
  {
    Xapian::WritableDatabase db(path, Xapian::DB_OPEN);
    for (Xapian::docid did = 7; did <= db.get_lastdocid(); did += 13) db.delete_document(did);
    db.commit();
  }
  const Xapian::Database db(path);
  QueryBuilder builder(db, "en");
  builder.set_default_or(true);
  for (const char* text : {"grain", "grain oil", "grain AND oil", "cocoa -coffee", "bank AND rates AND crop",
                           "grain OR (oil AND NOT cocoa)", "country:FR grain", "xylophone", "*"}) {
    SCOPED_TRACE(text);
    const Xapian::Query query = std::string_view(text) == "*" ? Xapian::Query(std::string()) : builder.build(text);
    const auto form = boolean_form(query);
    ASSERT_TRUE(form.has_value()) << query.get_description();
    const auto want = matcher_matches(db, query);
    EXPECT_EQ(bitmap_matches(db, *form, 1, db.get_lastdocid()), want);
    // Two halves and an odd range, as threads split them.
    const Xapian::docid half = db.get_lastdocid() / 2;
    auto low = bitmap_matches(db, *form, 1, half), high = bitmap_matches(db, *form, half + 1, db.get_lastdocid());
    low.insert(low.end(), high.begin(), high.end());
    EXPECT_EQ(low, want);
    std::vector<Xapian::docid> middle;
    for (const Xapian::docid did : want)
      if (did >= 100 && did <= 1000) middle.push_back(did);
    EXPECT_EQ(bitmap_matches(db, *form, 100, 1000), middle);
  }
}

TEST(MatchBitmap, APhraseOrAWildcardHasNoBooleanForm) {
  testing::TempDir dir;
  const std::string path = dir / "random.db";
  testing::build_database(path, testing::random_articles(200, 7));
  const Xapian::Database db(path);
  QueryBuilder builder(db, "en");
  for (const char* text : {"\"peace talks\"", "grain \"peace talks\"", "gra*", "date:2021..2022"}) {
    SCOPED_TRACE(text);
    EXPECT_FALSE(boolean_form(builder.build(text)).has_value()) << builder.build(text).get_description();
  }
}

}  // namespace
}  // namespace newsdex
