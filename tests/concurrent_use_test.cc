// Searching while an indexer commits, with the real programs running all at once: the
// promise of docs/limits.md ("Concurrent use"). newsdex-index commits a large corpus part by
// part (generation swaps first, then commits in place) while several newsdex-search
// processes and a long batch keep asking; every search must answer, and never with
// fewer articles than the database held before the run.
#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include <atomic>
#include <csignal>
#include <fstream>
#include <mutex>
#include <set>
#include <sstream>
#include <thread>

#include "test_support.h"

namespace newsdex {
namespace {

using nlohmann::json;
using testing::run;
using testing::TempDir;

constexpr std::size_t INITIAL_ARTICLES = 20;
// Enough for the indexer to take seconds and commit about 15 times (a commit takes whole
// parts of 1,000 articles): first into new generations (compaction, the stub swapped and
// the old generation deleted), then, once the database is 8 times a part, in place.
constexpr std::size_t CORPUS_ARTICLES = 15000;

// Every article of both files has "grain" in its title and a 2023 date, so the query
// `grain` (and the filter date:2023) counts every article the database holds.
void write_articles(const std::string& path, const std::string& id_prefix, std::size_t count) {
  static const char* const PEOPLE[] = {"President Ronald Reagan said", "Treasury Secretary James Baker said",
                                       "Prime Minister Margaret Thatcher said"};
  static const char* const PLACES[] = {"in Brazil", "in Japan", "in Kenya", "in Canada"};
  std::ofstream out(path);
  for (std::size_t i = 0; i < count; ++i) {
    out << "{\"id\": \"" << id_prefix << i << "\", \"title\": \"Grain report " << i << "\", \"body\": \""
        << PEOPLE[i % 3] << " that prices rose " << PLACES[i % 4] << ". ";
    for (std::size_t w = 0; w < 50; ++w) out << "word" << (i * 31 + w * 7) % 4001 << ' ';
    out << "\", \"date\": \"2023-" << (i % 12 < 9 ? "0" : "") << i % 12 + 1 << "-" << (i % 28 < 9 ? "0" : "")
        << i % 28 + 1 << "\"}\n";
  }
}

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// newsdex-index running in the background. Killed (SIGKILL) and reaped when destroyed if
// it is still running, and killed by the kernel if the test process dies first, so no
// indexer outlives the test.
class Indexer {
 public:
  Indexer(const std::vector<std::string>& arguments, const std::string& err_path)
      : pid_(testing::start_tied_process(NEWSDEX_INDEX_BIN, arguments, err_path)) {}
  ~Indexer() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
  }
  Indexer(const Indexer&) = delete;
  Indexer& operator=(const Indexer&) = delete;

  // Waits for the indexer to end; returns its exit status (128 + signal when killed).
  int wait() {
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  }

 private:
  pid_t pid_ = -1;
};

// What the searching threads saw, and what went wrong, gathered under one mutex.
struct Observations {
  std::mutex mutex;
  std::vector<std::string> failures;
  std::set<long> totals_during_run;  // exact totals of searches that ended while indexing ran
  std::size_t searches = 0;
  std::size_t batch_queries = 0;

