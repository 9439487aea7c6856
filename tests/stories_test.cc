// Stories: near-duplicate sketches, the story keys the indexer gives across runs (checked
// against exact shingle Jaccard on a fixture with known copies), and what the searcher
// counts with them (--collapse, --facet-by story) against brute force over the keys.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <random>
#include <set>
#include <sstream>

#include "analysis/analyzer.h"
#include "query_builder.h"
#include "core/calendar.h"
#include "core/schema.h"
#include "searcher.h"
#include "storage/stored_article.h"
#include "analysis/story_sketch.h"
#include "test_support.h"

namespace newsdex {
namespace {

using json = nlohmann::json;

// Words of invented syllables (so no stemmer or stopper changes them), from a fixed seed.
std::vector<std::string> vocabulary(std::size_t n, std::mt19937& rng) {
  static const char* syllables[] = {"ka", "lo", "mi", "ta", "ne", "ru", "so", "vi", "de", "pa", "zu", "fo"};
  std::set<std::string> words;
  std::uniform_int_distribution<int> pick(0, 11), length(2, 4);
  while (words.size() < n) {
    std::string w;
    for (int i = length(rng); i > 0; --i) w += syllables[pick(rng)];
    words.insert(w);
  }
  return {words.begin(), words.end()};
}

std::string words_text(const std::vector<std::string>& words) {
  std::string text;
  for (const auto& w : words) text += (text.empty() ? "" : " ") + w;
  return text;
}

std::set<std::string> shingles(Analyzer& analyzer, const std::string& text) {
  std::vector<std::string> words;
  analyzer.for_each_token(text, [&](const Token& t) { words.push_back(t.term); });
  std::set<std::string> out;
  for (std::size_t i = 0; i + SHINGLE_WORDS <= words.size(); ++i) {
    std::string s;
    for (std::size_t k = 0; k < SHINGLE_WORDS; ++k) s += words[i + k] + ' ';
    out.insert(s);
  }
  return out;
}

double jaccard(const std::set<std::string>& a, const std::set<std::string>& b) {
  std::size_t common = 0;
  for (const auto& s : a) common += b.count(s);
  const std::size_t all = a.size() + b.size() - common;
  return all ? static_cast<double>(common) / all : 0;
}

std::optional<Sketch> sketch_of(Analyzer& analyzer, const std::string& text) {
  ShingleSketcher sketcher;
  analyzer.for_each_token(text, [&](const Token& t) { sketcher.add_word(t.term); });
  return sketcher.finish();
}

TEST(StorySketch, SameWordsSameSketchAndTooShortTextsHaveNone) {
  Analyzer analyzer;
  const auto a = sketch_of(analyzer, "The grain ministers met in Brussels on Monday to discuss quotas.");
  // Case and punctuation are folded away by the analyser: the same words.
  const auto b = sketch_of(analyzer, "THE GRAIN MINISTERS MET IN BRUSSELS ON MONDAY, TO DISCUSS QUOTAS!");
  ASSERT_TRUE(a && b);
  EXPECT_EQ(*a, *b);
  EXPECT_EQ(sketch_similarity(*a, *b), 1.0);
  EXPECT_FALSE(sketch_of(analyzer, "Four words only here"));
  EXPECT_TRUE(sketch_of(analyzer, "Five words are just enough"));
  EXPECT_EQ(decode_sketch(encode_sketch(*a)), a);
  EXPECT_FALSE(decode_sketch("short"));
  EXPECT_EQ(story_band_terms(*a).size(), STORY_BANDS);
  for (const auto& term : story_band_terms(*a)) EXPECT_EQ(term.rfind(schema::PREFIX_STORY_BAND, 0), 0u) << term;
}

TEST(StorySketch, KeysAreStableAcrossBuildsBecauseTheyAreStored) {
  // A database written by one build is read by the next: the key of a known input must
  // never change (a change here needs a new schema version, not a new expected value).
  Analyzer analyzer;
  EXPECT_EQ(own_story_key("a-1", std::nullopt), own_story_key("a-1", std::nullopt));
  EXPECT_NE(own_story_key("a-1", std::nullopt), own_story_key("a-2", std::nullopt));
  const auto sketch = sketch_of(analyzer, "one two three four five six seven");
  ASSERT_TRUE(sketch);
  EXPECT_EQ(own_story_key("a-1", sketch).size(), 16u);
  EXPECT_NE(own_story_key("a-1", sketch), own_story_key("a-1", std::nullopt));
  EXPECT_EQ(encode_sketch(*sketch).size(), SKETCH_HASHES);
}

TEST(StorySketch, EstimateFollowsExactJaccard) {
  // Texts sharing a known share of words: the estimate is within 0.2 of the exact
  // Jaccard of their shingle sets (four standard deviations at 64 minima).
  std::mt19937 rng(7);
  const auto words = vocabulary(3000, rng);
  std::uniform_int_distribution<std::size_t> any(0, words.size() - 1);
  Analyzer analyzer;
  for (int trial = 0; trial < 40; ++trial) {
    std::vector<std::string> a(300);
    for (auto& w : a) w = words[any(rng)];
    std::vector<std::string> b = a;
    const std::size_t changed = static_cast<std::size_t>(trial) * 2;
    for (std::size_t i = 0; i < changed; ++i) b[(i * 37) % b.size()] = words[any(rng)];
    const double exact = jaccard(shingles(analyzer, words_text(a)), shingles(analyzer, words_text(b)));
    const double estimate = sketch_similarity(*sketch_of(analyzer, words_text(a)), *sketch_of(analyzer, words_text(b)));
    EXPECT_NEAR(estimate, exact, 0.2) << changed << " words changed";
  }
}

// The fixture: base stories, and for each a copy under another headline, a one-word
// correction, or a rewrite of half its words (another story); the copies of the last
// bases arrive in a second run, some dated a month after their base.
struct StoryFixture {
  struct Entry {
    std::string id, title, body, date, country;
  };
  std::vector<Entry> first_run, second_run;

