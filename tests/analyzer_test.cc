#include "analysis/analyzer.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <random>
#include <sstream>

#include <unicode/utf8.h>
#include <xapian.h>

#include "analysis/language.h"
#include "core/schema.h"
#include "analysis/term_writer.h"

namespace newsdex {
namespace {

using Terms = std::vector<std::string>;

struct Case {
  const char* text;
  Terms expected;
};

// Readable test names in ctest's output.
void PrintTo(const Case& c, std::ostream* os) { *os << '"' << c.text << '"'; }

bool contains(const Terms& terms, const std::string& term) {
  return std::find(terms.begin(), terms.end(), term) != terms.end();
}

// --- Exact term sequences --------------------------------------------------------------

class AnalyzerTable : public ::testing::TestWithParam<Case> {};

TEST_P(AnalyzerTable, YieldsTheExpectedTerms) {
  Analyzer analyzer;
  EXPECT_EQ(analyzer.terms(GetParam().text), GetParam().expected) << GetParam().text;
  Analyzer icu_only(false);
  EXPECT_EQ(icu_only.terms(GetParam().text), GetParam().expected) << "ICU path: " << GetParam().text;
}

INSTANTIATE_TEST_SUITE_P(
    NewsText, AnalyzerTable,
    ::testing::Values(
        Case{"Lukashenko says Belarus", {"lukashenko", "says", "belarus"}},
        Case{"Lukashenko’s visit", {"lukashenko", "visit"}},   // curly possessive
        Case{"Lukashenko's visit", {"lukashenko", "visit"}},   // straight possessive
        Case{"the allies' plan", {"the", "allies", "plan"}},   // plural possessive
        Case{"the U.S. Secretary", {"the", "us", "secretary"}},
        Case{"U.S.A. e.g. U.K.", {"usa", "eg", "uk"}},
        Case{"Zélensky and ZELENSKY", {"zelensky", "and", "zelensky"}},
        Case{"Élysée España", {"elysee", "espana"}},
        // Umlauts fold to the bare vowel, as English-language news writes them ("Zurich",
        // "Dusseldorf"); "Mueller" stays a different spelling.
        Case{"Müller Mueller Zürich", {"muller", "mueller", "zurich"}},
        Case{"Łódź Søren Straße", {"lodz", "soren", "strasse"}},
        Case{"co-operation", {"co", "operation"}},
        Case{"COVID-19 vaccine", {"covid", "19", "vaccine"}},
        Case{"1,750 dlrs at 5.93 mln", {"1,750", "dlrs", "at", "5.93", "mln"}},
        Case{"a $1.5bn loan", {"a", "1.5bn", "loan"}},
        Case{"release 1.2.3", {"release", "1.2.3"}},
        // E-mail addresses and host names: their parts, which QueryParser reads as a phrase.
        Case{"Mail John.Doe@Example.com today", {"mail", "john", "doe", "example", "com", "today"}},
        Case{"https://www.reuters.com/world/x-2022-01-01/",
             {"https", "www", "reuters", "com", "world", "x", "2022", "01", "01"}},
        Case{"O'Brien don’t", {"o'brien", "don't"}},
        Case{"“extremely interested”", {"extremely", "interested"}},
        Case{"snake_case __init__ _ x", {"snake_case", "__init__", "x"}},
        Case{"ﬁnance Ｔｏｋｙｏ", {"finance", "tokyo"}},  // NFKC: ligature, full-width letters
        Case{"", {}},
        Case{" \t\n ", {}}));

INSTANTIATE_TEST_SUITE_P(
    Languages, AnalyzerTable,
    ::testing::Values(
        Case{"Die Straßenbahnfahrer in Düsseldorf äußerten sich.",
             {"die", "strassenbahnfahrer", "in", "dusseldorf", "ausserten", "sich"}},
        Case{"L'Élysée a annoncé que le président s'est rendu à Bruxelles.",
             {"elysee", "a", "annonce", "que", "le", "president", "est", "rendu", "a", "bruxelles"}},
        Case{"¿Cuándo firmaron España y México el acuerdo de Cádiz?",
             {"cuando", "firmaron", "espana", "y", "mexico", "el", "acuerdo", "de", "cadiz"}},
        // Stress marks and "ё" fold; "й" keeps its breve, which makes it another letter.
        Case{"Президент России встре́тился с Лукашенко. Ёлка, край.",
             {"президент", "россии", "встретился", "с", "лукашенко", "елка", "край"}},
        Case{"Η Αθήνα είναι η πρωτεύουσα της Ελλάδας.",
             {"η", "αθηνα", "ειναι", "η", "πρωτευουσα", "τησ", "ελλαδασ"}},
        // Arabic keeps its letters and harakat as written.
        Case{"وقال الرئيس المصري إن المفاوضات مستمرة.",
             {"وقال", "الرئيس", "المصري", "إن", "المفاوضات", "مستمرة"}}));

// --- Dictionary scripts: words that must come out of a sentence --------------------------

class DictionaryWords : public ::testing::TestWithParam<Case> {};

TEST_P(DictionaryWords, SentenceYieldsItsWords) {
  Analyzer analyzer;
  const Terms terms = analyzer.terms(GetParam().text);
  EXPECT_GE(terms.size(), GetParam().expected.size()) << "the sentence must not stay one token";
  for (const auto& word : GetParam().expected) EXPECT_TRUE(contains(terms, word)) << word << " in " << GetParam().text;
}

INSTANTIATE_TEST_SUITE_P(
    Scripts, DictionaryWords,
    ::testing::Values(
        // A two-character Chinese word inside a sentence is a term of its own.
        Case{"俄罗斯总统今天在北京会见了白俄罗斯总统。", {"俄罗斯", "总统", "今天", "北京", "会见"}},
        Case{"中国外交部发言人表示，两国关系发展良好。", {"中国", "外交部", "表示", "两国", "关系", "发展"}},
        Case{"日本政府は新しい経済政策を発表した。", {"日本", "政府", "経済", "政策", "発表"}},
        Case{"コンピューターの輸出が増加している。", {"コンピューター", "輸出", "増加"}},
        Case{"รัฐบาลไทยประกาศนโยบายเศรษฐกิจใหม่", {"รัฐบาล", "ไทย", "ประกาศ", "นโยบาย", "เศรษฐกิจ", "ใหม่"}},
        Case{"ព្រះរាជាណាចក្រកម្ពុជា", {"ព្រះរាជាណាចក្រ", "កម្ពុជា"}},           // Khmer
        Case{"ສາທາລະນະລັດປະຊາທິປະໄຕ", {"ສາທາລະນະລັດ", "ປະຊາທິປະໄຕ"}},          // Lao
        Case{"မြန်မာနိုင်ငံသည်အာရှတွင်ရှိသည်", {"မြန်မာနိုင်ငံ", "သည်", "တွင်"}}));  // Burmese

TEST(Analyzer, KeepsMarksThatAreSpellingInOtherScripts) {
  Analyzer analyzer;
  // Thai vowel signs are non-spacing marks but part of the word: they must survive.
  std::string joined;
  for (const auto& t : analyzer.terms("ประเทศไทย")) joined += t;
  EXPECT_EQ(joined, "ประเทศไทย");
}

TEST(Analyzer, FoldsCaseAndAccentsOfWholeStrings) {
  Analyzer analyzer;
  EXPECT_EQ(analyzer.fold("Alexander LUKASHENKO"), "alexander lukashenko");
  EXPECT_EQ(analyzer.fold("Zélensky"), "zelensky");
  EXPECT_EQ(analyzer.fold("ΑΘΉΝΑ"), "αθηνα");
}

TEST(Analyzer, TokensCarryTheirByteOffsets) {
  Analyzer analyzer;
  const std::string text = "Élysée, john.doe@x.org";
  std::vector<std::string> originals;
  analyzer.for_each_token(text, [&](const Token& t) { originals.push_back(text.substr(t.begin, t.end - t.begin)); });
  EXPECT_EQ(originals, (Terms{"Élysée", "john", "doe", "x", "org"}));
}

// --- Over-long words and bad input ------------------------------------------------------

TEST(Analyzer, TruncatesOverlongWordsOnACharacterBoundary) {
  Analyzer analyzer;
  for (const std::string& word : {std::string(1000, 'a'), [] {
                                    std::string s;
                                    for (int i = 0; i < 500; ++i) s += "é";
                                    return s;
                                  }()}) {
    const auto terms = analyzer.terms(word + " next");
    ASSERT_EQ(terms.size(), 2u);
    EXPECT_LE(terms[0].size(), MAX_TERM_BYTES);
    EXPECT_GE(terms[0].size(), MAX_TERM_BYTES - 1);
    int32_t i = 0, length = static_cast<int32_t>(terms[0].size());
    while (i < length) {
      UChar32 c;
      U8_NEXT(terms[0].data(), i, length, c);
      ASSERT_GE(c, 0) << "truncation left a broken UTF-8 character";
    }
    EXPECT_EQ(terms[1], "next");
  }
}

TEST(Analyzer, OverlongWordsFitXapiansTermLimitEvenWithPrefixes) {
  Analyzer analyzer;
  TermWriter writer(analyzer, stemmer_for("en"));
  Xapian::Document doc;
  const std::string huge(5000, 'x');
  EXPECT_NO_THROW(writer.index(doc, huge + " " + huge, schema::PREFIX_TITLE));
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  EXPECT_NO_THROW(db.add_document(doc));
}

TEST(Analyzer, InvalidUtf8DoesNotCrash) {
  Analyzer analyzer;
  const auto terms = analyzer.terms(std::string("abc\xff\xfe def \xe4\xb8"));
  EXPECT_TRUE(contains(terms, "def"));
}

// --- The ASCII fast path yields exactly what ICU yields ---------------------------------

std::vector<std::tuple<std::string, std::size_t, std::size_t>> tokens_of(Analyzer& analyzer, std::string_view text) {
  std::vector<std::tuple<std::string, std::size_t, std::size_t>> out;
  analyzer.for_each_token(text, [&](const Token& t) { out.emplace_back(t.term, t.begin, t.end); });
  return out;
}

TEST(AsciiFastPath, MatchesIcuOnRandomText) {
  // Every ASCII class ICU's word rules distinguish, plus non-ASCII neighbours that join
  // ASCII words (’ is MidNumLet, U+0301 is Extend) and whitespace of each kind.
  static const std::vector<std::string> ALPHABET = {
      "a", "Z", "s", "@", "0", "7", "_", ".", "'", ",", ";", ":", "\"", "-", "$", "/", "!",
      " ", "\t", "\n", "\r", "\v", "é", "’", "\xCC\x81", "中", "\xE2\x80\x8D"};
  std::mt19937 random(20240521);
  std::uniform_int_distribution<std::size_t> pick(0, ALPHABET.size() - 1), length(1, 24);
  Analyzer fast, icu(false);
  for (int round = 0; round < 20000; ++round) {
    std::string text;
    for (std::size_t i = length(random); i > 0; --i) text += ALPHABET[pick(random)];
    ASSERT_EQ(tokens_of(fast, text), tokens_of(icu, text)) << "text: \"" << text << '"';
  }
}

TEST(AsciiFastPath, MatchesIcuOnTheBundledCorpus) {
  Analyzer fast, icu(false);
  for (const char* name : {"/reut2-000.xml", "/000_350c6e58df6e67c7.txt"}) {
    std::ifstream in(std::string(NEWSDEX_SEEDS_DIR) + name, std::ios::binary);
    std::stringstream content;
    content << in.rdbuf();
    const std::string text = content.str();
    ASSERT_GT(text.size(), 1000u) << name;
    const auto expected = tokens_of(icu, text);
    EXPECT_GT(expected.size(), 100u);
    EXPECT_TRUE(tokens_of(fast, text) == expected) << name;
  }
}

// --- TermWriter: Xapian's TermGenerator conventions -------------------------------------

std::vector<Xapian::termpos> positions(const Xapian::Document& doc, const std::string& term) {
  for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t)
    if (*t == term) return {t.positionlist_begin(), t.positionlist_end()};
  return {};
}

bool has_term(const Xapian::Document& doc, const std::string& term) {
  for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t)
    if (*t == term) return true;
  return false;
}

