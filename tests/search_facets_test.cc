// Facet counts checked against brute force: every way of counting (in-memory columns,
// Xapian's stock ValueCountMatchSpy) must give the exact counts of the matching articles.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include "analysis/analyzer.h"
#include "entities/country_table.h"
#include "facet_compare.h"
#include "facet_counter.h"
#include "storage/facet_columns.h"
#include "storage/facet_values.h"
#include "query_builder.h"
#include "search_corpus.h"
#include "searcher.h"
#include "storage/stored_article.h"
#include "test_support.h"

namespace newsdex {
namespace {

class SearchFacets : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new testing::TempDir();
    auto articles = testing::random_articles(3000, 20230301);
    // Articles with more values than a facet's run of slots: all must be counted.
    for (int c = 0; c < 3; ++c) {
      Article a;
      a.id = "crowded" + std::to_string(c);
      a.title = "grain census";
      a.body = "grain oil";
      a.date = PartialDate{2021, 5, static_cast<unsigned>(1 + c)};
      for (int i = c * 100; i < c * 100 + 500; ++i) a.people.push_back("Zed Person" + std::to_string(i));
      for (int i = 0; i < 40 + c; ++i) a.countries.push_back(std::string{char('A' + i / 26), char('A' + i % 26)});
      // Every region the table knows: the region facet has a slot for each, none overflows.
      for (const auto& region : CountryTable::instance().region_codes()) a.regions.push_back(region);
      for (int i = 0; i < 20; ++i) a.authors.push_back("Writer " + std::to_string(i + c));
      for (unsigned d = 1; d <= 60; ++d) a.mentioned_dates.push_back(PartialDate{2022, 1 + d % 12, d % 28 + 1});
      articles.push_back(std::move(a));
    }
    testing::build_database(*dir_ / "random.db", articles);
  }
  static void TearDownTestSuite() { delete dir_; }
  static std::string path() { return *dir_ / "random.db"; }
  static testing::TempDir* dir_;
};
testing::TempDir* SearchFacets::dir_ = nullptr;

using Counts = std::map<std::string, Xapian::doccount>;

// The keys an article counts under, computed from its stored fields, not its values.
std::set<std::string> expected_keys(const Article& a, Facet facet, Analyzer& analyzer) {
  std::set<std::string> keys;
  switch (facet) {
    case Facet::PERSON: for (const auto& p : a.people) keys.insert(analyzer.fold(p)); break;
    case Facet::COUNTRY: keys.insert(a.countries.begin(), a.countries.end()); break;
    case Facet::REGION: keys.insert(a.regions.begin(), a.regions.end()); break;
    case Facet::AUTHOR: for (const auto& p : a.authors) keys.insert(analyzer.fold(p)); break;
    case Facet::SOURCE: if (!a.source.empty()) keys.insert(analyzer.fold(a.source)); break;
    case Facet::LANGUAGE: if (!a.language.empty()) keys.insert(a.language); break;
    case Facet::YEAR: if (a.date) keys.insert(a.date->to_compact().substr(0, 4)); break;
    case Facet::MONTH: if (a.date) keys.insert(a.date->to_compact().substr(0, 6)); break;
    case Facet::DAY: if (a.date && a.date->has_day()) keys.insert(a.date->to_compact()); break;
    case Facet::MENTIONED: for (const auto& d : a.mentioned_dates) keys.insert(d.to_compact()); break;
  }
  return keys;
}

// Brute force: every matching document's stored article, facet by facet.
std::map<Facet, Counts> brute_force(const std::string& path, const std::string& query_text) {
  Xapian::Database db(path);
  QueryBuilder builder(db, "en");
  Xapian::Enquire enquire(db);
  enquire.set_query(builder.build(query_text));
  const auto mset = enquire.get_mset(0, db.get_doccount());
  Analyzer analyzer;
  std::map<Facet, Counts> counts;
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    const Article a = decode_stored_article(it.get_document().get_data());
    for (Facet facet : ALL_FACETS)
      for (const auto& key : expected_keys(a, facet, analyzer)) ++counts[facet][key];
  }
  return counts;
}

