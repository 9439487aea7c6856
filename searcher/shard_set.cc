#include "shard_set.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <exception>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <optional>
#include <set>
#include <stdexcept>
#include <thread>

#include "core/schema.h"

namespace newsdex {
namespace {

// A shard that cannot be used at all, whatever --allow-partial says.
struct IncompatibleShard : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// "127.0.0.1:4001 (named at index.stub:2)", or the path alone when named on the command line.
std::string shard_name(const ShardLocation& shard) {
  const std::string name = shard.describe();
  return shard.origin.empty() || shard.origin == name ? name : fmt::format("{} (named at {})", name, shard.origin);
}

// A commit rarely lands inside an open twice in a row; more means something is wrong.
constexpr int MAX_OPEN_ATTEMPTS = 10;

// What the stub of a newsdex database directory says ("glass gen-000007"), or "" when
// `dir` has none (a plain Xapian database).
std::string stub_text(const std::string& dir) {
  std::ifstream in(std::filesystem::path(dir) / std::string(STUB_FILE_NAME));
  std::string text;
  std::getline(in, text, '\0');
  return text;
}

// A newsdex database directory's stub names its current generation; a commit that
// compacts writes a new generation, renames a new stub over the old one, then deletes
// the old generation (indexer/index_writer.cc). Xapian reads the stub, then opens the
// generation's tables one by one, so an open can overlap the deletion: it then fails
// (DatabaseOpeningError), or worse succeeds without the tables already gone, which Xapian
// takes for empty optional tables (document data, positions, spelling). If the stub says
// the same after the open as before it, that generation was current, hence whole, while
// every table was opened; otherwise open it again.
Xapian::Database open_local(const std::string& path) {
  for (int attempt = 1;; ++attempt) {
    const std::string before = stub_text(path);
    std::optional<Xapian::Database> db;
    std::exception_ptr failure;
    try {
      db.emplace(path, Xapian::DB_OPEN);
    } catch (const Xapian::DatabaseOpeningError&) {
      failure = std::current_exception();
    }
    if (stub_text(path) == before) {
      if (failure) std::rethrow_exception(failure);  // not a race: the database cannot be opened
      return *db;
    }
    if (attempt == MAX_OPEN_ATTEMPTS)
      throw std::runtime_error(fmt::format("{}: a new generation was committed during each of {} attempts to open it",
                                           path, MAX_OPEN_ATTEMPTS));
    spdlog::debug("{}: committed to while being opened; opening it again", path);
  }
}

Xapian::Database open_one(const ShardLocation& shard, unsigned timeout_ms, bool alone) {
  Xapian::Database db;
  if (shard.kind == ShardLocation::Kind::REMOTE) {
    db = Xapian::Remote::open(shard.host, shard.port, timeout_ms, timeout_ms);
  } else {
    if (!std::filesystem::exists(shard.path))
      throw std::runtime_error("no such database (create it with newsdex-index --db " + shard.path + ")");
    db = open_local(shard.path);
  }
  // Database::get_metadata of a combined database reads the first shard only: each shard
  // is checked here, on its own handle.
  if (const std::string problem = schema::version_problem(db); !problem.empty())
    throw IncompatibleShard(fmt::format("{}: {}; refusing to search it",
                                        alone ? shard.describe() : "shard " + shard_name(shard), problem));
  return db;
}

// Each missing shard is reported once per process, however many threads open the set.
void warn_missing_once(const ShardLocation& shard, const std::string& why) {
  static std::mutex mutex;
  static std::set<std::string> warned;
  std::lock_guard lock(mutex);
  if (warned.insert(shard.describe()).second)
    spdlog::warn("shard {} {}; answering from the other shards (--allow-partial)", shard_name(shard), why);
}

}  // namespace

std::string DatabaseSpec::describe() const {
  std::string out;
  for (const auto& database : databases) out += (out.empty() ? "" : ", ") + database;
  return out;
}

std::vector<std::string> ShardSet::missing_names() const {
  std::vector<std::string> names;
  for (const auto& shard : missing) names.push_back(shard.describe());
  return names;
}

namespace {

constexpr std::chrono::milliseconds FIRST_BACKOFF{1000};
constexpr std::chrono::milliseconds MAX_BACKOFF{60000};

}  // namespace

bool ShardHealth::retry_due() const {
  const auto now = Clock::now();
  for (const auto& [name, state] : down)
    if (state.retry_at <= now) return true;
  return false;
}

ShardSet open_shard_set(const DatabaseSpec& spec, ShardHealth* health) {
  std::vector<ShardLocation> shards;
  for (const auto& argument : spec.databases) {
    auto expanded = expand_database_argument(argument);
    shards.insert(shards.end(), expanded.begin(), expanded.end());
  }
  if (shards.empty()) throw std::runtime_error("no database given");

  // In parallel, so that the slowest shard, not their sum, bounds the time to open.
  struct Outcome {
    std::optional<Xapian::Database> db;
    std::string error;
    bool incompatible = false;
    bool timed_out = false;
    bool held_down = false;  // down in `health`, not asked
  };
  std::vector<Outcome> outcomes(shards.size());
  const auto now = ShardHealth::Clock::now();
  auto open_shard = [&](std::size_t i) {
    if (health && shards[i].kind == ShardLocation::Kind::REMOTE) {
      const auto held = health->down.find(shard_name(shards[i]));
      if (held != health->down.end() && held->second.retry_at > now) {
        const auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(held->second.retry_at - now);
        outcomes[i].error = fmt::format("{}; not asked again for {:.1f} s", held->second.why, wait.count() / 1000.0);
        outcomes[i].held_down = true;
        return;
      }
    }
    try {
      outcomes[i].db = open_one(shards[i], spec.timeout_ms, shards.size() == 1);
    } catch (const IncompatibleShard& e) {
      outcomes[i].error = e.what();
      outcomes[i].incompatible = true;
    } catch (const Xapian::NetworkTimeoutError& e) {
      outcomes[i].error = e.get_description();
      outcomes[i].timed_out = true;
    } catch (const Xapian::Error& e) {
      outcomes[i].error = e.get_description();
    } catch (const std::exception& e) {
      outcomes[i].error = e.what();
    }
  };
  if (shards.size() == 1) {
    open_shard(0);
  } else {
    std::vector<std::thread> threads;
    for (std::size_t i = 0; i < shards.size(); ++i) threads.emplace_back(open_shard, i);
    for (auto& thread : threads) thread.join();
  }

  ShardSet set;
  std::vector<std::string> failures;
  for (std::size_t i = 0; i < shards.size(); ++i) {
    auto& outcome = outcomes[i];
    if (outcome.incompatible) throw std::runtime_error(outcome.error);
    const bool remote = shards[i].kind == ShardLocation::Kind::REMOTE;
    if (outcome.db) {
      if (health && remote) health->down.erase(shard_name(shards[i]));
      set.db.add_database(*outcome.db);
      set.remote = set.remote || shards[i].kind == ShardLocation::Kind::REMOTE;
      set.shards.push_back(shards[i]);
      set.handles.push_back(*outcome.db);
      continue;
    }
    if (shards.size() == 1 && shards[i].kind == ShardLocation::Kind::LOCAL)
      throw std::runtime_error(shards[i].path + ": cannot open database: " + outcome.error);
    const std::string why =
        outcome.held_down ? "is down: " + outcome.error
        : outcome.timed_out
            ? fmt::format("did not answer within {} ms (--timeout): {}", spec.timeout_ms, outcome.error)
            : "is unreachable: " + outcome.error;
    if (health && remote && !outcome.held_down) {
      auto& state = health->down[shard_name(shards[i])];
      state.backoff = state.backoff.count() == 0 ? FIRST_BACKOFF : std::min(MAX_BACKOFF, state.backoff * 2);
      state.retry_at = ShardHealth::Clock::now() + state.backoff;
      state.why = outcome.timed_out ? fmt::format("did not answer within {} ms", spec.timeout_ms) : "was unreachable";
    }
    failures.push_back(fmt::format("shard {} {}", shard_name(shards[i]), why));
    if (spec.allow_partial) warn_missing_once(shards[i], why);
    set.missing.push_back(shards[i]);
  }
  if (!failures.empty() && (!spec.allow_partial || set.shards.empty())) {
    std::string message;
    for (const auto& failure : failures) message += (message.empty() ? "" : "; ") + failure;
    throw std::runtime_error(set.shards.empty() && spec.allow_partial
                                 ? message + "; no shard answered"
                                 : message + " (--allow-partial answers from the other shards)");
  }
  return set;
}

}  // namespace newsdex
