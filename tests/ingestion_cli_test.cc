// newsdex-index as users run it: interrupted runs (kill -9, Ctrl-C), standard input and
// .gz input, --delete, --strict, and the lock seen from the command line.
#include <gtest/gtest.h>
#include <xapian.h>

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "index_writer.h"
#include "test_support.h"

extern char** environ;

namespace newsdex {
namespace {

using testing::run;
using testing::TempDir;

constexpr std::size_t CORPUS_ARTICLES = 8000;

// A JSON Lines corpus large enough that indexing it takes a few seconds.
std::string make_corpus(const TempDir& dir) {
  std::string path = dir / "corpus.jsonl";
  std::ofstream out(path);
  for (std::size_t i = 0; i < CORPUS_ARTICLES; ++i) {
    out << "{\"id\": \"doc-" << i << "\", \"title\": \"Report number " << i << " on grain and oil\", \"body\": \"";
    for (std::size_t w = 0; w < 60; ++w) out << "word" << (i * 31 + w * 7) % 5003 << ' ';
    out << "\", \"date\": \"2023-03-" << (i % 28 + 1 < 10 ? "0" : "") << i % 28 + 1 << "\"}\n";
  }
  return path;
}

// Starts the indexer without waiting; stderr goes to `err_path`.
pid_t spawn_indexer(const std::vector<std::string>& arguments, const std::string& err_path) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 2, err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  std::vector<char*> argv{const_cast<char*>(NEWSDEX_INDEX_BIN)};
  for (const auto& a : arguments) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  pid_t pid = 0;
  const int rc = posix_spawn(&pid, NEWSDEX_INDEX_BIN, &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  return rc == 0 ? pid : -1;
}

// The number of documents in the database, or 0 while it cannot be opened yet.
Xapian::doccount doccount(const std::string& db_path) {
  try {
    return Xapian::Database(db_path).get_doccount();
  } catch (const Xapian::Error&) {
    return 0;
  }
}

// Waits until the running indexer has committed something.
bool wait_for_first_commit(const std::string& db_path, pid_t pid) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  while (std::chrono::steady_clock::now() < deadline) {
    if (doccount(db_path) > 0) return true;
    int status = 0;
    if (::waitpid(pid, &status, WNOHANG) == pid) return false;  // ended before committing
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return false;
}

// Every article id (Q term) is held by exactly one document; returns how many there are.
std::size_t unique_ids(const std::string& db_path) {
  Xapian::Database db(db_path);
  std::size_t ids = 0;
  for (auto it = db.allterms_begin("Q"); it != db.allterms_end("Q"); ++it, ++ids)
    EXPECT_EQ(it.get_termfreq(), 1u) << "duplicate article id " << *it;
  EXPECT_EQ(ids, db.get_doccount());
  return ids;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(IndexingInterrupted, KillNineLeavesTheLastCommitAndARerunCompletesWithoutDuplicates) {
  TempDir dir;
  const std::string corpus = make_corpus(dir);
  const std::string db = dir / "news.db";
  const std::vector<std::string> command{"--db", db, "--commit-every", "500", "--threads", "2", corpus};

  const pid_t pid = spawn_indexer(command, dir / "first.err");
  ASSERT_GT(pid, 0);
  ASSERT_TRUE(wait_for_first_commit(db, pid)) << read_file(dir / "first.err");
  ASSERT_EQ(::kill(pid, SIGKILL), 0);
  int status = 0;
  ::waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFSIGNALED(status));

  const std::size_t committed = unique_ids(db);
  EXPECT_GT(committed, 0u);
  EXPECT_LT(committed, CORPUS_ARTICLES) << "the run ended before it could be killed; the test proves nothing";
  EXPECT_EQ(committed % 1000, 0u) << "a commit holds whole parts, in reading order";

  const auto rerun = run(NEWSDEX_INDEX_BIN, command);
  ASSERT_EQ(rerun.exit_code, 0) << rerun.err;
  EXPECT_EQ(unique_ids(db), CORPUS_ARTICLES);
  EXPECT_NE(rerun.err.find(std::to_string(CORPUS_ARTICLES - committed) + " added, " + std::to_string(committed) +
                           " replaced"),
            std::string::npos)
      << rerun.err;
  // Nothing of the killed run is left behind.
  EXPECT_FALSE(std::filesystem::exists(std::filesystem::path(db) / "staging"));
}

TEST(IndexingInterrupted, SigintCommitsWhatIsDoneAndExitsWithAMessage) {
  TempDir dir;
  const std::string corpus = make_corpus(dir);
  const std::string db = dir / "news.db";
  const pid_t pid = spawn_indexer({"--db", db, "--commit-every", "500", corpus}, dir / "run.err");
  ASSERT_GT(pid, 0);
  ASSERT_TRUE(wait_for_first_commit(db, pid)) << read_file(dir / "run.err");
  ASSERT_EQ(::kill(pid, SIGINT), 0);
  int status = 0;
  ::waitpid(pid, &status, 0);
  const std::string err = read_file(dir / "run.err");
  ASSERT_TRUE(WIFEXITED(status)) << err;
  EXPECT_EQ(WEXITSTATUS(status), 128 + SIGINT) << err;
  EXPECT_NE(err.find("interrupted by SIGINT"), std::string::npos) << err;
  const std::size_t committed = unique_ids(db);
  EXPECT_GT(committed, 0u);
  EXPECT_LT(committed, CORPUS_ARTICLES);
}

TEST(IndexingCommandLine, ReadsStandardInputAndGzipFiles) {
  TempDir dir;
  const std::string db = dir / "news.db";
  const auto piped = run(NEWSDEX_INDEX_BIN, {"--db", db, "-"},
                         "{\"id\": \"p1\", \"title\": \"Piped zeppelin\", \"body\": \"Over Minsk.\"}\n");
  ASSERT_EQ(piped.exit_code, 0) << piped.err;
  const auto gz = run(NEWSDEX_INDEX_BIN, {"--db", db, "--field", "id=story_id", "--field", "title=hed",
                                          "--field", "body=story.body", std::string(NEWSDEX_FIXTURES_DIR) + "/jsonl/custom_schema.jsonl.gz"});
  ASSERT_EQ(gz.exit_code, 0) << gz.err;
  EXPECT_NE(gz.err.find("1 added"), std::string::npos) << gz.err;
  Xapian::Database database(db);
  EXPECT_TRUE(database.term_exists("Qp1"));
  EXPECT_TRUE(database.term_exists("Qc1"));
  EXPECT_TRUE(database.term_exists("walrus"));
  EXPECT_TRUE(database.term_exists("zeppelin"));
}

TEST(IndexingCommandLine, BadInputIsReportedCountedAndFatalOnlyWithStrict) {
  TempDir dir;
  const std::string db = dir / "news.db";
  const std::string input = NEWSDEX_FIXTURES_DIR "/jsonl/articles.jsonl";
  const auto lenient = run(NEWSDEX_INDEX_BIN, {"--db", db, input, dir / "missing.jsonl"});
  EXPECT_EQ(lenient.exit_code, 0) << lenient.err;
  EXPECT_NE(lenient.err.find("articles.jsonl:2: malformed JSON"), std::string::npos) << lenient.err;
  EXPECT_NE(lenient.err.find("articles.jsonl:3: invalid UTF-8"), std::string::npos) << lenient.err;
  EXPECT_NE(lenient.err.find("missing.jsonl: no such file"), std::string::npos) << lenient.err;
  EXPECT_NE(lenient.err.find("6 articles read from 1 input: 5 added, 1 replaced, 0 deleted, 5 skipped"),
            std::string::npos)
      << lenient.err;
  EXPECT_NE(lenient.err.find("3 malformed-json"), std::string::npos) << lenient.err;
  EXPECT_EQ(doccount(db), 5u);

  const auto strict = run(NEWSDEX_INDEX_BIN, {"--db", dir / "strict.db", "--strict", input});
  EXPECT_EQ(strict.exit_code, 1) << strict.err;
}

TEST(IndexingCommandLine, NamingOnlyInputsThatDoNotExistIsAFailure) {
  TempDir dir;
  const std::string db = dir / "news.db";
  ASSERT_EQ(run(NEWSDEX_INDEX_BIN, {"--db", db, NEWSDEX_FIXTURES_DIR "/trec/newswire.trec"}).exit_code, 0);
  const auto typo = run(NEWSDEX_INDEX_BIN, {"--db", db, dir / "newswire.trce"});
  EXPECT_EQ(typo.exit_code, 1) << typo.err;
  EXPECT_NE(typo.err.find("nothing to index: " + (dir / "newswire.trce") + " does not exist"), std::string::npos)
      << typo.err;
  const auto both = run(NEWSDEX_INDEX_BIN, {"--db", db, dir / "a.jsonl", dir / "b.jsonl"});
  EXPECT_EQ(both.exit_code, 1) << both.err;
  EXPECT_NE(both.err.find("none of the 2 inputs named exists"), std::string::npos) << both.err;
  EXPECT_EQ(doccount(db), 4u);  // what was indexed stays
}

TEST(IndexingCommandLine, DeletesById) {
  TempDir dir;
  const std::string db = dir / "news.db";
  ASSERT_EQ(run(NEWSDEX_INDEX_BIN, {"--db", db, NEWSDEX_FIXTURES_DIR "/trec/newswire.trec"}).exit_code, 0);
  EXPECT_EQ(doccount(db), 4u);
  const auto removed = run(NEWSDEX_INDEX_BIN, {"--db", db, "--delete", "WSJ870324-0001", "no-such-id"});
  ASSERT_EQ(removed.exit_code, 0) << removed.err;
  EXPECT_NE(removed.err.find("0 added, 0 replaced, 1 deleted"), std::string::npos) << removed.err;
  Xapian::Database database(db);
  EXPECT_EQ(database.get_doccount(), 3u);
  EXPECT_FALSE(database.term_exists("QWSJ870324-0001"));
  EXPECT_TRUE(database.term_exists("QAP880212-0001"));
}

TEST(IndexingCommandLine, ASecondIndexerIsToldTheDatabaseIsLocked) {
  TempDir dir;
  const std::string db = dir / "news.db";
  IndexWriter holder(db);
  const auto second = run(NEWSDEX_INDEX_BIN, {"--db", db, NEWSDEX_FIXTURES_DIR "/trec/newswire.trec"});
  EXPECT_EQ(second.exit_code, 1);
  EXPECT_NE(second.err.find("database is locked by another indexer"), std::string::npos) << second.err;
}

TEST(IndexingCommandLine, ReutersSgmlIsDetectedAndIndexed) {
  TempDir dir;
  const std::string db = dir / "news.db";
  const auto result = run(NEWSDEX_INDEX_BIN, {"--db", db, "--threads", "2", std::string(NEWSDEX_FIXTURES_DIR) + "/reuters"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  Xapian::Database database(db);
  EXPECT_EQ(database.get_doccount(), 2u);
  EXPECT_TRUE(database.term_exists("Q1"));
  EXPECT_TRUE(database.term_exists("muller")) << "Latin-1 decoded and folded";
}

TEST(IndexingCommandLine, CsvFilesAreReadRowByRowWithBrokenRowsReported) {
  TempDir dir;
  const std::string db = dir / "news.db";
  const std::string input = NEWSDEX_FIXTURES_DIR "/csv/articles.csv";
  const auto result = run(NEWSDEX_INDEX_BIN, {"--db", db, input});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.err.find("articles.csv:5: row has 6 fields; the header has 5"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("4 articles read from 1 input: 4 added"), std::string::npos) << result.err;
  EXPECT_EQ(doccount(db), 4u);

  const auto found = run(NEWSDEX_SEARCH_BIN, {"--db", db, "--format", "jsonl", "resign"});
  ASSERT_EQ(found.exit_code, 0) << found.err;
  EXPECT_NE(found.out.find("\"id\":\"p1\""), std::string::npos) << found.out;
  EXPECT_NE(found.out.find("\"title\":\"Minister stays, for now\""), std::string::npos) << found.out;
  EXPECT_NE(found.out.find("second paragraph"), std::string::npos) << "the quoted newline kept the row whole: " << found.out;
}

// Bug: `cat news.csv | newsdex-index --db x -` read the whole export as one article cut
// at 200,000 words: with no name, CSV was not told from text.
TEST(IndexingCommandLine, CsvIsToldByItsNameOrItsHeaderAndTakesADelimiter) {
  TempDir dir;
  const std::string rows = "title;body\nFirst;Walrus escapes the zoo\nSecond;Penguins stay put\n";
  testing::write_file(dir.path() / "export", rows);
  // Without an extension, a first line of known field names makes it CSV: two articles.
  const auto named = run(NEWSDEX_INDEX_BIN, {"--db", dir / "named.db", dir / "export"});
  ASSERT_EQ(named.exit_code, 0) << named.err;
  EXPECT_EQ(doccount(dir / "named.db"), 2u);
  const auto piped = run(NEWSDEX_INDEX_BIN, {"--db", dir / "piped.db", "-"}, "text,category\n"
                         "\"Walrus escapes, zoo says\",news\nPenguins stay put,news\nSeals swim,sport\n");
  ASSERT_EQ(piped.exit_code, 0) << piped.err;
  EXPECT_EQ(doccount(dir / "piped.db"), 3u);
  // A text whose first line has commas, or names only some fields, stays one article.
  testing::write_file(dir.path() / "brief", "Oil, gold, grain rose\n\nPrices rose on Monday.\n");
  testing::write_file(dir.path() / "memo", "title,summary\nA,B\n");
  const auto plain = run(NEWSDEX_INDEX_BIN, {"--db", dir / "plain.db", dir / "brief", dir / "memo"});
  ASSERT_EQ(plain.exit_code, 0) << plain.err;
  EXPECT_EQ(doccount(dir / "plain.db"), 2u);
  // Forced, with the delimiter given, it is two.
  const auto forced = run(NEWSDEX_INDEX_BIN, {"--db", dir / "csv.db", "--format", "csv", "--csv-delimiter", ";",
                                              dir / "export"});
  ASSERT_EQ(forced.exit_code, 0) << forced.err;
  EXPECT_EQ(doccount(dir / "csv.db"), 2u);
  const auto found = run(NEWSDEX_SEARCH_BIN, {"--db", dir / "csv.db", "--format", "jsonl", "walrus"});
  EXPECT_NE(found.out.find("\"id\":\"export:2\""), std::string::npos) << found.out;

  const auto bad = run(NEWSDEX_INDEX_BIN, {"--db", dir / "bad.db", "--csv-delimiter", "ab", dir / "export"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("bad --csv-delimiter 'ab'"), std::string::npos) << bad.err;
}

TEST(IndexingCommandLine, FilesOfUnknownFormatAreRefusedByName) {
  TempDir dir;
  testing::write_file(dir.path() / "in" / "story.txt", "Walrus escapes\n\nThe walrus left the zoo.\n");
  testing::write_file(dir.path() / "in" / "brief", "Penguins stay\n\nThe penguins stayed.\n");
  testing::write_file(dir.path() / "in" / "notes.md", "# Notes\n\nNot an article.\n");
  testing::write_file(dir.path() / "in" / "archive", std::string("PK\3\4\0\0binary", 12));
  const auto result = run(NEWSDEX_INDEX_BIN, {"--db", dir / "news.db", dir / "in"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.err.find("notes.md: unknown file type '.md' (--format NAME reads it as"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("archive: binary content"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("2 unknown-format"), std::string::npos) << result.err;
  EXPECT_EQ(doccount(dir / "news.db"), 2u);

  // A forced format reads what detection refuses.
  const auto forced = run(NEWSDEX_INDEX_BIN, {"--db", dir / "md.db", "--format", "plain", (dir.path() / "in" / "notes.md").string()});
  ASSERT_EQ(forced.exit_code, 0) << forced.err;
  EXPECT_EQ(doccount(dir / "md.db"), 1u);
}

TEST(IndexingCommandLine, AForcedRecordFormatThatFindsNoRecordSaysSo) {
  TempDir dir;
  testing::write_file(dir.path() / "story.txt", "Walrus escapes\n\nThe walrus left the zoo.\n");
  for (const std::string format : {"reuters", "trec"}) {
    const auto result = run(NEWSDEX_INDEX_BIN, {"--db", dir / (format + ".db"), "--format", format, dir / "story.txt"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    const std::string tag = format == "trec" ? "<DOC>" : "<REUTERS>";
    EXPECT_NE(result.err.find("story.txt: no " + tag + " record in the file"), std::string::npos) << result.err;
    EXPECT_NE(result.err.find("1 no-records"), std::string::npos) << result.err;
  }
}

TEST(IndexingCommandLine, ARecordWithoutATitleShowsItsFirstSentenceMarkedAsDerived) {
  TempDir dir;
  const std::string db = dir / "news.db";
  testing::write_file(dir.path() / "crawl.jsonl",
                      "{\"id\": \"j1\", \"body\": \"Walrus escapes from the zoo. Keepers searched all night.\"}\n"
                      "{\"id\": \"j2\", \"title\": \"Penguins stay\", \"body\": \"The penguins stayed. Walrus news.\"}\n");
  testing::write_file(dir.path() / "rows.csv", "text,category\n\"Otter opens a bank account. Staff were surprised.\",business\n");
  const auto indexed = run(NEWSDEX_INDEX_BIN, {"--db", db, dir / "crawl.jsonl", dir / "rows.csv"});
  ASSERT_EQ(indexed.exit_code, 0) << indexed.err;

  const auto found = run(NEWSDEX_SEARCH_BIN, {"--db", db, "--format", "jsonl", "walrus OR otter"});
  ASSERT_EQ(found.exit_code, 0) << found.err;
  EXPECT_NE(found.out.find("\"id\":\"j1\",\"score\""), std::string::npos) << found.out;
  EXPECT_NE(found.out.find("\"title\":\"Walrus escapes from the zoo.\",\"title_derived\":true"), std::string::npos)
      << found.out;
  EXPECT_NE(found.out.find("\"title\":\"Otter opens a bank account.\",\"title_derived\":true"), std::string::npos)
      << found.out;
  EXPECT_NE(found.out.find("\"title\":\"Penguins stay\",\"date\""), std::string::npos) << "a given title is not derived: "
                                                                                      << found.out;
  // Its words are the text's, not a title's.
  const auto titled = run(NEWSDEX_SEARCH_BIN, {"--db", db, "--format", "jsonl", "title:walrus"});
  EXPECT_EQ(titled.out.find("\"id\":\"j1\""), std::string::npos) << titled.out;

  const auto extracted = run(NEWSDEX_INDEX_BIN, {"--extract", "-q", dir / "crawl.jsonl"});
  EXPECT_NE(extracted.out.find("\"title_derived\":true"), std::string::npos) << extracted.out;
}

TEST(IndexingCommandLine, TextGarbledByADoubleEncodingIsRepairedAndCounted) {
  TempDir dir;
  const std::string db = dir / "news.db";
  // "£" and "’" as UTF-8 bytes read as Windows-1252 and written as UTF-8 again.
  testing::write_file(dir.path() / "rows.csv",
                      "id,text\n"
                      "m1,\"Yukos claims $20bn (\xC3\x82\xC2\xA3" "11bn) in damages; it\xC3\xA2\xE2\x82\xAC\xE2\x84\xA2s the largest claim.\"\n"
                      "m2,\"A caf\xC3\xA9 and a \xC2\xA3" "5 coffee, written right.\"\n"
                      "m3,\"Tea at \xC3\x82\xC2\xA3" "2 and cake at \xC2\xA3" "3: garbled and right in one.\"\n");
  const auto indexed = run(NEWSDEX_INDEX_BIN, {"--db", db, dir / "rows.csv"});
  ASSERT_EQ(indexed.exit_code, 0) << indexed.err;
  EXPECT_NE(indexed.err.find("rows.csv:2: text garbled by a double encoding"), std::string::npos) << indexed.err;
  EXPECT_NE(indexed.err.find("rows.csv:4: text looks garbled by a double encoding"), std::string::npos) << indexed.err;
  EXPECT_NE(indexed.err.find("(1 mojibake, 1 mojibake-suspected)"), std::string::npos)
      << "the correct row is left alone: " << indexed.err;

  const auto found = run(NEWSDEX_SEARCH_BIN, {"--db", db, "--format", "jsonl", "damages"});
  ASSERT_EQ(found.exit_code, 0) << found.err;
  EXPECT_NE(found.out.find("$20bn (\xC2\xA3" "11bn) in damages; it\xE2\x80\x99s the largest"), std::string::npos) << found.out;
  const auto cafe = run(NEWSDEX_SEARCH_BIN, {"--db", db, "--format", "jsonl", "coffee"});
  EXPECT_NE(cafe.out.find("A caf\xC3\xA9 and a \xC2\xA3" "5 coffee"), std::string::npos) << cafe.out;
}

std::uintmax_t directory_bytes(const std::string& path) {
  std::uintmax_t bytes = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(path))
    if (entry.is_regular_file()) bytes += entry.file_size();
  return bytes;
}

// Replacing articles removes their older versions from the compacted generation, which
// left it three times its size when every article was indexed again.
TEST(IndexingCommandLine, IndexingTheSameArticlesAgainKeepsTheDatabaseItsSize) {
  TempDir dir;
  const std::string db = dir / "news.db", input = dir / "articles.jsonl";
  {
    std::ofstream out(input);
    for (int i = 0; i < 2000; ++i) {
      out << "{\"id\": \"doc-" << i << "\", \"title\": \"Report " << i << "\", \"body\": \"";
      for (int w = 0; w < 80; ++w) out << "word" << (i * 31 + w * 7) % 5003 << ' ';
      out << "\"}\n";
    }
  }
  ASSERT_EQ(run(NEWSDEX_INDEX_BIN, {"-q", "--db", db, input}).exit_code, 0);
  const std::uintmax_t first = directory_bytes(db);
  for (int again = 0; again < 2; ++again) {
    const auto r = run(NEWSDEX_INDEX_BIN, {"--db", db, input});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.err.find("0 added, 2000 replaced"), std::string::npos) << r.err;
  }
  EXPECT_EQ(unique_ids(db), 2000u);
  EXPECT_LT(directory_bytes(db), first * 3 / 2) << first << " bytes after the first run";
}

}  // namespace
}  // namespace newsdex
