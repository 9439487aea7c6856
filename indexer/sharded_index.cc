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
#include "on_threads.h"
#include "storage/id_term.h"
#include "core/schema.h"
#include "storage/shard_layout.h"
#include "storage/stored_article.h"

namespace newsdex {
namespace fs = std::filesystem;
namespace {

// The stub that makes DIR one database to Xapian, replaced atomically.
void write_shard_stub(const fs::path& dir, unsigned shards) {
  std::string stub = fmt::format("# newsdex sharded index: article id -> shard by shard_for(id, {})\n", shards);
  for (unsigned k = 0; k < shards; ++k) stub += "auto " + shard_directory_name(k) + "\n";
  replace_file_durably(dir / std::string(STUB_FILE_NAME), stub);
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

std::size_t committed_articles(std::span<IndexWriter* const> writers) {
  std::size_t n = 0;
  for (const auto* writer : writers) n += writer->committed_articles();
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

}  // namespace newsdex
