// Every query form and field of newsdex-search, through the Searcher library, on the
// fixture articles of tests/fixtures/search/corpus.jsonl.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "query_builder.h"
#include "search_corpus.h"
#include "searcher.h"
#include "test_support.h"

namespace newsdex {
namespace {

class SearchQuery : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new testing::TempDir();
    testing::build_database(*dir_ / "news.db", testing::fixture_articles(), {"lukashenko", "zelensky", "cocoa"});
    searcher_ = new Searcher(*dir_ / "news.db");
  }
  static void TearDownTestSuite() {
    delete searcher_;
    delete dir_;
  }

  static SearchResult run(SearchRequest request) {
    request.limit = 100;
    return searcher_->search(request);
  }
  static SearchResult run(const std::string& query) {
    SearchRequest request;
    request.query = query;
    return run(request);
  }
  // The ids of the hits, sorted (for set comparisons).
  static std::set<std::string> ids(const SearchResult& result) {
    std::set<std::string> out;
    for (const auto& hit : result.hits) out.insert(hit.article.id);
    return out;
  }
  static std::set<std::string> ids(const std::string& query) { return ids(run(query)); }
  static std::string error_of(const std::string& query) {
    try {
      run(query);
    } catch (const QueryError& e) {
      return e.what();
    }
    return "(no error)";
  }

  static testing::TempDir* dir_;
  static Searcher* searcher_;
};
testing::TempDir* SearchQuery::dir_ = nullptr;
Searcher* SearchQuery::searcher_ = nullptr;

using Ids = std::set<std::string>;

TEST_F(SearchQuery, FreeTextWordsAreAllRequiredWithAll) {
  SearchRequest all;
  all.query = "cocoa crop";
  all.default_or = false;
  all.expansion = Expansion::NONE;
  EXPECT_EQ(ids(run(all)), (Ids{"cocoa-1", "cocoa-2"}));
  all.query = "COCOA Crops";
  EXPECT_EQ(ids(run(all)), (Ids{"cocoa-1", "cocoa-2"})) << "case and stemming do not matter";
}

TEST_F(SearchQuery, ByDefaultArticlesWithAnyWordMatchAndThoseWithAllComeFirst) {
  // Every article holding "cocoa" or "crop" matches; none that holds neither.
  const SearchResult result = run("cocoa crop");
  EXPECT_EQ(ids(result), (Ids{"cocoa-1", "cocoa-2", "ctrl id\t1", "no-date"}));
  ASSERT_GE(result.hits.size(), 2u);
  const Ids first_two{result.hits[0].article.id, result.hits[1].article.id};
  EXPECT_EQ(first_two, (Ids{"cocoa-1", "cocoa-2"})) << "the articles holding both words rank first";
}

TEST_F(SearchQuery, BooleanOperatorsAndBrackets) {
  EXPECT_EQ(ids("coffee OR crude"), (Ids{"coffee-1", "oil-2"}));
  EXPECT_EQ(ids("cocoa NOT ghana"), (Ids{"cocoa-1", "no-date", "ctrl id\t1"}));
  EXPECT_EQ(ids("cocoa AND bahia"), (Ids{"cocoa-1"}));
  EXPECT_EQ(ids("(coffee OR crude) AND prices"), (Ids{"coffee-1", "oil-2"}));
  EXPECT_EQ(ids("(coffee OR crude) AND embargo"), (Ids{"coffee-1"}));
}

TEST_F(SearchQuery, PlusAndMinus) {
  EXPECT_EQ(ids("cocoa -ghana -bahia"), (Ids{"no-date", "ctrl id\t1"}));
  EXPECT_EQ(ids("+grain +deal"), (Ids{"by-cn-2", "ua-1"}));
  EXPECT_EQ(ids("+grain +deal -ukrainian"), (Ids{"by-cn-2"}));
}

TEST_F(SearchQuery, PhrasesAndNear) {
  EXPECT_EQ(ids("\"peace plan\""), (Ids{"by-cn-1", "ua-2"}));
  EXPECT_EQ(ids("\"plan peace\""), Ids{});
  EXPECT_EQ(ids("opec NEAR pact"), (Ids{"oil-1"}));
  EXPECT_EQ(ids("showers NEAR/3 prospects"), Ids{}) << "too far apart";
}

TEST_F(SearchQuery, Wildcards) {
  EXPECT_EQ(ids("ukrain*"), (Ids{"by-cn-1", "ua-1"}));
  EXPECT_EQ(ids("lukash*"), (Ids{"by-cn-1", "by-cn-2"}));
}

TEST_F(SearchQuery, TitleField) {
  EXPECT_EQ(ids("title:cocoa"), (Ids{"cocoa-1", "cocoa-2", "no-date"}));
  EXPECT_EQ(ids("title:lukashenko"), (Ids{"by-cn-1"}));
}