  StoryFixture() {
    std::mt19937 rng(20241204);
    const auto words = vocabulary(4000, rng);
    std::uniform_int_distribution<std::size_t> any(0, words.size() - 1);
    const char* countries[] = {"FR", "DE", "JP", "BR"};
    for (int i = 0; i < 12; ++i) {
      std::vector<std::string> base(120);
      for (auto& w : base) w = words[any(rng)];
      base[10] = "harbour";  // a word every article holds, for a query matching them all
      const std::string month = fmt::format("2024-{:02}", 1 + i % 3);
      const std::string country = countries[i % 4];
      auto& run = i < 6 ? first_run : second_run;
      first_run.push_back({fmt::format("base-{}", i), fmt::format("Story {}", i), words_text(base), month + "-10", country});
      std::vector<std::string> variant = base;
      std::string kind;
      if (i % 3 == 0) {
        kind = "copy";
      } else if (i % 3 == 1) {
        kind = "fix";
        variant[60] = words[any(rng)];
      } else {
        kind = "rewrite";
        for (std::size_t w = 0; w < variant.size(); w += 2)
          if (w != 10) variant[w] = words[any(rng)];
      }
      const std::string date = i % 4 == 3 ? fmt::format("2024-{:02}-11", 2 + i % 3) : month + "-11";
      run.push_back({fmt::format("{}-{}", kind, i), fmt::format("Update on story {}", i), words_text(variant), date, country});
      // A second copy of every fourth story, in the same run as the first.
      if (i % 4 == 0) run.push_back({fmt::format("again-{}", i), "Again", words_text(variant), date, country});
    }
  }