void expect_counts_match(const std::string& path, const std::string& query, FacetMethod method) {
  SCOPED_TRACE(query);
  const auto expected = brute_force(path, query);
  Searcher searcher(path);
  SearchRequest request;
  request.query = query;
  request.facet_method = method;
  request.facets.facets.assign(std::begin(ALL_FACETS), std::end(ALL_FACETS));
  request.facets.limit = 100000;  // everything, to compare whole distributions
  request.facet_sort = FacetSort::COUNT;
  const auto result = searcher.search(request);
  EXPECT_TRUE(result.total_exact);
  ASSERT_EQ(result.facets.size(), std::size(ALL_FACETS));
  for (const auto& facet : result.facets) {
    SCOPED_TRACE(std::string(facet_name(facet.facet)));
    const auto it = expected.find(facet.facet);
    const Counts want = it == expected.end() ? Counts{} : it->second;
    Counts got;
    for (const auto& value : facet.top) got[value.key] = value.count;
    EXPECT_EQ(got, want);
    EXPECT_EQ(facet.distinct, want.size());
    for (std::size_t i = 1; i < facet.top.size(); ++i) EXPECT_GE(facet.top[i - 1].count, facet.top[i].count);
  }
}

const char* const QUERIES[] = {"grain", "grain OR oil", "\"peace talks\"", "cocoa -coffee", "bank AND rates AND crop",
                                "person:lukashenko", "country:FR grain", "date:2021", "xylophone",
                                "person:\"zed person550\"", "census"};

TEST_F(SearchFacets, ColumnCountsEqualBruteForce) {
  // The columns of the column file newsdex-index wrote at its commit...
  ColumnFacetCounter counter(path());
  ASSERT_TRUE(counter.columns_mapped(Xapian::Database(path())));
  for (const char* query : QUERIES) expect_counts_match(path(), query, FacetMethod::COLUMNS);
}

TEST_F(SearchFacets, CountingOnTwoCoresCountsWhatOneCounts) {
  // Half of the document ids on a second handle, in a thread of its own; the counts summed.
  const Xapian::Database db(path()), second(path());
  QueryBuilder builder(db, "en");
  ColumnFacetCounter one(path()), two(path());
  FacetRequest request;
  request.facets.assign(std::begin(ALL_FACETS), std::end(ALL_FACETS));
  request.limit = 100000;
  std::vector<std::string> queries(std::begin(QUERIES), std::end(QUERIES));
  queries.push_back("*");
  // An estimate of 0 makes every query too costly to read from its postings: the halves
  // are counted by Xapian's matcher; a large one lets the postings count them where the
  // query allows.
  for (const Xapian::doccount estimate : {Xapian::doccount{0}, db.get_doccount()}) {
    for (const auto& text : queries) {
      SCOPED_TRACE(text + " estimated " + std::to_string(estimate));
      const Xapian::Query query = text == "*" ? Xapian::Query(std::string()) : builder.build(text);
      const FacetPass a = one.count(db, query, request), b = two.count_on_two(db, second, query, request, estimate);
      EXPECT_EQ(a.matches, b.matches);
      testing::expect_same_facet_counts(a.counts, b.counts);
    }
  }
}

TEST_F(SearchFacets, ColumnsReadFromTheDatabaseCountEqualBruteForce) {
  // ... and the same columns read from the value slots, where the file is missing.
  testing::TempDir copy;
  const std::string without = copy / "random.db";
  std::filesystem::copy(path(), without, std::filesystem::copy_options::recursive);
  std::filesystem::remove(column_file_path(without, Xapian::Database(without)));
  ColumnFacetCounter counter(without);
  ASSERT_FALSE(counter.columns_mapped(Xapian::Database(without)));
  for (const char* query : QUERIES) expect_counts_match(without, query, FacetMethod::COLUMNS);
}

TEST_F(SearchFacets, StockValueCountMatchSpyCountsEqualBruteForce) {
  for (const char* query : QUERIES) expect_counts_match(path(), query, FacetMethod::SLOTS);
}

