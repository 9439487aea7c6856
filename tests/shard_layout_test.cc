#include "storage/shard_layout.h"

#include <gtest/gtest.h>

#include <map>

#include "test_support.h"

namespace newsdex {
namespace {

TEST(ShardFor, IsStableAndSpreadsIds) {
  // Pinned values: changing the hash would send re-indexed ids to the wrong shard.
  EXPECT_EQ(shard_for("1", 2), shard_for("1", 2));
  EXPECT_EQ(shard_for("anything", 1), 0u);
  std::map<std::uint32_t, int> counts;
  for (int i = 0; i < 4000; ++i) ++counts[shard_for(std::to_string(i), 4)];
  ASSERT_EQ(counts.size(), 4u);
  for (const auto& [shard, count] : counts) {
    EXPECT_LT(shard, 4u);
    EXPECT_GT(count, 800) << "shard " << shard << " is starved";
  }
}

TEST(ShardFor, MatchesFnv1aReferenceValues) {
  // FNV-1a 64 of "a" is 0xaf63dc4c8601ec8c; of "" is the offset basis 0xcbf29ce484222325.
  EXPECT_EQ(shard_for("a", 1000), 0xaf63dc4c8601ec8cULL % 1000);
  EXPECT_EQ(shard_for("", 1000), 0xcbf29ce484222325ULL % 1000);
}

TEST(StubFile, ReadsLocalAndRemoteLinesAndResolvesRelativePaths) {
  testing::TempDir dir;
  testing::write_file(dir.path() / "index" / "XAPIANDB",
                      "# two shards\nauto shard-0\n\nauto /abs/shard-1\nremote 127.0.0.1:33333\n");
  const auto shards = expand_database_argument(dir / "index");
  ASSERT_EQ(shards.size(), 3u);
  EXPECT_EQ(shards[0].kind, ShardLocation::Kind::LOCAL);
  EXPECT_EQ(shards[0].path, (dir.path() / "index" / "shard-0").string());
  EXPECT_EQ(shards[1].path, "/abs/shard-1");
  EXPECT_EQ(shards[2].kind, ShardLocation::Kind::REMOTE);
  EXPECT_EQ(shards[2].host, "127.0.0.1");
  EXPECT_EQ(shards[2].port, 33333u);
  EXPECT_EQ(shards[2].describe(), "127.0.0.1:33333");
}

TEST(StubFile, RejectsBadLinesWithFileAndLine) {
  testing::TempDir dir;
  for (const char* bad : {"remote :xapian-progsrv /db\n", "remote host:notaport\n", "ftp x\n", "# only\n"}) {
    testing::write_file(dir.path() / "stub", bad);
    try {
      read_stub_file(dir / "stub");
      FAIL() << "accepted " << bad;
    } catch (const std::runtime_error& e) {
      EXPECT_NE(std::string(e.what()).find(dir / "stub"), std::string::npos) << e.what();
    }
  }
}

TEST(DatabaseArgument, ANewsdexDatabaseIsOneShardAndNestedStubsAreExpanded) {
  testing::TempDir dir;
  // A newsdex database: its stub names its current generation; it stays one database.
  testing::write_file(dir.path() / "one.db" / "XAPIANDB", "glass gen-000003\n");
  // A sharded index of two such databases, and a stub file naming it and a remote shard.
  testing::write_file(dir.path() / "idx" / "XAPIANDB", "auto shard-0\nauto shard-1\n");
  testing::write_file(dir.path() / "idx" / "shard-0" / "XAPIANDB", "glass gen-000001\n");
  testing::write_file(dir.path() / "idx" / "shard-1" / "XAPIANDB", "glass gen-000001\n");
  testing::write_file(dir.path() / "all.stub", "auto idx\nremote 127.0.0.1:7001\n");

  auto shards = expand_database_argument(dir / "one.db");
  ASSERT_EQ(shards.size(), 1u);
  EXPECT_EQ(shards[0].path, dir / "one.db");

  shards = expand_database_argument(dir / "all.stub");
  ASSERT_EQ(shards.size(), 3u);
  EXPECT_EQ(shards[0].path, (dir.path() / "idx" / "shard-0").string());
  EXPECT_EQ(shards[1].path, (dir.path() / "idx" / "shard-1").string());
  EXPECT_EQ(shards[2].describe(), "127.0.0.1:7001");
  EXPECT_EQ(shards[2].origin, dir / "all.stub" + ":2");
}

TEST(DatabaseArgument, PlainDirectoryIsOneLocalShardAndMissingPathIsAnError) {
  testing::TempDir dir;
  std::filesystem::create_directories(dir.path() / "db");
  const auto shards = expand_database_argument(dir / "db");
  ASSERT_EQ(shards.size(), 1u);
  EXPECT_EQ(shards[0].path, dir / "db");
  EXPECT_THROW(expand_database_argument(dir / "missing"), std::runtime_error);
}

}  // namespace
}  // namespace newsdex