  static std::string jsonl(const std::vector<Entry>& entries) {
    std::string out;
    for (const auto& e : entries)
      out += json{{"id", e.id}, {"title", e.title}, {"body", e.body}, {"date", e.date}, {"countries", {e.country}}}.dump() + "\n";
    return out;
  }
};

class Stories : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    fixture_ = new StoryFixture;
    corpus_ = new testing::IndexedCorpus(StoryFixture::jsonl(fixture_->first_run));
    // The second run adds to the same database: its copies must find their bases there.
    testing::write_file(corpus_->dir().path() / "more.jsonl", StoryFixture::jsonl(fixture_->second_run));
    const auto r = testing::run(NEWSDEX_INDEX_BIN, {"-q", "--db", corpus_->db(), corpus_->dir() / "more.jsonl"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  static void TearDownTestSuite() {
    delete corpus_;
    delete fixture_;
  }

  // Every article's story key, read back through newsdex-search.
  static std::map<std::string, std::string> keys() {
    const auto r = corpus_->search({"*", "--limit", "1000", "--format", "jsonl", "--fields", "id,story"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    std::map<std::string, std::string> out;
    std::istringstream lines(r.out);
    for (std::string line; std::getline(lines, line);) {
      const json j = json::parse(line);
      if (j.contains("id")) out[j["id"]] = j["story"];
    }
    return out;
  }

  static StoryFixture* fixture_;
  static testing::IndexedCorpus* corpus_;
};
StoryFixture* Stories::fixture_ = nullptr;
testing::IndexedCorpus* Stories::corpus_ = nullptr;

TEST_F(Stories, KeysAgreeWithExactShingleJaccardAcrossTwoRuns) {
  std::vector<StoryFixture::Entry> all = fixture_->first_run;
  all.insert(all.end(), fixture_->second_run.begin(), fixture_->second_run.end());
  const auto story = keys();
  ASSERT_EQ(story.size(), all.size());
  Analyzer analyzer;
  std::vector<std::set<std::string>> sets;
  sets.reserve(all.size());
  // Sketched as newsdex sketches an article: its title, then its text.
  for (const auto& e : all) sets.push_back(shingles(analyzer, e.title + " " + e.body));
  std::size_t same = 0;
  for (std::size_t a = 0; a < all.size(); ++a) {
    for (std::size_t b = a + 1; b < all.size(); ++b) {
      const double j = jaccard(sets[a], sets[b]);
      SCOPED_TRACE(all[a].id + " / " + all[b].id + ": exact Jaccard " + std::to_string(j));
      // The fixture has no pair near the threshold: copies are close, the rest far.
      ASSERT_TRUE(j >= 0.85 || j < 0.3);
      // A copy published a month after its base is news again: a story of its own.
      const auto day = [](const std::string& iso) {
        return *day_number(iso.substr(0, 4) + iso.substr(5, 2) + iso.substr(8, 2));
      };
      const bool near = std::labs(day(all[a].date) - day(all[b].date)) <= STORY_DAYS;
      if (j >= 0.85 && near) {
        EXPECT_EQ(story.at(all[a].id), story.at(all[b].id));
        ++same;
      } else {
        EXPECT_NE(story.at(all[a].id), story.at(all[b].id));
      }
    }
  }
  // A copy or correction of 8 bases (8 pairs), less those of bases 3 and 7, a month
  // later; a second copy of bases 0 and 4 (with the base and the first copy: 2 pairs
  // more each) and of the rewrite of base 8 (1 pair).
  EXPECT_EQ(same, 8u - 2u + 4u + 1u);
}

TEST_F(Stories, CollapseShowsOneHitPerStoryWithExactSimilarCounts) {
  const auto story = keys();
  std::map<std::string, int> size;
  for (const auto& [id, key] : story) ++size[key];
  for (const char* query : {"harbour", "*"}) {
    SCOPED_TRACE(query);
    const auto r = corpus_->search({query, "--collapse", "--limit", "100", "--format", "json"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const json j = json::parse(r.out);
    EXPECT_EQ(j["total"], story.size());
    EXPECT_EQ(j["total_exact"], true);
    EXPECT_EQ(j["stories"], size.size());
    ASSERT_EQ(j["hits"].size(), size.size());
    std::set<std::string> seen;
    for (const auto& hit : j["hits"]) {
      const std::string key = hit["story"];
      EXPECT_EQ(key, story.at(hit["id"]));
      EXPECT_TRUE(seen.insert(key).second) << "two hits of story " << key;
      EXPECT_EQ(hit["similar"], size[key] - 1) << hit["id"];
    }
  }
  // With no hit asked for, the stories are counted all the same.
  const json counts = json::parse(corpus_->search({"harbour", "--collapse", "--limit", "0", "--format", "json"}).out);
  EXPECT_EQ(counts["total"], story.size());
  EXPECT_EQ(counts["stories"], size.size());
  // Text output says so.
  const auto text = corpus_->search({"harbour", "--collapse", "--limit", "30", "--color", "never"});
  EXPECT_NE(text.out.find(fmt::format("{} articles ({} stories) match", story.size(), size.size())), std::string::npos)
      << text.out;
  EXPECT_NE(text.out.find("(+2 similar)"), std::string::npos) << text.out;
}

TEST_F(Stories, CollapsedPagesAreXapiansCollapseOfTheSameRanking) {
  // What Xapian's own collapse key picks, one page at a time.
  Xapian::Database db(corpus_->db());
  QueryBuilder builder(db, "en");
  Xapian::Enquire enquire(db);
  enquire.set_query(builder.build("harbour"));
  enquire.set_weighting_scheme(Xapian::BM25Weight(DEFAULT_BM25_K1, 0, 1, DEFAULT_BM25_B, 0.5));
  enquire.set_collapse_key(schema::SLOT_STORY);
  const Xapian::MSet all = enquire.get_mset(0, db.get_doccount());
  std::vector<std::string> want;
  for (auto it = all.begin(); it != all.end(); ++it) want.push_back(decode_stored_article(it.get_document().get_data()).id);
  ASSERT_GT(want.size(), 10u);
  for (const auto& [offset, limit] : std::vector<std::pair<int, int>>{{0, 3}, {3, 4}, {0, 100}, {10, 5}}) {
    const auto r = corpus_->search({"harbour", "--collapse", "--offset", std::to_string(offset), "--limit",
                                    std::to_string(limit), "--format", "json"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const json j = json::parse(r.out);
    std::vector<std::string> got;
    for (const auto& hit : j["hits"]) got.push_back(hit["id"]);
    const auto first = want.begin() + std::min<std::size_t>(offset, want.size());
    const std::vector<std::string> page(first, first + std::min<std::size_t>(limit, want.end() - first));
    EXPECT_EQ(got, page) << "offset " << offset << ", limit " << limit;
    if (!j["hits"].empty()) {
      EXPECT_EQ(j["hits"][0]["rank"], offset + 1);
    }
  }
}

TEST_F(Stories, FacetsAndTimelinesByStoryCountEachStoryOnce) {
  std::vector<StoryFixture::Entry> all = fixture_->first_run;
  all.insert(all.end(), fixture_->second_run.begin(), fixture_->second_run.end());
  const auto story = keys();
  std::map<std::string, std::set<std::string>> by_country, by_month;
  std::set<std::string> stories;
  for (const auto& e : all) {
    by_country[e.country].insert(story.at(e.id));
    by_month[e.date.substr(0, 7)].insert(story.at(e.id));
    stories.insert(story.at(e.id));
  }
  for (const char* method : {"auto", "columns"}) {
    const auto r = corpus_->search({"harbour", "--facet-by", "story", "--facet", "country", "--timeline", "month",
                                    "--limit", "0", "--format", "json", "--facet-method", method});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const json j = json::parse(r.out);
    EXPECT_EQ(j["total"], all.size());
    EXPECT_EQ(j["stories"], stories.size());
    ASSERT_EQ(j["facets"]["country"]["values"].size(), by_country.size());
    for (const auto& v : j["facets"]["country"]["values"])
      EXPECT_EQ(v["count"], by_country[v["value"]].size()) << v.dump();
    ASSERT_EQ(j["timeline"]["periods"].size(), by_month.size());
    for (const auto& p : j["timeline"]["periods"]) EXPECT_EQ(p["count"], by_month[p["period"]].size()) << p.dump();
    EXPECT_EQ(j["timeline"]["undated"], 0);
  }
  // Without it, the same facet counts articles.
  const json articles = json::parse(corpus_->search({"harbour", "--facet", "country", "--limit", "0", "--format", "json"}).out);
  Xapian::doccount counted = 0;
  for (const auto& v : articles["facets"]["country"]["values"]) counted += v["count"].get<Xapian::doccount>();
  EXPECT_EQ(counted, all.size());
  EXPECT_FALSE(articles.contains("stories"));
  // A week would count a story once per day it ran: refused, with the reason.
  const auto week = corpus_->search({"harbour", "--facet-by", "story", "--timeline", "week", "--limit", "0"});
  EXPECT_EQ(week.exit_code, 2) << week.out;
  EXPECT_NE(week.err.find("by month or year"), std::string::npos) << week.err;
}

TEST_F(Stories, BatchLinesAskForCollapseAndStoryCounts) {
  const auto r = corpus_->search({"--batch", "-", "--format", "json", "--limit", "1"},
                                 "{\"qid\": \"a\", \"query\": \"harbour\", \"collapse\": true}\n"
                                 "{\"qid\": \"b\", \"query\": \"harbour\", \"facet_by\": \"story\", \"facets\": \"country\"}\n"
                                 "{\"qid\": \"c\", \"query\": \"harbour\", \"collapse\": \"yes\"}\n");
  EXPECT_EQ(r.exit_code, 2);  // the third line is malformed
  std::istringstream lines(r.out);
  std::map<std::string, json> by_qid;
  for (std::string line; std::getline(lines, line);) {
    const json j = json::parse(line);
    by_qid[j["qid"]] = j;
  }
  EXPECT_TRUE(by_qid["a"].contains("stories"));
  EXPECT_TRUE(by_qid["a"]["hits"][0].contains("similar"));
  EXPECT_TRUE(by_qid["b"].contains("stories"));
  EXPECT_NE(by_qid["c"].value("error", ""), "");
}

TEST(StoriesOldDatabase, CollapseOnADatabaseWithoutStoryKeysSaysSo) {
  testing::TempDir dir;
  {
    Xapian::WritableDatabase db(dir / "old.db", Xapian::DB_CREATE);
    Article a;
    a.id = "1";
    a.title = "old";
    a.body = "an article indexed before stories";
    Xapian::Document doc;
    doc.add_term("old");
    doc.set_data(encode_stored_article(a));
    db.add_document(doc);
    db.set_metadata(std::string(schema::METADATA_SCHEMA_VERSION), std::to_string(schema::VERSION));
    db.commit();
  }
  Searcher searcher(dir / "old.db");
  SearchRequest request;
  request.query = "old";
  request.collapse = true;
  try {
    searcher.search(request);
    FAIL() << "collapsed a database without story keys";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("before story keys"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace newsdex
