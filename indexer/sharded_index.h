// The writers of one index directory: a single database (one IndexWriter on DIR), or a
// sharded index (one IndexWriter per shard), so that the pipeline writes both the same way.
//
// A sharded index directory:
//   DIR/XAPIANDB       Xapian stub listing the shards ("auto shard-0" ...), so Xapian
//                      (and every Xapian tool) opens DIR as one database
//   DIR/shard-K/       a complete newsdex database (index_writer.h), written alone
//   DIR/newsdex.lock   locked (flock) while an indexer runs on DIR
// An article lives in shard shard_for(id, N) (common/storage/shard_layout.h), so re-indexing or
// deleting an id reaches the shard that holds it. The shard count is fixed when the
// index is created; resharding copies every article into a new index (reshard.h).
#pragma once

#include <cstddef>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "index_writer.h"

namespace newsdex {

class ShardedIndex {
 public:
  // Opens (or creates) the index directory `dir` for writing. `requested_shards`: 0 keeps
  // what `dir` holds (a new directory becomes a single database); 1 asks for a single
  // database; N > 1 for N shards. Throws std::runtime_error when `dir` holds another
  // layout (a single database asked for shards, or another shard count), naming both.
  ShardedIndex(const std::string& dir, unsigned requested_shards, std::size_t commit_every = 10000);
  ~ShardedIndex();
  ShardedIndex(const ShardedIndex&) = delete;
  ShardedIndex& operator=(const ShardedIndex&) = delete;

  // One writer per shard, shard K at index K (one writer for a single database).
  std::span<IndexWriter* const> writers() const { return pointers_; }
  unsigned shard_count() const { return static_cast<unsigned>(pointers_.size()); }
  // Stages the deletion of an article id in the shard that holds it.
  void remove(const std::string& article_id);

 private:
  std::string dir_;
  bool sharded_ = false;
  int lock_fd_ = -1;
  std::vector<std::unique_ptr<IndexWriter>> owned_;
  std::vector<IndexWriter*> pointers_;
};

// The number of shards the index directory `dir` holds: 0 when it does not exist or is
// empty, 1 for a single database, N for a sharded index. Throws std::runtime_error when
// its stub lists something other than its own shard-0 .. shard-(N-1).
unsigned existing_shard_count(const std::string& dir);

// Commits every shard, in parallel (each commit merges that shard's parts by compaction).
void commit_shards(std::span<IndexWriter* const> writers);
// Articles the next commit_shards would take, over all shards.
std::size_t committable_articles(std::span<IndexWriter* const> writers);
// Articles the shards held at their last commits.
std::size_t committed_articles(std::span<IndexWriter* const> writers);
// Totals of the commits so far, over all shards.
WriteCounts total_counts(std::span<IndexWriter* const> writers);

}  // namespace newsdex
