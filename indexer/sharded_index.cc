#include "sharded_index.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <exception>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <thread>

#include "directory_lock.h"
#include "durable_files.h"
#include "storage/id_term.h"
#include "core/schema.h"
#include "storage/shard_layout.h"
#include "storage/stored_article.h"

namespace newsdex {
namespace fs = std::filesystem;
namespace {

constexpr std::size_t RESHARD_PART_ARTICLES = 1000;

// The stub that makes DIR one database to Xapian, replaced atomically.
void write_shard_stub(const fs::path& dir, unsigned shards) {
  const fs::path tmp = dir / (std::string(STUB_FILE_NAME) + ".tmp");
  {
    std::ofstream out(tmp, std::ios::trunc);
    out << "# newsdex sharded index: article id -> shard by shard_for(id, " << shards << ")\n";
    for (unsigned k = 0; k < shards; ++k) out << "auto " << shard_directory_name(k) << "\n";
    if (!out.flush()) throw std::runtime_error(tmp.string() + ": cannot write");
  }
  fsync_path(tmp, false);
  fs::rename(tmp, dir / std::string(STUB_FILE_NAME));
  fsync_path(dir, true);
}

// Runs work(k) for k in 0..n-1 on n threads; the first failure is rethrown.
template <typename Work>
void on_threads(unsigned n, Work work) {
  if (n == 1) {
    work(0u);
    return;
  }
  std::mutex mutex;
  std::exception_ptr failure;
  std::vector<std::thread> threads;
  for (unsigned k = 0; k < n; ++k) {
    threads.emplace_back([&, k] {
      try {
        work(k);
      } catch (const Xapian::Error& e) {
        std::lock_guard lock(mutex);
        if (!failure) failure = std::make_exception_ptr(std::runtime_error(e.get_description()));
      } catch (...) {
        std::lock_guard lock(mutex);
        if (!failure) failure = std::current_exception();
      }
    });
  }
  for (auto& thread : threads) thread.join();
  if (failure) std::rethrow_exception(failure);
}

// A database to read articles from, checked to be a newsdex database of this schema.
Xapian::Database open_source(const ShardLocation& shard) {
  if (shard.kind == ShardLocation::Kind::REMOTE)
    throw std::runtime_error(shard.origin + ": " + shard.describe() +
                             ": --reshard reads local databases only (copy the shard first)");
  Xapian::Database db(shard.path, Xapian::DB_OPEN);
  if (const std::string problem = schema::version_problem(db); !problem.empty())
    throw std::runtime_error(shard.path + ": " + problem);
  return db;
}

// Whether a shard directory holds articles, also when its own stub is lost too: each
// database in it is looked at (a plain glass database, or its gen-* generations). One that
// does not open but is not empty counts as holding articles: it is not ours to remove.
bool holds_articles(const fs::path& shard) {
  std::vector<fs::path> databases;
  if (fs::exists(shard / "iamglass")) databases.push_back(shard);
  for (const auto& entry : fs::directory_iterator(shard))
    if (entry.path().filename().string().starts_with("gen-")) databases.push_back(entry.path());
  for (const auto& path : databases) {
    try {
      if (Xapian::Database(path.string()).get_doccount() != 0) return true;
    } catch (const Xapian::Error&) {
      if (!fs::is_empty(path)) return true;
    }
  }
  return false;
}

}  // namespace

unsigned existing_shard_count(const std::string& dir_name) {
  const fs::path dir(dir_name);
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    if (fs::exists(dir, ec)) throw std::runtime_error(dir_name + ": not a directory");
    return 0;
  }
  if (fs::exists(dir / "iamglass")) return 1;
  const fs::path stub = dir / std::string(STUB_FILE_NAME);
  if (fs::exists(stub)) {
    std::ifstream in(stub);
    std::string first;
    in >> first;
    if (first == "glass") return 1;  // a single newsdex database naming its generation
    const auto shards = read_stub_file(stub.string());
    for (std::size_t k = 0; k < shards.size(); ++k) {
      if (shards[k].kind != ShardLocation::Kind::LOCAL ||
          fs::path(shards[k].path) != (dir / shard_directory_name(static_cast<unsigned>(k))).lexically_normal())
        throw std::runtime_error(fmt::format("{}: not a sharded newsdex index (line {} names {}, expected {})",
                                             stub.string(), shards[k].origin, shards[k].describe(),
                                             shard_directory_name(static_cast<unsigned>(k))));
    }
    return static_cast<unsigned>(shards.size());
  }
  return 0;
}

