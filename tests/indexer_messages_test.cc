// What the indexer says about its input: the summary counts each kind of problem beside
// the total it belongs to, and nothing the input holds reaches the terminal as a command.
#include <gtest/gtest.h>

#include <sys/stat.h>

#include <cctype>
#include <csignal>
#include <sstream>
#include <string>

#include "core/diagnostics.h"
#include "core/printable.h"
#include "analysis/term_writer.h"
#include "test_support.h"

namespace newsdex {
namespace {

using testing::run;
using testing::TempDir;

// Bug: "0 warnings (335 malformed-json)": skipped records were listed under the warnings.
TEST(IndexerMessages, TheSummaryListsSkipsAndWarningsEachWithItsKinds) {
  TempDir dir;
  testing::write_file(dir.path() / "news.jsonl",
                      "{\"id\": \"a\", \"title\": \"A\", \"body\": \"Grain prices rose.\"}\n"
                      "{\"id\": \"b\", \"title\": \"B\", \"body\": \"Grain\n"
                      "{\"id\": \"c\", \"title\": \"C\", \"body\": \"Cocoa fell.\", \"date\": \"soon\"}\n"
                      "not json at all\n");
  const auto r = run(NEWSDEX_INDEX_BIN, {"--db", dir / "news.db", dir / "news.jsonl"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("2 skipped (2 malformed-json), 1 warnings (1 bad-date);"), std::string::npos) << r.err;
}

// Bug: the BBC CSV's 451 repaired encodings printed 451 warning lines, burying the rest.
TEST(IndexerMessages, AWarningRepeatedManyTimesIsShownAFewTimesAndCountedEveryTime) {
  TempDir dir;
  std::string jsonl;
  const int n = static_cast<int>(Diagnostics::WARNINGS_SHOWN_PER_KIND) + 15;
  for (int i = 0; i < n; ++i)
    jsonl += "{\"id\": \"a" + std::to_string(i) + "\", \"title\": \"A\", \"body\": \"Grain.\", \"date\": \"soon\"}\n";
  testing::write_file(dir.path() / "news.jsonl", jsonl);
  const auto count = [](const std::string& text, const std::string& what) {
    std::size_t found = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++found;
    return found;
  };
  const auto r = run(NEWSDEX_INDEX_BIN, {"--db", dir / "news.db", dir / "news.jsonl"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(count(r.err, "[bad-date]"), Diagnostics::WARNINGS_SHOWN_PER_KIND + 1) << r.err;
  EXPECT_NE(r.err.find("more [bad-date] warnings are counted in the summary, not shown (-v shows them all)"),
            std::string::npos) << r.err;
  EXPECT_NE(r.err.find(std::to_string(n) + " warnings (" + std::to_string(n) + " bad-date)"), std::string::npos)
      << r.err;
  const auto verbose = run(NEWSDEX_INDEX_BIN, {"-v", "--db", dir / "again.db", dir / "news.jsonl"});
  ASSERT_EQ(verbose.exit_code, 0) << verbose.err;
  EXPECT_EQ(count(verbose.err, "[bad-date]"), static_cast<std::size_t>(n)) << verbose.err;
}

// Bug: raw ESC and BEL reached stderr through file names and the text quoted in messages.
TEST(IndexerMessages, ControlCharactersInFileNamesAndInputArePrintedAsEscapes) {
  TempDir dir;
  testing::write_file(dir.path() / "in" / "evil\x1b]0;owned\x07\xc2\x9b" "2J.jsonl",
                      "{\"id\": \"a\", \"title\": \"A\", \"body\": \"Grain.\", \"date\": \"soon\x1b[31m\"}\n");
  const auto r = run(NEWSDEX_INDEX_BIN, {"--db", dir / "news.db", dir / "in"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err.find('\x1b'), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find('\x07'), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("\xc2\x9b"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("evil\\x1b]0;owned\\x07\\u009b2J.jsonl:1: "), std::string::npos) << r.err;
}

// Bug: on one large JSON Lines file the bar said "0 articles, 0 articles/s" and then
// jumped: articles were counted a batch of a thousand at a time. Run on a terminal
// (script(1) provides one), the counts it draws move article by article.
TEST(IndexerMessages, TheProgressBarCountsArticleByArticle) {
  TempDir dir;
  std::string jsonl;
  for (int i = 0; i < 40000; ++i)
    jsonl += "{\"id\": \"n" + std::to_string(i) + "\", \"title\": \"Report\", \"body\": \"Grain and oil prices rose " +
             std::to_string(i) + " points as traders bought cocoa, coffee and gold on the market.\"}\n";
  testing::write_file(dir.path() / "news.jsonl", jsonl);
  const std::string command = "'" + std::string(NEWSDEX_INDEX_BIN) + "' --db '" + (dir / "news.db") + "' '" +
                              (dir / "news.jsonl") + "'";
  const auto r = run("/usr/bin/script", {"-qec", command, "/dev/null"});
  ASSERT_EQ(r.exit_code, 0) << r.err << r.out;
  std::size_t drawn = 0, between_batches = 0;
  for (std::size_t at = r.out.find(" articles, "); at != std::string::npos; at = r.out.find(" articles, ", at + 1)) {
    std::size_t start = at;
    while (start > 0 && std::isdigit(static_cast<unsigned char>(r.out[start - 1]))) --start;
    if (start == at) continue;
    const long count = std::stol(r.out.substr(start, at - start));
    ++drawn;
    if (count % 1000 != 0) ++between_batches;
  }
  ASSERT_GT(drawn, 0u) << "no progress drawn: " << r.out.substr(0, 500);
  EXPECT_GT(between_batches, 0u) << r.out.substr(0, 2000);
}

// Bug: `--extract > /dev/full` and a closed stdout exited 0; `--extract | head -1` died
// of SIGPIPE (141).
TEST(IndexerMessages, ExtractOutputThatCannotBeWrittenIsAnErrorAndAClosedPipeEndsQuietly) {
  TempDir dir;
  std::string jsonl;
  for (int i = 0; i < 3000; ++i)
    jsonl += "{\"id\": \"n" + std::to_string(i) + "\", \"title\": \"Report\", \"body\": \"President Vladimir Putin "
             "met Chancellor Olaf Scholz in Berlin on Monday to talk about gas prices.\"}\n";
  testing::write_file(dir.path() / "news.jsonl", jsonl);
  const std::string extract = "'" + std::string(NEWSDEX_INDEX_BIN) + "' --extract -q '" + (dir / "news.jsonl") + "'";
  auto r = run("/bin/bash", {"-c", extract + " > /dev/full"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.err.find("cannot write the extracted articles: No space left on device"), std::string::npos) << r.err;
  r = run("/bin/bash", {"-c", extract + " >&-"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  r = run("/bin/bash", {"-c", "set -o pipefail; " + extract + " | head -1 > /dev/null"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "");
}

// Runs `start` (a shell line whose last job is the indexer, started in the background
// with its database at `db`), sends it SIGTERM once it has opened the database, and
// returns its exit code and the milliseconds from the signal to its end. Waiting for the
// database matters: the handlers are installed just before it is opened, and a loaded
// machine can take over a second to load the program, so a signal at a fixed time could
// end it before it listens.
struct Terminated {
  int exit_code = -1;
  long milliseconds = -1;
  std::string err;
};
Terminated terminate_once_started(const std::string& start, const std::string& db) {
  const std::string script =
      start + " pid=$!; "
      "for i in $(seq 1 600); do [ -e '" + db + "' ] && break; sleep 0.05; done; sleep 0.2; "
      "t0=$(date +%s%N); kill -TERM $pid; wait $pid; rc=$?; t1=$(date +%s%N); "
      "echo \"$rc $(( (t1 - t0) / 1000000 ))\"";
  // The outer timeout KILLs a run that ignored the signal, so that the test ends.
  const auto r = run("/usr/bin/timeout", {"-s", "KILL", "120", "/bin/bash", "-c", script});
  Terminated t;
  t.err = r.err;
  std::istringstream(r.out) >> t.exit_code >> t.milliseconds;
  return t;
}

// Bug: `cat /dev/zero | newsdex-index --format jsonl -` ignored SIGTERM for 774 s: the
// scanner skipped the endless line to its end before the run looked at the signal.
TEST(IndexerSignals, SigtermEndsARunReadingAnEndlessRecordAtOnce) {
  TempDir dir;
  const std::string db = dir / "news.db";
  const auto t = terminate_once_started("(printf '{\"id\": \"a\", \"body\": \"Grain.\"}\\n'; cat /dev/zero) | '" +
                                            std::string(NEWSDEX_INDEX_BIN) + "' --db '" + db + "' --format jsonl - &",
                                        db);
  EXPECT_EQ(t.exit_code, 128 + SIGTERM) << t.err;
  EXPECT_GE(t.milliseconds, 0);
  EXPECT_LT(t.milliseconds, 10000);
  EXPECT_NE(t.err.find("interrupted by SIGTERM"), std::string::npos) << t.err;
}

// Bug: a FIFO named on the command line whose writer never came held the run in open(2),
// and a stalled pipe held it in read(2): SIGTERM and Ctrl-C were not seen until bytes came.
TEST(IndexerSignals, SigtermEndsARunWaitingForAFifoOrAStalledPipe) {
  TempDir dir;
  ASSERT_EQ(::mkfifo((dir.path() / "feed").c_str(), 0600), 0);
  const std::vector<std::string> starts = {
      "",  // no writer ever opens the FIFO
      // Opened for reading and writing by the shell: a pipe with a writer that never writes.
      "exec 3<>'" + (dir / "feed") + "'; ",
  };
  int run_number = 0;
  for (const auto& prefix : starts) {
    const std::string db = dir / ("news" + std::to_string(++run_number) + ".db");
    const std::string index = "'" + std::string(NEWSDEX_INDEX_BIN) + "' --db '" + db + "' ";
    const std::string start =
        prefix + (prefix.empty() ? index + "'" + (dir / "feed") + "' &" : index + "--format jsonl - <&3 &");
    const auto t = terminate_once_started(start, db);
    EXPECT_EQ(t.exit_code, 128 + SIGTERM) << start << ": " << t.err;
    EXPECT_GE(t.milliseconds, 0) << start;
    EXPECT_LT(t.milliseconds, 10000) << start;
    EXPECT_NE(t.err.find("interrupted by SIGTERM"), std::string::npos) << start << ": " << t.err;
  }
}

// Bug: articles from a feed that stays open (`tail -f feed.jsonl | newsdex-index -`) were
// indexed only once 1,000 had come or the feed closed: the reader waited for a full batch,
// and for 64 KB of input before reading any of it.
TEST(IndexerSignals, ALiveFeedIsCommittedWhileItStaysOpen) {
  TempDir dir;
  ASSERT_EQ(::mkfifo((dir.path() / "feed").c_str(), 0600), 0);
  const std::string db = dir / "news.db";
  // The shell holds the FIFO open for writing (3<>) so that the indexer's read-only open
  // does not wait; closing it (3>&-) ends the feed.
  const std::string script =
      "exec 3<>'" + (dir / "feed") + "'; '" + NEWSDEX_INDEX_BIN + "' -q --db '" + db +
      "' --commit-interval 1 --format jsonl - < '" + (dir / "feed") + "' 3>&- & "
      "printf '{\"id\": \"w\", \"title\": \"Walrus\", \"body\": \"The walrus left the zoo.\"}\\n' >&3; "
      "for i in $(seq 1 300); do "
      "  if '" + NEWSDEX_SEARCH_BIN + "' --db '" + db + "' --limit 0 walrus 2>/dev/null | grep -q '^1 article'; then "
      "    echo found; break; fi; sleep 0.1; done; "
      "exec 3>&-; wait";
  const auto r = run("/usr/bin/timeout", {"-k", "5", "60", "/bin/bash", "-c", script});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "found\n") << "the article must be searchable while the feed is still open: " << r.err;
}

// Bug: one 16 MB text of distinct words took 1.9 GB and 60 s to index: the memory of an
// article's analysis had no bound. Words past MAX_WORDS_PER_ARTICLE are cut, with a warning.
TEST(IndexerMessages, AnArticleIsCutAtTheWordLimitWithAWarning) {
  TempDir dir;
  std::string text = "Long read\n\n";
  for (std::size_t i = 0; i < MAX_WORDS_PER_ARTICLE + 50; ++i) text += "w" + std::to_string(i) + " ";
  testing::write_file(dir.path() / "book.txt", text);
  const auto r = run(NEWSDEX_INDEX_BIN, {"--db", dir / "news.db", dir / "book.txt"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("book.txt:1: text cut at 200000 words: the words after it are not searchable [truncated]"),
            std::string::npos) << r.err;
  EXPECT_NE(r.err.find("1 added"), std::string::npos) << r.err;
  const auto search = [&](const std::string& word) {
    return run(NEWSDEX_SEARCH_BIN, {"--db", dir / "news.db", "--limit", "0", word}).out;
  };
  EXPECT_EQ(search("w100"), "1 article matches 'w100'.\n");
  EXPECT_EQ(search("w" + std::to_string(MAX_WORDS_PER_ARTICLE - 3)), "1 article matches 'w199997'.\n")
      << "the title's two words count too";
  EXPECT_EQ(search("w" + std::to_string(MAX_WORDS_PER_ARTICLE + 10)).substr(0, 29), "No articles match 'w200010'.\n");
}

// Bug: FIFOs, sockets and devices inside an input directory were skipped without a word.
TEST(IndexerMessages, SpecialFilesInADirectoryAreNamedAndSkipped) {
  TempDir dir;
  testing::write_file(dir.path() / "in" / "story.txt", "Walrus escapes\n\nThe walrus left the zoo.\n");
  ASSERT_EQ(::mkfifo((dir.path() / "in" / "pipe").c_str(), 0600), 0);
  const auto r = run(NEWSDEX_INDEX_BIN, {"--db", dir / "news.db", dir / "in"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("in/pipe: not a regular file (a FIFO, socket, device or broken link); skipped [special-file]"),
            std::string::npos) << r.err;
  EXPECT_NE(r.err.find("1 added"), std::string::npos) << r.err;
}

TEST(Printable, EscapesControlsAndKeepsEverythingElse) {
  EXPECT_EQ(printable("plain caf\xc3\xa9 \xc2\xa3" "5"), "plain caf\xc3\xa9 \xc2\xa3" "5");
  EXPECT_EQ(printable("a\tb\nc\x7f"), "a\\x09b\\x0ac\\x7f");
  EXPECT_EQ(printable("\xc2\x9d" "8;;x\xc2\x9c"), "\\u009d8;;x\\u009c");
  EXPECT_EQ(printable("broken \xc2"), "broken \xc2");
}

}  // namespace
}  // namespace newsdex