TEST_F(SearchFacets, DatesAreListedInDateOrderAndTheRestByCountUnlessAsked) {
  Searcher searcher(path());
  SearchRequest request;
  request.query = "grain";
  request.facets.facets = {Facet::MONTH, Facet::COUNTRY};
  request.facets.limit = 5;
  const auto by_default = searcher.search(request);
  request.facet_sort = FacetSort::COUNT;
  const auto by_count = searcher.search(request);
  request.facet_sort = FacetSort::VALUE;
  const auto by_value = searcher.search(request);
  const auto keys = [](const FacetCounts& f) {
    std::vector<std::string> out;
    for (const auto& v : f.top) out.push_back(v.key);
    return out;
  };
  const auto counts = [](const FacetCounts& f) {
    std::vector<Xapian::doccount> out;
    for (const auto& v : f.top) out.push_back(v.count);
    return out;
  };
  const auto labels = [](const FacetCounts& f) {
    std::vector<std::string> out;
    for (const auto& v : f.top) out.push_back(v.label);
    return out;
  };
  for (const auto* result : {&by_default, &by_count, &by_value}) ASSERT_EQ(result->facets.size(), 2u);
  // The same five months (the most frequent) every time; only the order differs.
  auto months = keys(by_count.facets[0]);
  std::sort(months.begin(), months.end());
  EXPECT_EQ(keys(by_default.facets[0]), months) << "months in date order by default";
  EXPECT_EQ(keys(by_value.facets[0]), months);
  const auto month_counts = counts(by_count.facets[0]), country_counts = counts(by_default.facets[1]);
  EXPECT_TRUE(std::is_sorted(month_counts.rbegin(), month_counts.rend()));
  EXPECT_TRUE(std::is_sorted(country_counts.rbegin(), country_counts.rend())) << "countries by count by default";
  const auto names = labels(by_value.facets[1]);
  EXPECT_TRUE(std::is_sorted(names.begin(), names.end())) << "countries by name when asked";
  EXPECT_NE(labels(by_value.facets[1]), labels(by_default.facets[1])) << "the fixture must tell the orders apart";
}

TEST_F(SearchFacets, TotalsAreExactWithFacets) {
  Searcher searcher(path());
  SearchRequest request;
  request.query = "grain OR oil";
  request.facets.facets = {Facet::YEAR};
  const auto result = searcher.search(request);
  Xapian::Database db(path());
  QueryBuilder builder(db, "en");
  Xapian::Enquire enquire(db);
  enquire.set_query(builder.build("grain OR oil"));
  EXPECT_EQ(result.total, enquire.get_mset(0, db.get_doccount()).size());
  EXPECT_TRUE(result.total_exact);
}

TEST_F(SearchFacets, AFreshSearcherLoadsTheColumnsAnotherHasNeededAndCountsTheSame) {
  Searcher serving(path(), /*many_queries=*/true);
  EXPECT_TRUE(serving.loaded_columns().facets.empty());
  SearchRequest request;
  request.query = "grain";
  request.facets.facets = {Facet::COUNTRY, Facet::YEAR};
  const auto expected = serving.search(request);
  const LoadedColumns loaded = serving.loaded_columns();
  EXPECT_EQ(loaded.facets, (std::vector<Facet>{Facet::COUNTRY, Facet::YEAR}));
  Searcher fresh(path(), /*many_queries=*/true);
  fresh.load_columns(loaded);
  EXPECT_EQ(fresh.loaded_columns().facets, loaded.facets);
  const auto counted = fresh.search(request);
  ASSERT_EQ(counted.facets.size(), expected.facets.size());
  for (std::size_t f = 0; f < expected.facets.size(); ++f) {
    ASSERT_EQ(counted.facets[f].top.size(), expected.facets[f].top.size());
    for (std::size_t i = 0; i < expected.facets[f].top.size(); ++i) {
      EXPECT_EQ(counted.facets[f].top[i].key, expected.facets[f].top[i].key);
      EXPECT_EQ(counted.facets[f].top[i].count, expected.facets[f].top[i].count);
    }
  }
}

TEST_F(SearchFacets, LimitKeepsTheTopValuesAndTheDistinctCount) {
  Searcher searcher(path());
  SearchRequest request;
  request.query = "grain";
  request.facets.facets = {Facet::COUNTRY, Facet::PERSON};
  request.facets.limit = 1000;
  const auto all = searcher.search(request);
  request.facets.limit = 3;
  const auto top = searcher.search(request);
  for (std::size_t f = 0; f < 2; ++f) {
    ASSERT_EQ(top.facets[f].top.size(), 3u);
    EXPECT_EQ(top.facets[f].distinct, all.facets[f].distinct);
    for (std::size_t i = 0; i < 3; ++i) {
      EXPECT_EQ(top.facets[f].top[i].key, all.facets[f].top[i].key);
      EXPECT_EQ(top.facets[f].top[i].count, all.facets[f].top[i].count);
    }
  }
}