ShardedIndex::ShardedIndex(const std::string& dir, unsigned requested_shards, std::size_t commit_every) : dir_(dir) {
  // Held while the layout is decided and, for a sharded index, for the whole run; a
  // single database is locked by its own IndexWriter instead (the same file).
  lock_fd_ = lock_database_directory(dir_);
  try {
    const unsigned existing = existing_shard_count(dir_);
    if (existing == 1 && requested_shards > 1)
      throw std::runtime_error(fmt::format(
          "{}: is a single database; --shards {} would leave its articles where re-indexing cannot reach "
          "them: copy it into shards with 'newsdex-index --reshard {} --db NEW_DIR --shards {}'",
          dir_, requested_shards, dir_, requested_shards));
    if (existing > 1 && requested_shards != 0 && requested_shards != existing)
      throw std::runtime_error(fmt::format(
          "{}: has {} shards, not {}: leave out --shards to index into its {} shards; to change the count, "
          "copy it with 'newsdex-index --reshard {} --db NEW_DIR --shards {}'",
          dir_, existing, requested_shards, existing, dir_, requested_shards));
    const unsigned shards = existing > 1 ? existing : existing == 1 ? 1 : std::max(1u, requested_shards);
    sharded_ = shards > 1;
    if (existing == 0 && fs::is_directory(dir_)) {
      // Shard directories without a stub: a creation interrupted before any article was
      // written (the stub is written first), or a sharded index whose stub was lost.
      // Anything else is not ours to reuse.
      for (const auto& entry : fs::directory_iterator(dir_)) {
        const auto name = entry.path().filename().string();
        unsigned k = 0;
        const bool shard_name = std::sscanf(name.c_str(), "shard-%u", &k) == 1 && name == shard_directory_name(k);
        if (!shard_name) {
          if (!sharded_ || name == LOCK_FILE_NAME || name == std::string(STUB_FILE_NAME) + ".tmp") continue;
          throw std::runtime_error(dir_ + ": not a newsdex database (and not empty)");
        }
        if (holds_articles(entry.path()))
          throw std::runtime_error(fmt::format(
              "{}: holds articles but {} lists no shards (its {} stub is missing); nothing was removed: write "
              "{}/{} again, one line 'auto shard-K' for each shard K = 0 .. N-1, or move the directory away",
              entry.path().string(), dir_, STUB_FILE_NAME, dir_, STUB_FILE_NAME));
        if (sharded_ && k >= shards) fs::remove_all(entry.path());
      }
    }
    if (!sharded_) {
      ::close(lock_fd_);
      lock_fd_ = -1;
      owned_.push_back(std::make_unique<IndexWriter>(dir_, commit_every));
    } else {
      for (unsigned k = 0; k < shards; ++k)
        owned_.push_back(
            std::make_unique<IndexWriter>((fs::path(dir_) / shard_directory_name(k)).string(), commit_every));
      if (existing == 0) write_shard_stub(dir_, shards);
    }
  } catch (...) {
    if (lock_fd_ >= 0) ::close(lock_fd_);
    lock_fd_ = -1;
    throw;
  }
  for (auto& writer : owned_) pointers_.push_back(writer.get());
  if (sharded_) spdlog::debug("{}: {} shards", dir_, shard_count());
}

ShardedIndex::~ShardedIndex() {
  owned_.clear();
  if (lock_fd_ >= 0) ::close(lock_fd_);
}

void ShardedIndex::remove(const std::string& article_id) {
  pointers_[shard_for(article_id, shard_count())]->remove(article_id);
}

