// The promise of the analysis chain, checked on real text: the seed article and small
// articles in nine other languages are indexed with the real newsdex-index, then EVERY
// word of each article, typed as written, in upper case, and without its accents (or
// taken out of a Chinese, Japanese or Thai sentence), must find that article through
// the searcher's QueryBuilder and Xapian; a few of them also through newsdex-search.
#include <gtest/gtest.h>

#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include <xapian.h>

#include "analysis/analyzer.h"
#include "query_builder.h"
#include "test_support.h"

namespace newsdex {
namespace {

namespace fs = std::filesystem;
using testing::run;
using testing::TempDir;

struct ArticleText {
  std::string id;
  std::string language = "en";
  std::string text;  // title and body
};

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream content;
  content << in.rdbuf();
  return content.str();
}

// The fixtures' plain-text format: a "Key: value" header ended by a blank line, or
// (the seed) byline lines starting with "- ". Header values other than the title are
// not article text.
ArticleText article_text(const fs::path& path, const std::string& default_id) {
  ArticleText article;
  article.id = default_id;
  std::istringstream in(read_file(path));
  std::string line;
  bool in_header = true;
  while (std::getline(in, line)) {
    if (in_header && line.rfind("- ", 0) == 0) continue;
    if (in_header) {
      const auto colon = line.find(": ");
      if (line.empty()) {
        in_header = false;
        continue;
      }
      if (colon != std::string::npos && line.find(' ') > colon) {
        const std::string key = line.substr(0, colon), value = line.substr(colon + 2);
        if (key == "Id") article.id = value;
        else if (key == "Language") article.language = value;
        else if (key == "Title") article.text += value + "\n";
        continue;
      }
      in_header = false;
    }
    article.text += line + "\n";
  }
  return article;
}

// "Zélensky" -> "Zelensky": the marks a reader may leave out (Latin and Greek letters).
std::string without_accents(const std::string& word) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::UnicodeString decomposed =
      icu::Normalizer2::getNFDInstance(status)->normalize(icu::UnicodeString::fromUTF8(word), status);
  icu::UnicodeString out;
  UScriptCode base = USCRIPT_COMMON;
  for (int32_t i = 0; i < decomposed.length();) {
    const UChar32 c = decomposed.char32At(i);
    i += U16_LENGTH(c);
    if (u_charType(c) == U_NON_SPACING_MARK && (base == USCRIPT_LATIN || base == USCRIPT_GREEK)) continue;
    if (u_charType(c) != U_NON_SPACING_MARK) base = uscript_getScript(c, &status);
    out.append(c);
  }
  std::string result;
  icu::Normalizer2::getNFCInstance(status)->normalize(out, status).toUTF8String(result);
  return result;
}

std::string upper(const std::string& word) {
  std::string out;
  icu::UnicodeString::fromUTF8(word).toUpper(icu::Locale::getRoot()).toUTF8String(out);
  return out;
}

bool is_query_operator(const std::string& word) {
  for (const char* op : {"AND", "OR", "NOT", "XOR", "NEAR", "ADJ"})
    if (word == op) return true;
  return false;
}

// A word in no article finds nothing, in any of the articles' languages.
void enquire_nothing(const Xapian::Database& db) {
  for (const char* language : {"", "en", "de", "fr", "es", "ru", "zh"}) {
    QueryBuilder builder(db, language);
    Xapian::Enquire enquire(db);
    enquire.set_query(builder.build("zeppelin"));
    EXPECT_EQ(enquire.get_mset(0, 10).size(), 0u) << language;
  }
}

class AnalysisProperty : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    const auto result = run(NEWSDEX_INDEX_BIN, {"--db", db_path(), seed_path(), fixtures_dir()});
    ASSERT_EQ(result.exit_code, 0) << result.err;
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }
  static std::string db_path() { return *dir_ / "news.db"; }
  static std::string seed_path() { return NEWSDEX_SEEDS_DIR "/000_350c6e58df6e67c7.txt"; }
  static std::string fixtures_dir() { return NEWSDEX_FIXTURES_DIR "/analysis"; }

  static std::vector<ArticleText> articles() {
    std::vector<ArticleText> out{article_text(seed_path(), "000_350c6e58df6e67c7")};
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(fixtures_dir())) files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    for (const auto& file : files) out.push_back(article_text(file, ""));
    return out;
  }

  static TempDir* dir_;
};
TempDir* AnalysisProperty::dir_ = nullptr;