TEST_F(SearchQuery, PersonByFullNameOrSurname) {
  const Ids lukashenko{"by-cn-1", "by-cn-2", "de-1"};
  EXPECT_EQ(ids("person:Lukashenko"), lukashenko);
  EXPECT_EQ(ids("person:\"Alexander Lukashenko\""), lukashenko);
  EXPECT_EQ(ids("person:LUKASHENKO"), lukashenko);
  EXPECT_EQ(ids("person:zelensky grain"), (Ids{"ua-1"}));
  EXPECT_EQ(ids("person:Alexander"), Ids{}) << "a first name alone is not a surname";
  EXPECT_EQ(ids("person:nobody"), Ids{});
}

TEST_F(SearchQuery, CountryByCodeNameAdjectiveOrOtherLanguage) {
  const Ids belarus{"by-cn-1", "by-cn-2", "de-1"};
  for (const char* q : {"country:BY", "country:by", "country:Belarus", "country:Belarusian", "country:Weißrussland"})
    EXPECT_EQ(ids(q), belarus) << q;
  EXPECT_EQ(ids("country:\"Saudi Arabia\""), (Ids{"oil-1"}));
  EXPECT_NE(error_of("country:Atlantis").find("unknown country 'atlantis' at column 1"), std::string::npos)
      << error_of("country:Atlantis");
}

TEST_F(SearchQuery, AuthorSourceAndLanguage) {
  EXPECT_EQ(ids("author:\"Tessa Wong\""), (Ids{"by-cn-1", "ua-1"}));
  EXPECT_EQ(ids("author:\"ana perez\""), (Ids{"ua-1", "ua-2"})) << "accents do not matter";
  EXPECT_EQ(ids("source:reuters cocoa"), (Ids{"cocoa-1", "cocoa-2"}));
  EXPECT_EQ(ids("lang:de"), (Ids{"de-1"}));
  EXPECT_EQ(ids("lang:german"), (Ids{"de-1"}));
}

TEST_F(SearchQuery, DateYearMonthDayAndRange) {
  EXPECT_EQ(ids("date:2023-03-02"), (Ids{"by-cn-2"}));
  EXPECT_EQ(ids("date:2023-03"), (Ids{"by-cn-1", "by-cn-2", "ua-1", "de-1", "month-only"}));
  EXPECT_EQ(ids("date:1987 cocoa"), (Ids{"cocoa-1", "cocoa-2"}));
  EXPECT_EQ(ids("date:2023-03-01..2023-03-03"), (Ids{"by-cn-1", "by-cn-2", "de-1"}));
  EXPECT_EQ(ids("date:2023-03..2023-04"), (Ids{"by-cn-1", "by-cn-2", "ua-1", "ua-2", "de-1"}));
  EXPECT_EQ(ids("grain date:..1999"), Ids{});
  EXPECT_EQ(ids("date:2023-04-01.. grain"), Ids{});
  EXPECT_EQ(ids("date:2023-04-01.. zelensky"), (Ids{"ua-2"}));
}

TEST_F(SearchQuery, SinceAndUntil) {
  SearchRequest request;
  request.query = "grain";
  request.since = "2023-03-02";
  request.until = "2023-03-31";
  EXPECT_EQ(ids(run(request)), (Ids{"by-cn-2", "ua-1"})) << "not by-cn-1 (too early), not month-only";
  request.since = "2023-03-16";
  EXPECT_EQ(ids(run(request)), Ids{});
}

TEST_F(SearchQuery, FilterNarrowsWithoutChangingScores) {
  SearchRequest plain;
  plain.query = "cocoa";
  const auto unfiltered = run(plain);
  SearchRequest filtered = plain;
  filtered.filters = {"country:Ghana"};
  const auto narrowed = run(filtered);
  ASSERT_EQ(ids(narrowed), (Ids{"cocoa-2"}));
  const auto it = std::find_if(unfiltered.hits.begin(), unfiltered.hits.end(),
                               [](const Hit& h) { return h.article.id == "cocoa-2"; });
  ASSERT_NE(it, unfiltered.hits.end());
  EXPECT_DOUBLE_EQ(narrowed.hits[0].score, it->score);
  filtered.filters = {"person:lukashenko", "date:2023-03-02"};
  filtered.query = "talks";
  EXPECT_EQ(ids(run(filtered)), (Ids{"by-cn-2"}));
  filtered.filters = {"planet:mars"};
  EXPECT_THROW(run(filtered), QueryError);
}

TEST_F(SearchQuery, TitleMatchesRankAboveBodyMatches) {
  const auto result = run("zelensky");
  ASSERT_EQ(result.hits.size(), 2u);
  EXPECT_EQ(result.hits[0].article.id, "ua-2") << "Zelensky is in its title";
}

TEST_F(SearchQuery, SortByDate) {
  SearchRequest request;
  request.query = "grain";
  request.sort = SortOrder::DATE_DESC;
  auto result = run(request);
  ASSERT_GE(result.hits.size(), 3u);
  for (std::size_t i = 1; i < result.hits.size(); ++i) {
    if (!result.hits[i].article.date || !result.hits[i].article.date->has_day()) continue;
    EXPECT_GE(result.hits[i - 1].article.date->to_compact(), result.hits[i].article.date->to_compact());
  }
  request.sort = SortOrder::DATE;
  result = run(request);
  // Oldest first, the newest dated one last, then the articles without a day (sorted last).
  std::size_t dated = 0;
  while (dated < result.hits.size() && result.hits[dated].article.date && result.hits[dated].article.date->has_day())
    ++dated;
  ASSERT_GT(dated, 0u);
  EXPECT_EQ(result.hits[dated - 1].article.id, "ua-1");
  for (std::size_t i = dated; i < result.hits.size(); ++i)
    EXPECT_FALSE(result.hits[i].article.date && result.hits[i].article.date->has_day()) << result.hits[i].article.id;
}