void commit_shards(std::span<IndexWriter* const> writers) {
  on_threads(static_cast<unsigned>(writers.size()), [&](unsigned k) { writers[k]->commit(); });
}

std::size_t committable_articles(std::span<IndexWriter* const> writers) {
  std::size_t n = 0;
  for (const auto* writer : writers) n += writer->committable_articles();
  return n;
}

WriteCounts total_counts(std::span<IndexWriter* const> writers) {
  WriteCounts total;
  for (const auto* writer : writers) {
    const WriteCounts counts = writer->counts();
    total.added += counts.added;
    total.replaced += counts.replaced;
    total.deleted += counts.deleted;
    total.not_found += counts.not_found;
  }
  return total;
}

ReshardSummary reshard_index(const std::vector<std::string>& sources, const std::string& target, unsigned shards) {
  if (shards == 0) throw std::runtime_error("--shards must be at least 1");
  std::vector<ShardLocation> locations;
  for (const auto& source : sources) {
    auto expanded = expand_database_argument(source);
    locations.insert(locations.end(), expanded.begin(), expanded.end());
  }
  for (const auto& location : locations) {
    std::error_code ec;
    if (location.kind == ShardLocation::Kind::LOCAL &&
        fs::weakly_canonical(location.path, ec) == fs::weakly_canonical(target, ec))
      throw std::runtime_error(target + ": the target of --reshard must be a new directory, not a source");
  }
  {
    std::error_code ec;
    if (fs::exists(target, ec) && !fs::is_empty(target, ec))
      throw std::runtime_error(target + ": the target of --reshard must be a new (or empty) directory");
  }
  auto open_all = [&] {
    Xapian::Database all;
    for (const auto& location : locations) all.add_database(open_source(location));
    return all;
  };

  ReshardSummary summary;
  summary.shards = shards;
  if (shards == 1) {
    // Xapian's compactor merges the sources (their spelling tables and metadata too) into
    // one glass database, as `xapian-compact` would; newsdex-index moves it into its
    // generation layout at the next commit.
    Xapian::Database all = open_all();
    summary.articles = all.get_doccount();
    fs::create_directories(target);
    all.compact(target);
    return summary;
  }

  ShardedIndex index(target, shards);
  const auto writers = index.writers();
  std::vector<std::size_t> copied(shards, 0);
  // One thread per new shard, each reading the sources on its own handle (Xapian
  // databases are not shared between threads) and keeping the articles routed to it.
  on_threads(shards, [&](unsigned k) {
    const Xapian::Database all = open_all();
    IndexWriter& writer = *writers[k];
    std::optional<PartWriter> part;
    Xapian::docid next = writer.docid_base() + 1, part_first = next;
    auto finish_part = [&] {
      PartInfo info = part->finish();
      info.first = part_first;
      info.last = next - 1;
      part.reset();
      writer.add_part(std::move(info));
    };
    const std::string prefix(schema::PREFIX_ID);
    for (auto term = all.allterms_begin(prefix); term != all.allterms_end(prefix); ++term) {
      // The same id in several sources: the last one listed wins, as in indexing.
      Xapian::docid latest = 0;
      for (auto it = all.postlist_begin(*term); it != all.postlist_end(*term); ++it) latest = *it;
      // A hashed term (common/storage/id_term.h) does not hold the whole id: the stored article does.
      const std::string id = id_term_may_be_hashed(*term)
                                 ? decode_stored_article(all.get_document(latest).get_data()).id
                                 : (*term).substr(prefix.size());
      if (shard_for(id, shards) != k) continue;
      if (!part) {
        part.emplace(writer.new_part_path());
        part_first = next;
      }
      part->add(next++, id, all.get_document(latest));
      if (part->size() >= RESHARD_PART_ARTICLES) finish_part();
    }
    if (part) finish_part();
    copied[k] = next - 1 - writer.docid_base();
  });
  commit_shards(writers);
  for (auto n : copied) summary.articles += n;
  return summary;
}

}  // namespace newsdex
