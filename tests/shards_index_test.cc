// newsdex-index --shards: every article in the shard its id hashes to, re-indexing and
// --delete reaching that shard, the shard count kept, and --reshard splitting and merging.
#include <gtest/gtest.h>
#include <xapian.h>

#include <filesystem>
#include <fstream>
#include <set>

#include "core/schema.h"
#include "storage/shard_layout.h"
#include "reshard.h"
#include "sharded_index.h"
#include "test_support.h"

namespace newsdex {
namespace {

namespace fs = std::filesystem;
using testing::TempDir;

testing::CommandResult index(const std::vector<std::string>& args) {
  std::vector<std::string> all{"-q"};
  all.insert(all.end(), args.begin(), args.end());
  return testing::run(NEWSDEX_INDEX_BIN, all);
}

const std::string REUTERS = std::string(NEWSDEX_SEEDS_DIR) + "/reut2-000.xml";

// Every article id of `db`, checking that each sits in the shard shard_for names.
std::multiset<std::string> ids_in_shards(const std::string& dir, unsigned shards) {
  std::multiset<std::string> ids;
  for (unsigned k = 0; k < shards; ++k) {
    Xapian::Database shard((fs::path(dir) / shard_directory_name(k)).string());
    EXPECT_EQ(shard.get_metadata(std::string(schema::METADATA_SCHEMA_VERSION)), std::to_string(schema::VERSION));
    for (auto it = shard.allterms_begin("Q"); it != shard.allterms_end("Q"); ++it) {
      const std::string id = (*it).substr(1);
      EXPECT_EQ(shard_for(id, shards), k) << id;
      EXPECT_EQ(it.get_termfreq(), 1u) << id;
      ids.insert(id);
    }
  }
  return ids;
}

TEST(ShardedIndexing, RoutesByIdKeepsTheCountAndReachesTheRightShard) {
  TempDir dir;
  const std::string db = dir / "idx";
  auto result = index({"--db", db, "--shards", "3", REUTERS});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(existing_shard_count(db), 3u);
  EXPECT_EQ(read_stub_file(db + "/XAPIANDB").size(), 3u);
  const auto ids = ids_in_shards(db, 3);
  EXPECT_EQ(ids.size(), 1000u);
  EXPECT_EQ(Xapian::Database(db).get_doccount(), 1000u);  // Xapian opens the stub as one database

  // Again, without --shards: replaced in place, no duplicates.
  result = testing::run(NEWSDEX_INDEX_BIN, {"--db", db, REUTERS});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.err.find("0 added, 1000 replaced"), std::string::npos) << result.err;
  EXPECT_EQ(ids_in_shards(db, 3), ids);

  // Another shard count is refused, naming both.
  result = index({"--db", db, "--shards", "2", REUTERS});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("has 3 shards, not 2"), std::string::npos) << result.err;

  // --delete reaches the shard holding the id.
  result = testing::run(NEWSDEX_INDEX_BIN, {"--db", db, "--delete", "248", "5"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.err.find("2 deleted"), std::string::npos) << result.err;
  const auto left = ids_in_shards(db, 3);
  EXPECT_EQ(left.size(), 998u);
  EXPECT_EQ(left.count("248") + left.count("5"), 0u);
}

TEST(ShardedIndexing, ASingleDatabaseIsNotShardedInPlace) {
  TempDir dir;
  const std::string db = dir / "one.db";
  ASSERT_EQ(index({"--db", db, REUTERS}).exit_code, 0);
  const auto result = index({"--db", db, "--shards", "2", REUTERS});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("--reshard"), std::string::npos) << result.err;
}

TEST(ShardedIndexing, ReshardSplitsAndMergesWithoutLosingAnArticle) {
  TempDir dir;
  const std::string one = dir / "one.db", two = dir / "two", four = dir / "four", merged = dir / "merged.db";
  ASSERT_EQ(index({"--db", one, REUTERS}).exit_code, 0);
  ASSERT_EQ(index({"--db", two, "--shards", "2", REUTERS}).exit_code, 0);

  auto result = index({"--db", four, "--reshard", two, "--shards", "4"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto ids = ids_in_shards(four, 4);
  EXPECT_EQ(ids, ids_in_shards(two, 2));
  EXPECT_EQ(ids.size(), 1000u);

  result = index({"--db", merged, "--reshard", four});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const Xapian::Database a(one), b(merged);
  EXPECT_EQ(b.get_doccount(), a.get_doccount());
  EXPECT_EQ(b.get_total_length(), a.get_total_length());
  EXPECT_EQ(b.get_metadata(std::string(schema::METADATA_SCHEMA_VERSION)), std::to_string(schema::VERSION));
  EXPECT_EQ(b.get_spelling_suggestion("petrolium"), a.get_spelling_suggestion("petrolium"));
  for (const char* term : {"oil", "Zcrude", "XSreuters"}) EXPECT_EQ(a.get_termfreq(term), b.get_termfreq(term)) << term;

  // The merged database is a newsdex database the indexer goes on writing.
  result = testing::run(NEWSDEX_INDEX_BIN, {"--db", merged, REUTERS});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.err.find("0 added, 1000 replaced"), std::string::npos) << result.err;

  // The target must be new.
  result = index({"--db", two, "--reshard", one, "--shards", "2"});
  EXPECT_EQ(result.exit_code, 1);
}

}  // namespace
}  // namespace newsdex