  void fail(std::string what) {
    std::lock_guard lock(mutex);
    failures.push_back(std::move(what));
  }
};

std::string describe(const std::vector<std::string>& args, const testing::CommandResult& r) {
  std::string text = "newsdex-search";
  for (const auto& a : args) text += " " + a;
  return text + ": exit " + std::to_string(r.exit_code) + "\nstderr: " + r.err + "\nstdout: " + r.out.substr(0, 500);
}

TEST(ConcurrentUse, SearchesAnswerWhileAnIndexerCommits) {
  TempDir dir;
  const std::string db = dir / "news.db";
  write_articles(dir / "initial.jsonl", "first-", INITIAL_ARTICLES);
  write_articles(dir / "corpus.jsonl", "doc-", CORPUS_ARTICLES);
  const auto initial = run(NEWSDEX_INDEX_BIN, {"--db", db, "-q", dir / "initial.jsonl"});
  ASSERT_EQ(initial.exit_code, 0) << initial.err;

  auto search_total = [&](std::vector<std::string> args) -> long {
    args.insert(args.begin(), {"--db", db, "--format", "json"});
    const auto r = run(NEWSDEX_SEARCH_BIN, args);
    if (r.exit_code != 0) return -1;
    return json::parse(r.out).value("total", -1L);
  };
  ASSERT_EQ(search_total({"grain"}), static_cast<long>(INITIAL_ARTICLES));

  Observations seen;
  std::atomic<bool> indexing{true};
  Indexer indexer({"--db", db, "-q", "--threads", "2", "--commit-every", "1000", "--commit-interval", "0.1",
                   dir / "corpus.jsonl"},
                  dir / "index.err");

  // Single searches, one process each: plain, faceted, field and filtered queries. Each
  // opens the database afresh, so one thread's exact totals can only grow.
  const std::vector<std::vector<std::string>> queries = {
      {"grain"},
      {"grain", "--facet", "person,country,month", "--facet-limit", "3"},
      {"title:grain", "--limit", "3", "--sort", "-date"},
      {"grain OR prices", "--facet", "year", "--filter", "date:2023"},
      {"grain", "--facet", "person", "--facet-method", "slots", "--limit", "1"},
  };
  auto searcher = [&](std::size_t thread) {
    long last_exact = 0;
    bool last_round = false;
    for (std::size_t i = thread; !last_round; ++i) {
      // One round more after the indexer ended: each thread then sees the final state.
      last_round = !indexing;
      std::vector<std::string> args = queries[i % queries.size()];
      args.insert(args.begin(), {"--db", db, "--format", "json"});
      const auto r = run(NEWSDEX_SEARCH_BIN, args);
      const bool during_run = indexing;
      json j;
      try {
        j = json::parse(r.out);
      } catch (const json::exception&) {
      }
      if (r.exit_code != 0 || !j.is_object() || !j.contains("total")) {
        seen.fail(describe(args, r));
        continue;
      }
      const long total = j["total"].get<long>();
      const bool exact = j.value("total_exact", false);
      std::lock_guard lock(seen.mutex);
      ++seen.searches;
      if (total < static_cast<long>(INITIAL_ARTICLES))
        seen.failures.push_back("total " + std::to_string(total) + " below the initial count: " + describe(args, r));
      if (!exact) continue;
      if (total < last_exact)
        seen.failures.push_back("total fell from " + std::to_string(last_exact) + " to " + std::to_string(total) +
                                ": " + describe(args, r));
      last_exact = total;
      if (during_run) seen.totals_during_run.insert(total);
    }
  };

  // Batches of many queries, one long-running process each, back to back until the
  // indexer ends: each worker thread keeps one database handle across commits.
  std::string batch_input;
  constexpr std::size_t BATCH_QUERIES = 600;
  for (std::size_t i = 0; i < BATCH_QUERIES; ++i) {
    switch (i % 4) {
      case 0: batch_input += "p" + std::to_string(i) + "\tgrain\n"; break;
      case 1:
        batch_input += R"({"qid": "f)" + std::to_string(i) + R"(", "query": "grain", "facets": ["person", "country"]})" "\n";
        break;
      case 2:
        batch_input += R"({"qid": "d)" + std::to_string(i) + R"(", "query": "grain", "filters": ["date:2023"], "facets": "month", "limit": 3})" "\n";
        break;
      default: batch_input += "t" + std::to_string(i) + "\ttitle:grain OR word7\n"; break;
    }
  }
  auto batcher = [&] {
    bool last_round = false;
    while (!last_round) {
      last_round = !indexing;
      const std::vector<std::string> args{"--db", db, "--batch", "-", "--format", "json", "--threads", "2",
                                          "--snippet-length", "60"};
      const auto r = run(NEWSDEX_SEARCH_BIN, args, batch_input);
      if (r.exit_code != 0) seen.fail(describe(args, r));
      std::istringstream lines(r.out);
      std::size_t records = 0;
      for (std::string line; std::getline(lines, line); ++records) {
        json j;
        try {
          j = json::parse(line);
        } catch (const json::exception&) {
        }
        if (!j.is_object() || j.contains("error") || !j.contains("total") ||
            j["total"].get<long>() < static_cast<long>(INITIAL_ARTICLES)) {
          seen.fail("batch record " + std::to_string(records + 1) + ": " + line.substr(0, 500) + "\nstderr: " + r.err);
          break;
        }
      }
      if (records != BATCH_QUERIES) seen.fail("batch gave " + std::to_string(records) + " records: " + r.err);
      std::lock_guard lock(seen.mutex);
      seen.batch_queries += records;
    }
  };

  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < 4; ++t) threads.emplace_back(searcher, t);
  threads.emplace_back(batcher);
  const int indexer_status = indexer.wait();
  indexing = false;
  for (auto& thread : threads) thread.join();

  ASSERT_EQ(indexer_status, 0) << read_file(dir / "index.err");
  for (std::size_t i = 0; i < seen.failures.size() && i < 5; ++i) ADD_FAILURE() << seen.failures[i];
  EXPECT_TRUE(seen.failures.empty()) << seen.failures.size() << " of " << seen.searches << " searches and "
                                     << seen.batch_queries << " batch queries failed";
  // The searches must have overlapped the commits, or the test proved nothing.
  EXPECT_GE(seen.totals_during_run.size(), 2u)
      << "every search during the run saw the same total; " << seen.searches << " searches";
  std::cout << seen.searches << " searches and " << seen.batch_queries << " batch queries; "
            << seen.totals_during_run.size() << " distinct totals seen while indexing\n";

  EXPECT_EQ(search_total({"grain"}), static_cast<long>(INITIAL_ARTICLES + CORPUS_ARTICLES));
  EXPECT_EQ(search_total({"grain", "--facet", "year"}), static_cast<long>(INITIAL_ARTICLES + CORPUS_ARTICLES));
}

}  // namespace
}  // namespace newsdex
