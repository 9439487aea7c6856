// The writer: parts merged by compaction, replacement and deletion by id, the lock,
// the spelling table, the conversion of a plain glass database, and when a run commits.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>

#include "document_builder.h"
#include "index_options.h"
#include "index_writer.h"
#include "indexing_pipeline.h"
#include "core/schema.h"
#include "storage/stored_article.h"
#include "test_support.h"

namespace newsdex {
namespace {

using testing::TempDir;

Article article(const std::string& id, const std::string& title, const std::string& body = "text") {
  Article a;
  a.id = id;
  a.title = title;
  a.body = body;
  return a;
}

// Writes `articles` as one part with document ids from `first_sequence` on, as the
// pipeline does, and stages it.
void stage(IndexWriter& writer, std::size_t first_sequence, const std::vector<Article>& articles) {
  DocumentBuilder builder("en");
  PartWriter part(writer.new_part_path());
  const Xapian::docid first = writer.docid_base() + static_cast<Xapian::docid>(first_sequence) + 1;
  for (std::size_t i = 0; i < articles.size(); ++i)
    part.add(first + static_cast<Xapian::docid>(i), articles[i].id, builder.build(articles[i]));
  PartInfo info = part.finish();
  info.first = first;
  info.last = first + static_cast<Xapian::docid>(articles.size()) - 1;
  writer.add_part(std::move(info));
}

std::string read_stub(const std::string& db_path) {
  std::ifstream in(std::filesystem::path(db_path) / "XAPIANDB");
  std::string line;
  std::getline(in, line);
  return line;
}

std::string title_of(const Xapian::Database& db, const std::string& id) {
  const std::string term = std::string(schema::PREFIX_ID) + id;
  auto it = db.postlist_begin(term);
  if (it == db.postlist_end(term)) return "(missing)";
  return decode_stored_article(db.get_document(*it).get_data()).title;
}

TEST(IndexWriter, TheLastVersionOfAnIdWinsWithinARunAndAcrossRuns) {
  TempDir dir;
  const std::string db_path = dir / "news.db";
  {
    IndexWriter writer(db_path);
    stage(writer, 0, {article("a", "first a"), article("b", "only b"), article("a", "second a")});
    stage(writer, 3, {article("c", "only c"), article("a", "third a")});
    EXPECT_EQ(writer.committed_articles(), 0u);
    writer.commit();
    EXPECT_EQ(writer.counts().added, 3u);
    EXPECT_EQ(writer.counts().replaced, 2u);
    EXPECT_EQ(writer.committed_articles(), 3u);
  }
  {
    Xapian::Database db(db_path);
    EXPECT_EQ(db.get_doccount(), 3u);
    EXPECT_EQ(db.get_termfreq("Qa"), 1u);
    EXPECT_EQ(title_of(db, "a"), "third a");
  }
  {
    IndexWriter writer(db_path);
    EXPECT_EQ(writer.committed_articles(), 3u);
    stage(writer, 0, {article("b", "new b"), article("d", "only d"), article("e", "only e")});
    writer.remove("c");
    writer.remove("nonexistent");
    writer.commit();
    EXPECT_EQ(writer.counts().added, 2u);
    EXPECT_EQ(writer.counts().replaced, 1u);
    EXPECT_EQ(writer.counts().deleted, 1u);
    EXPECT_EQ(writer.committed_articles(), 4u);  // 3 + d + e - c
  }
  Xapian::Database db(db_path);
  EXPECT_EQ(db.get_doccount(), 4u);
  EXPECT_EQ(title_of(db, "b"), "new b");
  EXPECT_EQ(title_of(db, "c"), "(missing)");
  EXPECT_EQ(title_of(db, "a"), "third a");
  std::set<std::string> ids;
  for (auto it = db.allterms_begin("Q"); it != db.allterms_end("Q"); ++it) {
    EXPECT_EQ(it.get_termfreq(), 1u) << *it;
    ids.insert(*it);
  }
  EXPECT_EQ(ids, (std::set<std::string>{"Qa", "Qb", "Qd", "Qe"}));
}

// A compacting commit rewrites the whole database: by default commits wait for twice as
// many articles as it holds, so a long run rewrites each article about 1.5 times, not once
// per commit. --commit-every N is taken at its word.
TEST(IndexWriter, CommitsAreSpacedByTheDatabaseSizeUnlessTheirSpacingIsGiven) {
  PipelineOptions options;
  options.commit_every = 100;
  EXPECT_EQ(articles_per_commit(options, 0), 100u);
  EXPECT_EQ(articles_per_commit(options, 50), 100u);
  EXPECT_EQ(articles_per_commit(options, 60), 120u);
  EXPECT_EQ(articles_per_commit(options, 1000), 2000u);
  options.commit_every_grows = false;
  EXPECT_EQ(articles_per_commit(options, 1000), 100u);
}

// The commit clock: by default a commit that took long (it compacted a large archive)
// spaces the next one by three times its length, so commits take at most a quarter of a
// run. --commit-interval S is taken at its word.
TEST(IndexWriter, TheCommitClockStretchesAfterALongCommitUnlessItsIntervalIsGiven) {
  PipelineOptions options;
  options.commit_seconds = 300;
  EXPECT_EQ(seconds_per_commit(options, 0), 300);
  EXPECT_EQ(seconds_per_commit(options, 100), 300);
  EXPECT_EQ(seconds_per_commit(options, 180), 540);
  options.commit_interval_stretches = false;
  EXPECT_EQ(seconds_per_commit(options, 180), 300);
}

// Only the defaults grow: a spacing given on the command line is the user's.
TEST(IndexWriter, ACommitSpacingGivenOnTheCommandLineDoesNotGrow) {
  const auto parsed = [](std::vector<const char*> argv) {
    IndexOptions options;
    argv.insert(argv.begin(), "newsdex-index");
    EXPECT_FALSE(parse_index_options(static_cast<int>(argv.size()), argv.data(), options).has_value());
    return options.pipeline;
  };
  const PipelineOptions defaults = parsed({"--db", "d", "in"});
  EXPECT_TRUE(defaults.commit_every_grows);
  EXPECT_TRUE(defaults.commit_interval_stretches);
  const PipelineOptions given = parsed({"--db", "d", "--commit-every", "10", "--commit-interval", "60", "in"});
  EXPECT_FALSE(given.commit_every_grows);
  EXPECT_FALSE(given.commit_interval_stretches);
  EXPECT_EQ(given.commit_seconds, 60);
}

TEST(IndexWriter, DeletingAndReaddingAnIdInOneRunKeepsTheNewVersion) {
  TempDir dir;
  {
    IndexWriter writer(dir / "db");
    stage(writer, 0, {article("x", "old x")});
    writer.commit();
  }
  IndexWriter writer(dir / "db");
  writer.remove("x");
  stage(writer, 0, {article("x", "new x")});
  writer.commit();
  EXPECT_EQ(writer.counts().deleted, 1u);
  EXPECT_EQ(writer.counts().added, 1u);
  EXPECT_EQ(title_of(Xapian::Database(dir / "db"), "x"), "new x");
}

TEST(IndexWriter, CommitsOnlyPartsThatFollowTheLastCommittedOneWithoutAGap) {
  TempDir dir;
  IndexWriter writer(dir / "db");
  stage(writer, 2, {article("late", "third"), article("later", "fourth")});
  EXPECT_EQ(writer.committable_articles(), 0u);
  writer.commit();
  EXPECT_EQ(Xapian::Database(dir / "db").get_doccount(), 0u);
  stage(writer, 0, {article("early", "first"), article("earlier", "second")});
  EXPECT_EQ(writer.committable_articles(), 4u);
  writer.commit();
  EXPECT_EQ(Xapian::Database(dir / "db").get_doccount(), 4u);
}

TEST(IndexWriter, AFewArticlesAreCopiedIntoALargeDatabaseInsteadOfCompactingItAgain) {
  TempDir dir;
  const std::string db_path = dir / "db";
  const auto stub = [&] { return read_stub(db_path); };
  {
    IndexWriter writer(db_path);
    std::vector<Article> many;
    many.reserve(40);
    for (int i = 0; i < 40; ++i) many.push_back(article("n" + std::to_string(i), "number " + std::to_string(i)));
    stage(writer, 0, many);
    writer.commit();
  }
  const std::string generation = stub();
  {
    IndexWriter writer(db_path);
    stage(writer, 0, {article("n5", "number five again"), article("fresh", "a zeppelin article"),
                      article("n5", "number five, last version")});
    writer.remove("n7");
    writer.commit();
    EXPECT_EQ(writer.counts().added, 1u);
    EXPECT_EQ(writer.counts().replaced, 2u);
    EXPECT_EQ(writer.counts().deleted, 1u);
  }
  EXPECT_EQ(stub(), generation) << "the database was written in place, not compacted into a new generation";
  Xapian::Database db(db_path);
  EXPECT_EQ(db.get_doccount(), 40u);
  EXPECT_EQ(title_of(db, "n5"), "number five, last version");
  EXPECT_EQ(title_of(db, "n7"), "(missing)");
  EXPECT_EQ(db.get_termfreq("Qn5"), 1u);
  EXPECT_EQ(db.get_spelling_suggestion("zepelin"), "zeppelin");
}

TEST(IndexWriter, ASecondWriterIsToldTheDatabaseIsLocked) {
  TempDir dir;
  IndexWriter first(dir / "db");
  try {
    IndexWriter second(dir / "db");
    FAIL() << "a second writer opened the database";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("database is locked by another indexer"), std::string::npos) << e.what();
  }
}

TEST(IndexWriter, SpellingDataSurvivesTheMergeForDidYouMean) {
  TempDir dir;
  {
    IndexWriter writer(dir / "db");
    stage(writer, 0, {article("s1", "Petroleum exports", "Lukashenko met the petroleum ministers.")});
    stage(writer, 1, {article("s2", "Cocoa review", "Cocoa prices")});
    writer.commit();
  }
  Xapian::Database db(dir / "db");
  EXPECT_EQ(db.get_spelling_suggestion("petroluem"), "petroleum");
  EXPECT_EQ(db.get_spelling_suggestion("lukashenk"), "lukashenko");
  EXPECT_EQ(db.get_spelling_suggestion("coco"), "cocoa");
  for (auto it = db.spellings_begin(); it != db.spellings_end(); ++it) {
    const auto first = static_cast<unsigned char>((*it)[0]);
    EXPECT_FALSE(first >= 'A' && first <= 'Z') << "prefixed term in the spelling table: " << *it;
  }
}

TEST(IndexWriter, ConvertsAPlainGlassDatabaseAtItsFirstCommit) {
  TempDir dir;
  const std::string db_path = dir / "legacy.db";
  {
    Xapian::WritableDatabase legacy(db_path, Xapian::DB_CREATE);
    legacy.set_metadata(std::string(schema::METADATA_SCHEMA_VERSION), std::to_string(schema::VERSION));
    DocumentBuilder builder("en");
    legacy.replace_document("Qold", builder.build(article("old", "old article")));
    legacy.replace_document("Qkept", builder.build(article("kept", "kept article")));
    legacy.commit();
  }
  {
    IndexWriter writer(db_path);
    stage(writer, 0, {article("old", "replaced article"), article("new", "new article")});
    writer.commit();
    EXPECT_EQ(writer.counts().replaced, 1u);
    EXPECT_EQ(writer.counts().added, 1u);
  }
  EXPECT_FALSE(std::filesystem::exists(std::filesystem::path(db_path) / "iamglass"));
  Xapian::Database db(db_path);
  EXPECT_EQ(db.get_doccount(), 3u);
  EXPECT_EQ(title_of(db, "old"), "replaced article");
  EXPECT_EQ(title_of(db, "kept"), "kept article");
}

TEST(IndexWriter, RefusesADirectoryThatIsNotADatabase) {
  TempDir dir;
  testing::write_file(dir.path() / "notes" / "readme.txt", "hello");
  EXPECT_THROW(IndexWriter(dir / "notes"), std::runtime_error);
}

// Why the pipeline writes a part again when Xapian refuses one of its documents: the
// failed write takes the part's other uncommitted documents with it.
TEST(PartWriter, AFailedWriteDropsThePartUntilItIsWrittenAgain) {
  TempDir dir;
  DocumentBuilder builder("en");
  const std::vector<Article> good = {article("a", "Grain"), article("b", "Cocoa")};
  Xapian::Document refused = builder.build(article("c", "Oil"));
  refused.add_boolean_term("X" + std::string(300, 'x'));  // over Xapian's 245-byte limit
  const auto add_good = [&](PartWriter& part) {
    for (std::size_t i = 0; i < good.size(); ++i)
      part.add(static_cast<Xapian::docid>(i + 1), good[i].id, builder.build(good[i]));
  };
  for (const bool written_again : {false, true}) {
    PartWriter part(dir / (written_again ? "again" : "dropped"));
    add_good(part);
    EXPECT_THROW(part.add(3, "c", refused), Xapian::Error);
    if (written_again) {
      part.restart();
      add_good(part);
    }
    const PartInfo info = part.finish();
    EXPECT_EQ(Xapian::Database(info.path).get_doccount(), written_again ? 2u : 0u);
  }
}

}  // namespace
}  // namespace newsdex
