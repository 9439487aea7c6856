// Runs the real programs on the bundled sample corpus (seeds/).
#include <gtest/gtest.h>

#include "test_support.h"

namespace newsdex {
namespace {

using testing::run;
using testing::TempDir;

class EndToEnd : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    const auto result = run(NEWSDEX_INDEX_BIN, {"--db", db(), NEWSDEX_SEEDS_DIR});
    ASSERT_EQ(result.exit_code, 0) << result.err;
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }
  static std::string db() { return *dir_ / "news.db"; }
  static TempDir* dir_;
};
TempDir* EndToEnd::dir_ = nullptr;

// The first hit line of the text output: "   1  <id> ...".
std::string first_hit_id(const std::string& out) {
  const auto line = out.find("\n   1  ");
  if (line == std::string::npos) return {};
  const auto start = line + 7;
  return out.substr(start, out.find(' ', start) - start);
}

TEST_F(EndToEnd, LukashenkoFindsTheSeedArticleFirst) {
  const auto result = run(NEWSDEX_SEARCH_BIN, {"--db", db(), "Lukashenko"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(first_hit_id(result.out), "000_350c6e58df6e67c7") << result.out;
}

TEST_F(EndToEnd, AccentsCaseAndPossessivesDoNotMatter) {
  for (const char* query : {"LUKASHÉNKO", "lukashenko’s", "Zélensky"}) {
    const auto result = run(NEWSDEX_SEARCH_BIN, {"--db", db(), query});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(first_hit_id(result.out), "000_350c6e58df6e67c7") << query << "\n" << result.out;
  }
}

TEST_F(EndToEnd, CocoaFindsReutersCocoaArticles) {
  const auto result = run(NEWSDEX_SEARCH_BIN, {"--db", db(), "cocoa"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("BAHIA COCOA REVIEW"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("COCOA EXPORTS"), std::string::npos) << result.out;
}

TEST_F(EndToEnd, ReindexingReplacesInsteadOfDuplicating) {
  const auto again = run(NEWSDEX_INDEX_BIN, {"--db", db(), NEWSDEX_SEEDS_DIR "/000_350c6e58df6e67c7.txt"});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.err.find("0 added, 1 replaced"), std::string::npos) << again.err;
  const auto result = run(NEWSDEX_SEARCH_BIN, {"--db", db(), "Lukashenko"});
  EXPECT_NE(result.out.find("1 article matches"), std::string::npos) << result.out;
}

TEST_F(EndToEnd, MissingDatabaseIsAClearErrorWithExitCode1) {
  const auto result = run(NEWSDEX_SEARCH_BIN, {"--db", "/nonexistent/news.db", "cocoa"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("/nonexistent/news.db"), std::string::npos) << result.err;
  EXPECT_TRUE(result.out.empty());
}

TEST_F(EndToEnd, MalformedQueryIsAUsageError) {
  const auto result = run(NEWSDEX_SEARCH_BIN, {"--db", db(), "\"unbalanced AND ("});
  EXPECT_EQ(result.exit_code, 2) << result.out;
}

TEST_F(EndToEnd, BadCommandLinesExitWith2AndHelpExitsWith0) {
  EXPECT_EQ(run(NEWSDEX_SEARCH_BIN, {"--no-such-option"}).exit_code, 2);
  EXPECT_EQ(run(NEWSDEX_INDEX_BIN, {"--db"}).exit_code, 2);
  EXPECT_EQ(run(NEWSDEX_INDEX_BIN, {"--db", db()}).exit_code, 2);
  for (const char* program : {NEWSDEX_INDEX_BIN, NEWSDEX_SEARCH_BIN}) {
    const auto help = run(program, {"--help"});
    EXPECT_EQ(help.exit_code, 0);
    EXPECT_NE(help.out.find("Examples:"), std::string::npos);
    EXPECT_NE(help.out.find("Exit status"), std::string::npos);
    const auto version = run(program, {"--version"});
    EXPECT_EQ(version.exit_code, 0);
    EXPECT_NE(version.out.find("Xapian 1.4"), std::string::npos);
  }
}

// Bug: `newsdex-search --help > /dev/full` exited 0, as if the help had been shown.
TEST_F(EndToEnd, HelpThatCannotBeWrittenExitsWith1) {
  for (const char* program : {NEWSDEX_INDEX_BIN, NEWSDEX_SEARCH_BIN}) {
    for (const char* option : {"--help", "--version"}) {
      const auto r = run("/bin/sh", {"-c", std::string("'") + program + "' " + option + " > /dev/full"});
      EXPECT_EQ(r.exit_code, 1) << program << " " << option;
      EXPECT_NE(r.err.find("cannot write to standard output: No space left on device"), std::string::npos) << r.err;
    }
  }
}

// Bug: title:"oil prices" never matched: the title terms carried no positions.
TEST_F(EndToEnd, APhraseInsideTheTitleFieldMatchesTitlesThatHoldIt) {
  TempDir dir;
  testing::write_file(dir.path() / "news.jsonl",
                      "{\"id\": \"a\", \"title\": \"Crude oil prices rise\", \"body\": \"Markets moved.\"}\n"
                      "{\"id\": \"b\", \"title\": \"Prices of oil rise\", \"body\": \"Markets moved.\"}\n"
                      "{\"id\": \"c\", \"title\": \"Markets\", \"body\": \"Oil prices rose.\"}\n");
  ASSERT_EQ(run(NEWSDEX_INDEX_BIN, {"-q", "--db", dir / "news.db", dir / "news.jsonl"}).exit_code, 0);
  const auto r = run(NEWSDEX_SEARCH_BIN, {"--db", dir / "news.db", "--format", "jsonl", "title:\"oil prices\""});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("\"id\":\"a\""), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("\"id\":\"b\""), std::string::npos) << "the words apart: " << r.out;
  EXPECT_EQ(r.out.find("\"id\":\"c\""), std::string::npos) << "the phrase in the text only: " << r.out;
}

TEST_F(EndToEnd, IndexesFromStandardInput) {
  TempDir dir;
  const auto result = run(NEWSDEX_INDEX_BIN, {"--db", dir / "stdin.db", "--format", "plain", "-"},
                          "Title: Piped\n\nA zeppelin over Minsk.\n");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto found = run(NEWSDEX_SEARCH_BIN, {"--db", dir / "stdin.db", "zeppelin"});
  EXPECT_NE(found.out.find("Piped"), std::string::npos) << found.out;
}

}  // namespace
}  // namespace newsdex
