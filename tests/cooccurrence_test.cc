// Co-occurrence: pair counts against brute force over stored articles, the G² of known
// tables, --with lists, and the same answer from one database and from its shards.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <map>
#include <set>

#include "analysis/analyzer.h"
#include "query_builder.h"
#include "search_corpus.h"
#include "searcher.h"
#include "storage/stored_article.h"
#include "test_support.h"

namespace newsdex {
namespace {

TEST(LogLikelihood, KnownTables) {
  // Perfect association over 20: 2 * (10 ln 2 + 10 ln 2).
  EXPECT_NEAR(log_likelihood_ratio(10, 0, 0, 10), 40 * std::log(2.0), 1e-9);
  // Independence: no evidence at all.
  EXPECT_NEAR(log_likelihood_ratio(5, 5, 5, 5), 0, 1e-12);
  // Dunning (1993)'s form, 2 * N * (H(rows) + H(columns) - H(cells)) in nats, on an uneven table.
  const double k[4] = {110, 2442, 111, 29114};
  const double n = k[0] + k[1] + k[2] + k[3];
  const auto h = [n](std::initializer_list<double> counts) {
    double sum = 0;
    for (double c : counts) if (c > 0) sum -= c / n * std::log(c / n);
    return sum;
  };
  const double expected = 2 * n * (h({k[0] + k[1], k[2] + k[3]}) + h({k[0] + k[2], k[1] + k[3]}) - h({k[0], k[1], k[2], k[3]}));
  EXPECT_NEAR(log_likelihood_ratio(k[0], k[1], k[2], k[3]), expected, 1e-6);
}

class Cooccurrences : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new testing::TempDir();
    testing::build_database(*dir_ / "random.db", testing::random_articles(2000, 20250101));
  }
  static void TearDownTestSuite() { delete dir_; }
  static std::string path() { return *dir_ / "random.db"; }
  static testing::TempDir* dir_;
};
testing::TempDir* Cooccurrences::dir_ = nullptr;

using Keys = std::set<std::string>;

Keys keys_of(const Article& a, Facet facet, Analyzer& analyzer) {
  Keys keys;
  if (facet == Facet::PERSON) for (const auto& p : a.people) keys.insert(analyzer.fold(p));
  if (facet == Facet::COUNTRY) keys.insert(a.countries.begin(), a.countries.end());
  return keys;
}

std::vector<Article> matches_of(const std::string& path, const std::string& query) {
  Xapian::Database db(path);
  QueryBuilder builder(db, "en");
  Xapian::Enquire enquire(db);
  enquire.set_query(query == "*" ? Xapian::Query(std::string()) : builder.build(query));
  std::vector<Article> out;
  const auto mset = enquire.get_mset(0, db.get_doccount());
  for (auto it = mset.begin(); it != mset.end(); ++it) out.push_back(decode_stored_article(it.get_document().get_data()));
  return out;
}

TEST_F(Cooccurrences, PairsEqualBruteForce) {
  Analyzer analyzer;
  for (const char* query : {"grain", "*"}) {
    for (const auto& [first, second] : {std::pair{Facet::PERSON, Facet::PERSON}, {Facet::PERSON, Facet::COUNTRY},
                                        {Facet::COUNTRY, Facet::COUNTRY}}) {
      SCOPED_TRACE(std::string(query) + ": " + std::string(facet_name(first)) + "," + std::string(facet_name(second)));
      const auto matches = matches_of(path(), query);
      std::map<std::string, Xapian::doccount> singles_a, singles_b;
      std::map<std::pair<std::string, std::string>, Xapian::doccount> pairs;
      for (const auto& a : matches) {
        const Keys x = keys_of(a, first, analyzer), y = keys_of(a, second, analyzer);
        for (const auto& k : x) ++singles_a[k];
        for (const auto& k : y) ++singles_b[k];
        for (const auto& kx : x)
          for (const auto& ky : y)
            if (first != second || kx < ky) ++pairs[{kx, ky}];
      }
      // The pairs that should be listed: together in 2+, more often than chance.
      std::map<std::pair<std::string, std::string>, Xapian::doccount> want;
      const double n = static_cast<double>(matches.size());
      for (const auto& [keys, together] : pairs)
        if (together >= MIN_TOGETHER && together * n > double(singles_a[keys.first]) * double(singles_b[keys.second]))
          want[keys] = together;

      Searcher searcher(path());
      SearchRequest request;
      request.query = query;
      request.limit = 0;
      request.cooccur = CooccurRequest{first, second, ""};
      request.facets.limit = 100000;
      const auto result = searcher.search(request);
      ASSERT_TRUE(result.cooccurrence);
      const Cooccurrence& co = *result.cooccurrence;
      EXPECT_EQ(co.matches, matches.size());
      EXPECT_EQ(co.distinct, want.size());
      std::map<std::pair<std::string, std::string>, Xapian::doccount> got;
      for (std::size_t i = 0; i < co.top.size(); ++i) {
        const auto& p = co.top[i];
        got[{p.a.key, p.b.key}] = p.together;
        EXPECT_EQ(p.a.count, singles_a[p.a.key]) << p.a.key;
        EXPECT_EQ(p.b.count, singles_b[p.b.key]) << p.b.key;
        const double both = p.together, a = p.a.count, b = p.b.count;
        EXPECT_NEAR(p.g2, log_likelihood_ratio(both, a - both, b - both, n - a - b + both), 1e-9);
        if (i > 0) {
          EXPECT_GE(co.top[i - 1].g2, p.g2) << "by G², highest first";
        }
      }
      EXPECT_EQ(got, want);
      ASSERT_FALSE(want.empty()) << "the fixture must give pairs to compare";
    }
  }
}

