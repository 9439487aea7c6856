// What newsdex-index must never do to an archive, through the real programs: remove a
// committed generation it takes for leftovers (a lost stub, an interrupted conversion, a
// sharded index that lost its stub), lose the articles of a part for one bad article,
// turn a write error into a crash or into skipped articles, or say nothing about an id
// it was asked to delete and did not find.
#include <gtest/gtest.h>
#include <xapian.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "id_term.h"
#include "test_support.h"

namespace newsdex {
namespace {

namespace fs = std::filesystem;
using testing::run;
using testing::TempDir;

Xapian::doccount doccount(const std::string& db) { return Xapian::Database(db).get_doccount(); }

// Xapian refuses terms over 245 bytes; an id that long is hashed into its id term, for
// the indexer, --delete and the searcher alike.
TEST(IndexSafety, AnIdTooLongForAXapianTermIsIndexedFoundAndDeleted) {
  TempDir dir;
  const std::string db = dir / "news.db";
  for (int i = 0; i < 300; ++i) {
    const std::string n = std::to_string(i);
    testing::write_file(dir.path() / "in" / ("a" + n + ".txt"), "Title: Grain " + n + "\n\nWheat.\n");
  }
  const std::string long_id = "z" + std::string(245, 'x');
  testing::write_file(dir.path() / "in" / (long_id + ".txt"), "Title: Cocoa\n\nCocoa showers in Bahia.\n");
  const auto r = run(NEWSDEX_INDEX_BIN, {"--db", db, dir / "in"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("301 added"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("0 skipped"), std::string::npos) << r.err;
  EXPECT_EQ(doccount(db), 301u);
  EXPECT_EQ(id_term(long_id).size(), 245u);
  EXPECT_EQ(Xapian::Database(db).get_termfreq(id_term(long_id)), 1u);

  const auto found = run(NEWSDEX_SEARCH_BIN, {"--db", db, "--format", "jsonl", "cocoa"});
  EXPECT_NE(found.out.find(long_id), std::string::npos) << found.out << found.err;  // stored whole
  const auto like = run(NEWSDEX_SEARCH_BIN, {"--db", db, "--like", long_id});
  EXPECT_EQ(like.exit_code, 0) << like.err;

  const auto again = run(NEWSDEX_INDEX_BIN, {"--db", db, (dir.path() / "in" / (long_id + ".txt")).string()});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(doccount(db), 301u) << "indexed again, it is replaced";
  const auto removed = run(NEWSDEX_INDEX_BIN, {"--db", db, "--delete", long_id});
  ASSERT_EQ(removed.exit_code, 0) << removed.err;
  EXPECT_NE(removed.err.find("1 deleted"), std::string::npos) << removed.err;
  EXPECT_EQ(doccount(db), 300u);

  const auto sharded = run(NEWSDEX_INDEX_BIN, {"--db", dir / "news.idx", "--shards", "2", dir / "in"});
  ASSERT_EQ(sharded.exit_code, 0) << sharded.err;
  const auto split =
      run(NEWSDEX_INDEX_BIN, {"--db", dir / "news3.idx", "--shards", "3", "--reshard", dir / "news.idx"});
  ASSERT_EQ(split.exit_code, 0) << split.err;
  const auto removed_from_shards = run(NEWSDEX_INDEX_BIN, {"--db", dir / "news3.idx", "--delete", long_id});
  EXPECT_NE(removed_from_shards.err.find("1 deleted"), std::string::npos) << removed_from_shards.err;
  EXPECT_EQ(doccount(dir / "news3.idx"), 300u);
}

}  // namespace
}  // namespace newsdex