TEST_F(SearchFacets, LabelsNamesAsWrittenAndCountriesInTheLocale) {
  Searcher searcher(path());
  SearchRequest request;
  request.query = "grain";
  request.filters = {"country:FR", "person:\"José Sarney\""};
  request.facets.facets = {Facet::COUNTRY, Facet::PERSON};
  request.facets.limit = 100;
  request.locale = "fr";
  const auto result = searcher.search(request);
  auto label_of = [&](std::size_t f, const std::string& key) {
    for (const auto& v : result.facets[f].top)
      if (v.key == key) return v.label;
    return std::string("(missing)");
  };
  EXPECT_EQ(label_of(0, "FR"), "France");
  EXPECT_EQ(label_of(0, "DE"), "Allemagne");
  EXPECT_EQ(label_of(1, "jose sarney"), "José Sarney");
  // Drilling down: a facet key used as a filter selects exactly the articles counted.
  for (const auto& value : result.facets[1].top) {
    SearchRequest drill = request;
    drill.facets.facets.clear();
    drill.filters.push_back("person:\"" + value.key + "\"");
    drill.limit = 10000;
    EXPECT_EQ(searcher.search(drill).hits.size(), value.count) << value.key;
  }
}

TEST(FacetValues, WritesOneDistinctValuePerSlot) {
  Article a;
  a.id = "x";
  a.people = {"Alexander Lukashenko", "ALEXANDER LUKASHENKO", "Xi Jinping"};
  a.countries = {"by", "CN"};
  a.date = PartialDate{2023, 3, 0};
  Xapian::Document doc;
  Analyzer analyzer;
  add_facet_values(doc, a, fold_names(a, analyzer));
  EXPECT_EQ(doc.get_value(*facet_slot(Facet::PERSON, 0)), "alexander lukashenko\x1F" "Alexander Lukashenko");
  EXPECT_EQ(doc.get_value(*facet_slot(Facet::PERSON, 1)), "xi jinping\x1FXi Jinping")
      << "the repeated name is written once";
  EXPECT_EQ(doc.get_value(*facet_slot(Facet::PERSON, 2)), "");
  EXPECT_EQ(doc.get_value(*facet_slot(Facet::COUNTRY, 0)), "BY");
  EXPECT_EQ(doc.get_value(*facet_slot(Facet::MONTH, 0)), "202303");
  EXPECT_EQ(facet_key(Facet::DAY, "202303"), "") << "a month-only date has no day";
  EXPECT_EQ(facet_key(Facet::YEAR, "20230301"), "2023");
}

// Bug: an article naming 40 people was counted under its first 32 only (the schema's run
// of person slots). The values past a run go to the overflow slots, lane by facet.
TEST(FacetValues, ValuesPastAFacetsRunOfSlotsAreAllStoredInTheOverflowSlots) {
  Article a;
  a.id = "x";
  for (int i = 0; i < 500; ++i) a.people.push_back("Zed Person" + std::to_string(i));
  a.countries = {"BY", "CN"};
  Xapian::Document doc;
  Analyzer analyzer;
  add_facet_values(doc, a, fold_names(a, analyzer));
  EXPECT_EQ(doc.values_count(), 502u);
  std::set<Xapian::valueno> slots;
  for (unsigned i = 0; i < 500; ++i) {
    const auto slot = facet_slot(Facet::PERSON, i);
    ASSERT_TRUE(slot);
    slots.insert(*slot);
    EXPECT_EQ(doc.get_value(*slot), "zed person" + std::to_string(i) + "\x1FZed Person" + std::to_string(i));
  }
  EXPECT_EQ(slots.size(), 500u);
  EXPECT_EQ(facet_slot(Facet::PERSON, 32), schema::SLOT_OVERFLOW_FIRST + 1) << "lane 1, first overflow row";
  EXPECT_EQ(facet_slot(Facet::COUNTRY, 32), schema::SLOT_OVERFLOW_FIRST + 2);
  EXPECT_EQ(facet_slot(Facet::PERSON, 33), schema::SLOT_OVERFLOW_FIRST + 1 + schema::OVERFLOW_LANES);
  EXPECT_FALSE(facet_slot(Facet::SOURCE, 1)) << "one source per article";
  EXPECT_FALSE(facet_slot(Facet::DAY, 1)) << "one publication date per article";
}

}  // namespace
}  // namespace newsdex
