// What newsdex-index must never do to an archive, through the real programs: remove a
// committed generation it takes for leftovers (a lost stub, an interrupted conversion, a
// sharded index that lost its stub), lose the articles of a part for one bad article,
// turn a write error into a crash or into skipped articles, or say nothing about an id
// it was asked to delete and did not find.
#include <gtest/gtest.h>
#include <xapian.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "storage/id_term.h"
#include "test_support.h"

namespace newsdex {
namespace {

namespace fs = std::filesystem;
using testing::run;
using testing::TempDir;

// A JSON Lines file of `count` articles with ids PREFIX-0 .. PREFIX-(count-1).
std::string write_articles(const TempDir& dir, const std::string& prefix, std::size_t count) {
  std::string path = dir / (prefix + ".jsonl");
  std::ofstream out(path);
  for (std::size_t i = 0; i < count; ++i) {
    out << "{\"id\": \"" << prefix << "-" << i << "\", \"title\": \"Report " << prefix << " " << i
        << " on grain\", \"body\": \"";
    // Words drawn at random, seeded by the article: no article is a near-copy of another,
    // which a commit would link into a story (rewriting it in its part) first. 120 words,
    // so that a part's size is mostly its text, as in news, not its story bands.
    std::mt19937 words(static_cast<unsigned>(i) + 1);
    for (std::size_t w = 0; w < 120; ++w) out << "word" << words() % 2003 << ' ';
    out << prefix << "marker\", \"date\": \"2023-03-0" << i % 9 + 1 << "\"}\n";
  }
  return path;
}

Xapian::doccount doccount(const std::string& db) { return Xapian::Database(db).get_doccount(); }

std::string read_text(const fs::path& path) {
  std::ifstream in(path);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

TEST(IndexSafety, ALostStubIsWrittenAgainAndNoGenerationIsRemoved) {
  TempDir dir;
  const std::string db = dir / "r.db";
  const auto a = write_articles(dir, "a", 300), b = write_articles(dir, "b", 300), c = write_articles(dir, "c", 200);
  const auto first = run(NEWSDEX_INDEX_BIN, {"-q", "--db", db, a, b});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  ASSERT_EQ(doccount(db), 600u);
  const std::string committed = read_text(fs::path(db) / "XAPIANDB");  // "glass gen-NNNNNN"
  const std::string generation = committed.substr(committed.find("gen-"), 10);
  // The stub is lost, and a generation that no commit finished lies next to the committed
  // one: a copy of it, which carries the committed generation's mark and not its own.
  fs::rename(fs::path(db) / "XAPIANDB", dir / "XAPIANDB.elsewhere");
  fs::copy(fs::path(db) / generation, fs::path(db) / "gen-000900", fs::copy_options::recursive);

  const auto second = run(NEWSDEX_INDEX_BIN, {"--db", db, c});
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_NE(second.err.find("stub was missing"), std::string::npos) << second.err;
  EXPECT_NE(second.err.find(generation + " (600 articles)"), std::string::npos) << second.err;
  EXPECT_NE(second.err.find("200 added"), std::string::npos) << second.err;
  EXPECT_EQ(doccount(db), 800u);
  EXPECT_FALSE(fs::exists(fs::path(db) / "gen-000900"));
  const auto found = run(NEWSDEX_SEARCH_BIN, {"--db", db, "--format", "jsonl", "amarker"});
  EXPECT_EQ(found.exit_code, 0) << found.err;
  EXPECT_NE(found.out.find("\"a-0\""), std::string::npos) << found.out.substr(0, 500);
}

TEST(IndexSafety, GenerationsThatDoNotOpenAreNeverRemovedWithoutAStub) {
  TempDir dir;
  const std::string db = dir / "r.db";
  ASSERT_EQ(run(NEWSDEX_INDEX_BIN, {"-q", "--db", db, write_articles(dir, "a", 50)}).exit_code, 0);
  fs::remove(fs::path(db) / "XAPIANDB");
  for (const auto& entry : fs::directory_iterator(db))
    if (entry.path().filename().string().starts_with("gen-")) fs::remove(entry.path() / "iamglass");
  const auto r = run(NEWSDEX_INDEX_BIN, {"--db", db, write_articles(dir, "c", 10)});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.err.find("nothing was removed"), std::string::npos) << r.err;
  std::size_t generations = 0;
  for (const auto& entry : fs::directory_iterator(db))
    generations += entry.path().filename().string().starts_with("gen-") && !fs::is_empty(entry.path());
  EXPECT_EQ(generations, 1u);
}

// A plain glass database (as older versions and --reshard into one database write it) is
// moved into generations at its first commit: the stub naming the new generation is the
// commit, and the old files go after it. A run that stopped in between left both.
TEST(IndexSafety, AConversionInterruptedAfterItsCommitKeepsTheCommittedArticles) {
  TempDir dir;
  const std::string source = dir / "source.db", db = dir / "plain.db";
  ASSERT_EQ(run(NEWSDEX_INDEX_BIN, {"-q", "--db", source, write_articles(dir, "a", 100)}).exit_code, 0);
  ASSERT_EQ(run(NEWSDEX_INDEX_BIN, {"-q", "--db", db, "--reshard", source}).exit_code, 0);
  ASSERT_TRUE(fs::exists(fs::path(db) / "iamglass"));
  fs::copy(db, dir / "plain-files");
  const auto converted = run(NEWSDEX_INDEX_BIN, {"-q", "--db", db, write_articles(dir, "b", 100)});
  ASSERT_EQ(converted.exit_code, 0) << converted.err;
  ASSERT_FALSE(fs::exists(fs::path(db) / "iamglass"));
  ASSERT_EQ(doccount(db), 200u);
  for (const auto& entry : fs::directory_iterator(dir / "plain-files"))
    fs::copy(entry.path(), fs::path(db) / entry.path().filename(), fs::copy_options::overwrite_existing);

  const auto next = run(NEWSDEX_INDEX_BIN, {"--db", db, write_articles(dir, "c", 100)});
  ASSERT_EQ(next.exit_code, 0) << next.err;
  EXPECT_FALSE(fs::exists(fs::path(db) / "iamglass"));
  EXPECT_EQ(doccount(db), 300u);
  const auto found = run(NEWSDEX_SEARCH_BIN, {"--db", db, "--format", "jsonl", "bmarker"});
  EXPECT_NE(found.out.find("\"b-0\""), std::string::npos) << found.out.substr(0, 500) << found.err;
}

TEST(IndexSafety, ShardsOfAnIndexThatLostItsStubAreNeverRemoved) {
  TempDir dir;
  const std::string db = dir / "news.idx";
  ASSERT_EQ(run(NEWSDEX_INDEX_BIN, {"-q", "--db", db, "--shards", "3", write_articles(dir, "a", 300)}).exit_code, 0);
  const fs::path top_stub = fs::path(db) / "XAPIANDB", shard_stub = fs::path(db) / "shard-2" / "XAPIANDB";
  fs::rename(top_stub, dir / "top-stub");
  fs::rename(shard_stub, dir / "shard-stub");
  for (const char* shards : {"2", "1"}) {
    const auto r = run(NEWSDEX_INDEX_BIN, {"--db", db, "--shards", shards, write_articles(dir, "c", 10)});
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_NE(r.err.find("nothing was removed"), std::string::npos) << r.err;
  }
  fs::rename(dir / "top-stub", top_stub);
  fs::rename(dir / "shard-stub", shard_stub);
  EXPECT_EQ(doccount(db), 300u);
}

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

TEST(IndexSafety, DeletingAnUnknownIdNamesItAndCountsIt) {
  TempDir dir;
  const std::string db = dir / "news.db";
  ASSERT_EQ(run(NEWSDEX_INDEX_BIN, {"-q", "--db", db, write_articles(dir, "a", 5)}).exit_code, 0);
  const auto r = run(NEWSDEX_INDEX_BIN, {"--db", db, "--delete", "a-1", "no-such-id", "a-3"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("no article with id 'no-such-id'"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("2 deleted (1 not found)"), std::string::npos) << r.err;
  EXPECT_EQ(doccount(db), 3u);
  const auto strict = run(NEWSDEX_INDEX_BIN, {"--db", db, "--strict", "--delete", "a-2", "a-1"});
  EXPECT_EQ(strict.exit_code, 1) << strict.err;
  EXPECT_NE(strict.err.find("no article with id 'a-1'"), std::string::npos) << strict.err;
  EXPECT_NE(strict.err.find("1 deleted (1 not found)"), std::string::npos) << strict.err;
  EXPECT_EQ(doccount(db), 2u);
}

// A file size limit (setrlimit RLIMIT_FSIZE, SIGXFSZ ignored so that writes fail with
// EFBIG) stands in for a full disk: a write fails in the middle of a run. Under
// AddressSanitizer the leak check is off for this run only: Xapian 1.4 itself leaks the
// tables of a compaction whose write failed (every leaked block is allocated inside
// libxapian), and the program ends right after.
testing::CommandResult run_with_file_size_limit(std::size_t kilobytes, const std::vector<std::string>& arguments) {
  std::vector<std::string> shell{"-c", "export ASAN_OPTIONS=\"${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0\"; "
                                       "trap '' XFSZ; ulimit -f " + std::to_string(kilobytes * 2) +
                                           "; exec \"$0\" \"$@\"",
                                 NEWSDEX_INDEX_BIN};
  shell.insert(shell.end(), arguments.begin(), arguments.end());
  return run("/bin/sh", shell);
}

TEST(IndexSafety, AWriteErrorStopsTheRunCleanlyAndKeepsTheLastCommit) {
  TempDir dir;
  const std::string db = dir / "news.db";
  const auto corpus = write_articles(dir, "a", 6000);
  // The first commit (1,000 articles) fits under the limit; any larger database outgrows
  // it. The limit follows the size of one committed part, so the test holds as the index format changes: measured
  // on the first 1,000 articles alone.
  std::uintmax_t part = 0;
  {
    TempDir probe_dir;
    const std::string probe = probe_dir / "probe.db";
    ASSERT_EQ(run(NEWSDEX_INDEX_BIN, {"-q", "--db", probe, write_articles(probe_dir, "a", 1000)}).exit_code, 0);
    for (const auto& entry : fs::recursive_directory_iterator(probe))
      if (entry.is_regular_file()) part = std::max<std::uintmax_t>(part, entry.file_size());
  }
  const std::size_t limit_kb = static_cast<std::size_t>(part * 3 / 2 / 1024);
  // The articles come through a pipe that holds the rest back after the first 1,000 (one
  // batch, one part) until that part is committed (the stub names the second
  // generation), whatever the machine's speed; the next commit, whatever it holds, fails.
  const auto r = run("/bin/sh", {"-c",
                                 "export ASAN_OPTIONS=\"${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0\"; "
                                 "trap '' XFSZ; ulimit -f " + std::to_string(limit_kb * 2) + "; "
                                 "(head -n 1000 \"$1\"; i=0; while [ $i -lt 1200 ] && ! grep -qs gen-000002 \"$2/XAPIANDB\"; "
                                 "do sleep 0.1; i=$((i + 1)); done; tail -n +1001 \"$1\") | "
                                 "\"$0\" --db \"$2\" --commit-every 1000 -j 2 --format jsonl -",
                                 NEWSDEX_INDEX_BIN, corpus, db});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_EQ(r.err.find("terminate"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("File too large"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("keeps its last commit"), std::string::npos) << r.err;
  EXPECT_EQ(doccount(db), 1000u) << "the first commit, whole";
  EXPECT_FALSE(fs::exists(fs::path(db) / "staging"));

  const auto rerun = run(NEWSDEX_INDEX_BIN, {"--db", db, corpus});
  ASSERT_EQ(rerun.exit_code, 0) << rerun.err;
  EXPECT_EQ(doccount(db), 6000u);
}

// A few articles into a large database are copied into it in place (no compaction): a
// write that fails there must not leave half of them committed either.
TEST(IndexSafety, AWriteErrorWhileCopyingIntoTheDatabaseCommitsNoneOfIt) {
  TempDir dir;
  const std::string db = dir / "news.db";
  ASSERT_EQ(run(NEWSDEX_INDEX_BIN, {"-q", "--db", db, write_articles(dir, "a", 9000)}).exit_code, 0);
  std::uintmax_t largest = 0;
  for (const auto& entry : fs::recursive_directory_iterator(db))
    if (entry.is_regular_file()) largest = std::max<std::uintmax_t>(largest, entry.file_size());
  // The largest file of the database may not grow: the copy appends to it and fails.
  const auto more = write_articles(dir, "b", 500);
  const auto r = run_with_file_size_limit((largest + 1023) / 1024, {"--db", db, more});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.err.find("File too large"), std::string::npos) << r.err;
  {
    Xapian::Database database(db);
    EXPECT_EQ(database.get_doccount(), 9000u);
    EXPECT_FALSE(database.term_exists(id_term("b-0")));
  }
  const auto rerun = run(NEWSDEX_INDEX_BIN, {"--db", db, more});
  ASSERT_EQ(rerun.exit_code, 0) << rerun.err;
  EXPECT_EQ(doccount(db), 9500u);
}

}  // namespace
}  // namespace newsdex