TEST_F(AnalysisProperty, EveryWordOfEveryArticleFindsIt) {
  const Xapian::Database db(db_path());
  const auto all = articles();
  ASSERT_EQ(all.size(), 11u);
  Analyzer analyzer;
  std::size_t queries = 0, matching_everything = 0;
  std::vector<std::string> failures;
  for (const auto& article : all) {
    Xapian::PostingIterator id = db.postlist_begin("Q" + article.id);
    ASSERT_NE(id, db.postlist_end("Q" + article.id)) << article.id << " was not indexed";
    const Xapian::docid wanted = *id;

    std::set<std::string> variants;
    analyzer.for_each_token(article.text, [&](const Token& token) {
      const std::string word = article.text.substr(token.begin, token.end - token.begin);
      for (const std::string& variant : {word, upper(word), without_accents(word), upper(without_accents(word))})
        if (!is_query_operator(variant)) variants.insert(variant);
    });
    ASSERT_GT(variants.size(), 10u) << article.id;

    // With no --language: each word is stemmed in every language the archive holds.
    QueryBuilder builder(db, "");
    Xapian::Enquire enquire(db);
    for (const auto& query : variants) {
      ++queries;
      enquire.set_query(builder.build(query));
      const Xapian::MSet mset = enquire.get_mset(0, db.get_doccount());
      matching_everything += mset.size() == db.get_doccount();
      if (std::find(mset.begin(), mset.end(), wanted) == mset.end())
        failures.push_back(article.id + ": " + query + " -> " + builder.normalise(query));
    }
  }
  EXPECT_GT(queries, 1000u);
  // A control: words must select articles, not match everything.
  EXPECT_LT(matching_everything * 20, queries) << matching_everything << " queries matched every article";
  enquire_nothing(db);
  std::string listed;
  for (const auto& f : failures) listed += "\n  " + f;
  EXPECT_TRUE(failures.empty()) << failures.size() << " of " << queries << " queries missed their article:" << listed;
}

TEST_F(AnalysisProperty, WholeSentencesAreFoundAsPhrases) {
  const Xapian::Database db(db_path());
  for (const auto& [id, language, sentence] :
       {std::tuple{"analysis-zh", "zh", "俄罗斯总统今天在北京会见了白俄罗斯总统"},
        std::tuple{"analysis-ja", "ja", "日本政府は新しい経済政策を発表した"},
        std::tuple{"analysis-th", "th", "รัฐบาลไทยประกาศนโยบายเศรษฐกิจใหม่ในกรุงเทพมหานคร"},
        std::tuple{"analysis-de", "de", "\"uber die Vorschlage von Wirtschaftsminister MULLER\""}}) {
    QueryBuilder builder(db, language);
    Xapian::Enquire enquire(db);
    enquire.set_query(builder.build(sentence));
    const Xapian::MSet mset = enquire.get_mset(0, 10);
    ASSERT_EQ(mset.size(), 1u) << sentence << " -> " << builder.normalise(sentence);
    EXPECT_EQ(*mset.begin(), *db.postlist_begin(std::string("Q") + id)) << sentence;
  }
}

TEST_F(AnalysisProperty, TheRealSearchProgramFindsFoldedAndSegmentedWords) {
  for (const auto& [query, language, title] :
       {std::tuple{"Ёлка", "ru", "Президент России встретился с Лукашенко"},
        std::tuple{"ELYSEE", "fr", "L'Élysée annonce une réforme des retraites"},
        std::tuple{"会见", "zh", "俄罗斯总统会见白俄罗斯总统"},
        std::tuple{"経済", "ja", "日本政府が新しい経済政策を発表"}}) {
    const auto result = run(NEWSDEX_SEARCH_BIN, {"--db", db_path(), query});
    ASSERT_EQ(result.exit_code, 0) << query << "\n" << result.err;
    EXPECT_NE(result.out.find(title), std::string::npos) << query << "\n" << result.out;
  }
  for (const auto& [query, language, title] :
       {std::tuple{"России", "ru", "Президент России встретился с Лукашенко"},
        std::tuple{"Élysée", "fr", "L'Élysée annonce une réforme des retraites"}}) {
    // --language narrows the stemming to one language: its articles are still found.
    const auto result = run(NEWSDEX_SEARCH_BIN, {"--db", db_path(), "--language", language, query});
    ASSERT_EQ(result.exit_code, 0) << query << "\n" << result.err;
    EXPECT_NE(result.out.find(title), std::string::npos) << query << "\n" << result.out;
  }
}

}  // namespace
}  // namespace newsdex
