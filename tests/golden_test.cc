// Golden tests: each program's --help, and one faceted search of the bundled sample corpus
// (seeds/) in every output format, compared byte for byte with the files in
// tests/golden/. What a user reads and what scripts parse changes only on purpose: after a
// deliberate change, NEWSDEX_UPDATE_GOLDEN=1 rewrites the files, and their diff shows in
// review exactly what users will see differently.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "test_support.h"

namespace newsdex {
namespace {

namespace fs = std::filesystem;
using testing::run;

// Compares `actual` with the golden file `name`, or rewrites the file when asked to.
void expect_golden(const std::string& name, const std::string& actual) {
  const fs::path path = fs::path(NEWSDEX_GOLDEN_DIR) / name;
  const char* update = std::getenv("NEWSDEX_UPDATE_GOLDEN");
  if (update && std::string(update) == "1") {
    std::ofstream(path, std::ios::binary) << actual;
    return;
  }
  std::ifstream in(path, std::ios::binary);
  ASSERT_TRUE(in) << path << " is missing: run the test with NEWSDEX_UPDATE_GOLDEN=1 to write it";
  std::ostringstream expected;
  expected << in.rdbuf();
  EXPECT_EQ(actual, expected.str()) << "differs from " << path
                                    << " (if the change is meant, run the test with NEWSDEX_UPDATE_GOLDEN=1)";
}

TEST(Golden, HelpOfEachProgram) {
  for (const auto& [program, name] : {std::pair{std::string(NEWSDEX_INDEX_BIN), "newsdex-index.help"},
                                      std::pair{std::string(NEWSDEX_SEARCH_BIN), "newsdex-search.help"}}) {
    const auto r = run(program, {"--help"});
    EXPECT_EQ(r.exit_code, 0) << name;
    expect_golden(name, r.out);
  }
}

class GoldenOutput : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new testing::TempDir();
    const auto r = run(NEWSDEX_INDEX_BIN, {"--db", *dir_ / "seeds.db", "--quiet", NEWSDEX_SEEDS_DIR});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }
  // A search that shows every part of a record: hits with snippets, a facet, a timeline.
  static testing::CommandResult search(const std::string& format) {
    return run(NEWSDEX_SEARCH_BIN, {"--db", *dir_ / "seeds.db", "cocoa OR coffee", "--limit", "3", "--facet",
                                    "country,person", "--facet-limit", "3", "--timeline", "year", "--format", format,
                                    "--color", "never"});
  }
  static testing::TempDir* dir_;
};
testing::TempDir* GoldenOutput::dir_ = nullptr;

TEST_F(GoldenOutput, EveryFormat) {
  for (const std::string format : {"text", "json", "jsonl", "csv"}) {
    const auto r = search(format);
    EXPECT_EQ(r.exit_code, 0) << format << ": " << r.err;
    expect_golden("search." + format, r.out);
  }
  // TREC runs list hits only: a facet or timeline has no place in them.
  const auto trec = run(NEWSDEX_SEARCH_BIN, {"--db", *dir_ / "seeds.db", "cocoa OR coffee", "--limit", "3",
                                             "--format", "trec"});
  EXPECT_EQ(trec.exit_code, 0) << trec.err;
  expect_golden("search.trec", trec.out);
}

}  // namespace
}  // namespace newsdex