TEST_F(SearchQuery, RecencyFavoursNewerArticles) {
  SearchRequest request;
  request.query = "cocoa";
  const auto plain = run(request);
  request.recency_half_life_days = 30;
  const auto recent = run(request);
  ASSERT_FALSE(recent.hits.empty());
  EXPECT_NE(plain.hits[0].article.id, "ctrl id\t1");
  EXPECT_EQ(recent.hits[0].article.id, "ctrl id\t1") << "the newest cocoa article";
}

TEST_F(SearchQuery, MoreLikeThis) {
  SearchRequest request;
  request.like_id = "cocoa-1";
  const auto result = run(request);
  ASSERT_FALSE(result.hits.empty());
  EXPECT_FALSE(ids(result).contains("cocoa-1")) << "not the article itself";
  EXPECT_EQ(result.hits[0].article.id, "cocoa-2");
  request.like_id = "no-such-id";
  EXPECT_THROW(run(request), QueryError);
}

TEST_F(SearchQuery, PagingAndTotals) {
  SearchRequest request;
  request.query = "cocoa";
  request.limit = 2;
  const auto first = searcher_->search(request);
  request.offset = 2;
  const auto second = searcher_->search(request);
  ASSERT_EQ(first.hits.size(), 2u);
  EXPECT_EQ(first.total, 4u);
  EXPECT_EQ(second.hits[0].rank, 3u);
  EXPECT_FALSE(ids(first).contains(second.hits[0].article.id));
}

TEST_F(SearchQuery, SnippetsHighlightMatchedWords) {
  const auto result = run("showers");
  ASSERT_EQ(result.hits.size(), 1u);
  const std::string& snippet = result.hits[0].snippet;
  EXPECT_NE(snippet.find(std::string(1, SNIPPET_MARK_START) + "Showers" + SNIPPET_MARK_END), std::string::npos)
      << snippet;
}

TEST_F(SearchQuery, MalformedQueriesSayWhatAndWhere) {
  EXPECT_EQ(error_of("cocoa \"crop"), "unbalanced '\"' at column 7: the phrase is never closed");
  EXPECT_EQ(error_of("(cocoa OR coffee"), "unbalanced '(' at column 1: never closed");
  EXPECT_EQ(error_of("cocoa)"), "unbalanced ')' at column 6: no '(' before it");
  EXPECT_EQ(error_of("cocoa planet:mars"),
            "unknown field 'planet:' at column 7 (fields: title, person, country, author, source, lang, date)");
  EXPECT_EQ(error_of("grain date:2023-13"),
            "bad date '2023-13' (use YYYY, YYYY-MM, YYYY-MM-DD or FROM..TO) at column 7");
  EXPECT_EQ(error_of("date:2023-02-30"), "bad date '2023-02-30' (use YYYY, YYYY-MM, YYYY-MM-DD or FROM..TO) at column 1");
  EXPECT_NE(error_of("date:2023-04..2023-03").find("ends before it begins"), std::string::npos);
  EXPECT_EQ(error_of("\"Zürich\" date:x"), "bad date 'x' (use YYYY, YYYY-MM, YYYY-MM-DD or FROM..TO) at column 10")
      << "columns count characters";
}

TEST_F(SearchQuery, EmptyResultSuggestsASpelling) {
  const auto result = run("lukashenkp");
  EXPECT_EQ(result.total, 0u);
  EXPECT_EQ(result.suggestion, "lukashenko");
  EXPECT_TRUE(run("cocoa").suggestion.empty());
  EXPECT_TRUE(run("xylophone").suggestion.empty()) << "no suggestion when the index knows none";
}

TEST_F(SearchQuery, ReopensWhenTheIndexChangesUnderneath) {
  testing::TempDir dir;
  const std::string path = dir / "live.db";
  auto articles = testing::random_articles(50, 7);
  testing::build_database(path, articles);
  Searcher searcher(path);
  SearchRequest request;
  request.query = "cocoa OR grain OR oil";
  request.facets.facets = {Facet::PERSON};
  const auto before = searcher.search(request);
  // Many commits make the searcher's revision obsolete (DatabaseModifiedError).
  {
    Xapian::WritableDatabase db(path, Xapian::DB_OPEN);
    for (int i = 0; i < 10; ++i) {
      Xapian::Document doc;
      doc.add_term("cocoa");
      doc.add_boolean_term("Qextra" + std::to_string(i));
      db.replace_document("Qextra" + std::to_string(i), doc);
      db.commit();
    }
  }
  const auto after = searcher.search(request);
  EXPECT_GE(after.total, before.total);
}

}  // namespace
}  // namespace newsdex
