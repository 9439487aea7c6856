#include "analyzer.h"

#include <gtest/gtest.h>

namespace newsdex {
namespace {

using Terms = std::vector<std::string>;

struct Case {
  const char* text;
  Terms expected;
};

// Readable test names in ctest's output.
void PrintTo(const Case& c, std::ostream* os) { *os << '"' << c.text << '"'; }

class AnalyzerTable : public ::testing::TestWithParam<Case> {};

TEST_P(AnalyzerTable, YieldsTheExpectedTerms) {
  Analyzer analyzer;
  EXPECT_EQ(analyzer.terms(GetParam().text), GetParam().expected) << GetParam().text;
}

INSTANTIATE_TEST_SUITE_P(
    NewsText, AnalyzerTable,
    ::testing::Values(
        Case{"Lukashenko says Belarus", {"lukashenko", "says", "belarus"}},
        Case{"Lukashenko’s visit", {"lukashenko", "visit"}},   // curly possessive
        Case{"Lukashenko's visit", {"lukashenko", "visit"}},   // straight possessive
        Case{"the U.S. Secretary", {"the", "us", "secretary"}},
        Case{"Zélensky and ZELENSKY", {"zelensky", "and", "zelensky"}},
        Case{"Élysée España", {"elysee", "espana"}},
        Case{"co-operation", {"co", "operation"}},
        Case{"1,750 dlrs at 5.93 mln", {"1,750", "dlrs", "at", "5.93", "mln"}},
        Case{"“extremely interested”", {"extremely", "interested"}},
        Case{"", {}}));

TEST(Analyzer, FoldsCaseAndAccentsOfWholeStrings) {
  Analyzer analyzer;
  EXPECT_EQ(analyzer.fold("Alexander LUKASHENKO"), "alexander lukashenko");
  EXPECT_EQ(analyzer.fold("Zélensky"), "zelensky");
}

TEST(Analyzer, KeepsMarksThatAreSpellingInOtherScripts) {
  Analyzer analyzer;
  // Thai vowel signs are non-spacing marks but part of the word: they must survive.
  const auto terms = analyzer.terms("ประเทศไทย");
  ASSERT_FALSE(terms.empty());
  std::string joined;
  for (const auto& t : terms) joined += t;
  EXPECT_EQ(joined, "ประเทศไทย");
}

TEST(Analyzer, SegmentsChineseIntoWords) {
  Analyzer analyzer;
  const auto terms = analyzer.terms("中国和白俄罗斯");
  EXPECT_GE(terms.size(), 2u) << "a Chinese sentence must not stay one token";
  EXPECT_NE(std::find(terms.begin(), terms.end(), "中国"), terms.end());
}

TEST(Analyzer, TruncatesOverlongWordsWithinXapiansLimit) {
  Analyzer analyzer;
  const auto terms = analyzer.terms(std::string(1000, 'a'));
  ASSERT_EQ(terms.size(), 1u);
  EXPECT_LE(terms[0].size(), MAX_TERM_BYTES);
}

TEST(Analyzer, InvalidUtf8DoesNotCrash) {
  Analyzer analyzer;
  const auto terms = analyzer.terms(std::string("abc\xff\xfe def"));
  EXPECT_NE(std::find(terms.begin(), terms.end(), "def"), terms.end());
}

TEST(StopWords, AreFunctionWordsOnly) {
  EXPECT_TRUE(is_stop_word("the"));
  EXPECT_FALSE(is_stop_word("us"));  // the folded "U.S."
  EXPECT_FALSE(is_stop_word("cocoa"));
}

}  // namespace
}  // namespace newsdex
