#include "reshard.h"

#include <filesystem>
#include <optional>
#include <stdexcept>
#include <system_error>

#include <xapian.h>

#include "core/schema.h"
#include "index_writer.h"
#include "on_threads.h"
#include "sharded_index.h"
#include "storage/id_term.h"
#include "storage/shard_layout.h"
#include "storage/stored_article.h"

namespace newsdex {
namespace fs = std::filesystem;
namespace {

// Articles per part database while copying: parts are merged by the commit, as indexing's are.
constexpr std::size_t RESHARD_PART_ARTICLES = 1000;

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

}  // namespace

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