TEST(TermWriter, WritesRawTermsWithPositionsAndStemsWithout) {
  Analyzer analyzer;
  TermWriter writer(analyzer, stemmer_for("en"));
  Xapian::Document doc;
  writer.index(doc, "Talks in Beijing", schema::PREFIX_TITLE, schema::TITLE_WDF_BOOST);
  writer.next_field();
  writer.index(doc, "The talks continued");

  EXPECT_EQ(positions(doc, "talks"), (std::vector<Xapian::termpos>{1, 5 + schema::FIELD_POSITION_GAP}));
  EXPECT_EQ(positions(doc, "the"), (std::vector<Xapian::termpos>{4 + schema::FIELD_POSITION_GAP}));
  EXPECT_TRUE(has_term(doc, "Ztalk"));
  EXPECT_TRUE(has_term(doc, "Zcontinu"));
  EXPECT_TRUE(positions(doc, "Ztalk").empty());
  // Title words under S, their stems under ZS; body words not.
  EXPECT_TRUE(has_term(doc, "Stalks"));
  EXPECT_TRUE(has_term(doc, "ZStalk"));
  EXPECT_TRUE(has_term(doc, "Sbeijing"));
  EXPECT_FALSE(has_term(doc, "Scontinued"));
  // Stop words are written too: a query of stop words alone reaches QueryParser stemmed.
  EXPECT_TRUE(has_term(doc, "Zthe"));
  EXPECT_TRUE(has_term(doc, "in"));
  EXPECT_FALSE(has_term(doc, "Sthe"));
}

TEST(TermWriter, StemsWithTheArticlesLanguage) {
  Analyzer analyzer;
  Xapian::Document german, english;
  TermWriter(analyzer, stemmer_for("de")).index(german, "Verhandlungen");
  TermWriter(analyzer, stemmer_for("en")).index(english, "Verhandlungen");
  EXPECT_TRUE(has_term(german, "Zverhandl"));
  EXPECT_TRUE(has_term(english, "Zverhandlungen"));
}

}  // namespace
}  // namespace newsdex