TEST_F(Cooccurrences, WithListsThePartnersOfOneValueAsThePairsDo) {
  Searcher searcher(path());
  SearchRequest request;
  request.query = "*";
  request.limit = 0;
  request.facets.limit = 100000;
  request.cooccur = CooccurRequest{Facet::PERSON, Facet::PERSON, ""};
  const auto pairs = searcher.search(request).cooccurrence;
  request.cooccur->with = "Xi Jinping";
  const auto with = searcher.search(request).cooccurrence;
  ASSERT_TRUE(pairs && with);
  std::map<std::string, std::pair<Xapian::doccount, double>> want;
  for (const auto& p : pairs->top) {
    if (p.a.key == "xi jinping") want[p.b.key] = {p.together, p.g2};
    if (p.b.key == "xi jinping") want[p.a.key] = {p.together, p.g2};
  }
  ASSERT_FALSE(want.empty()) << "the fixture must give Xi Jinping partners to compare";
  std::map<std::string, std::pair<Xapian::doccount, double>> got;
  for (const auto& p : with->top) {
    EXPECT_NE(p.b.key, "xi jinping") << "the value itself is not its own partner";
    got[p.b.key] = {p.together, p.g2};
  }
  ASSERT_EQ(got.size(), want.size());
  for (const auto& [key, value] : want) {
    EXPECT_EQ(got[key].first, value.first) << key;
    EXPECT_NEAR(got[key].second, value.second, 1e-9) << key;
  }
  EXPECT_GT(with->with_matches, 0u);
}

// Through the programs: one database and the same articles in two local shards give the
// same pairs; a bad --cooccur is a usage error.
TEST(CooccurrenceCli, OneDatabaseAndItsShardsAgreeAndBadRequestsAreRefused) {
  testing::TempDir dir;
  std::string jsonl;
  const std::vector<std::vector<std::string>> casts = {
      {"Tony Blair", "Gordon Brown"}, {"Tony Blair", "Gordon Brown", "Michael Howard"},
      {"Tony Blair", "Gordon Brown"}, {"Michael Howard", "Charles Kennedy"}, {"Michael Howard", "Charles Kennedy"},
      {"Carlos Moya"},                {"Carlos Moya", "Rafael Nadal"},       {"Carlos Moya", "Rafael Nadal"}};
  for (std::size_t i = 0; i < casts.size(); ++i)
    jsonl += nlohmann::json{{"id", "a" + std::to_string(i)}, {"title", "Story"}, {"body", "The story."},
                            {"people", casts[i]}}.dump() + "\n";
  testing::write_file(dir.path() / "news.jsonl", jsonl);
  for (const auto& [db, shards] : {std::pair{std::string("one.db"), "1"}, {std::string("two"), "2"}}) {
    const auto r = testing::run(NEWSDEX_INDEX_BIN, {"-q", "--db", dir / db, "--shards", shards, dir / "news.jsonl"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  nlohmann::json first;
  for (const std::string db : {"one.db", "two"}) {
    const auto r = testing::run(NEWSDEX_SEARCH_BIN,
                                {"--db", dir / db, "--cooccur", "person", "--limit", "0", "--format", "json"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const auto co = nlohmann::json::parse(r.out)["cooccurrence"];
    if (first.is_null()) first = co;
    else EXPECT_EQ(co, first) << db;
  }
  ASSERT_EQ(first["pairs"].size(), 3u) << first.dump();
  // Nadal is always with Moya, Brown with Blair, Kennedy with Howard: each pair 2 or 3 times.
  std::set<std::string> labels;
  for (const auto& p : first["pairs"])
    labels.insert(p["a"]["label"].get<std::string>() + " + " + p["b"]["label"].get<std::string>());
  EXPECT_EQ(labels, (std::set<std::string>{"Gordon Brown + Tony Blair", "Carlos Moya + Rafael Nadal",
                                           "Charles Kennedy + Michael Howard"}));

  const auto text = testing::run(NEWSDEX_SEARCH_BIN, {"--db", dir / "one.db", "--cooccur", "person", "--with",
                                                      "Tony Blair", "--limit", "0"});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find("person with Tony Blair (in 3 of 8 matches; 1 associated, by log-likelihood G²):\n"
                          "  Gordon Brown      3  G² "), std::string::npos) << text.out;

  auto r = testing::run(NEWSDEX_SEARCH_BIN, {"--db", dir / "one.db", "--cooccur", "year"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--cooccur: unknown facet 'year' (person, country, region, author or source)"), std::string::npos) << r.err;
  r = testing::run(NEWSDEX_SEARCH_BIN, {"--db", dir / "one.db", "--with", "Tony Blair"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("give --cooccur too"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace newsdex
