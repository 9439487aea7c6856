// --reshard: every article of some databases copied into a new index of N shards.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace newsdex {

struct ReshardSummary {
  std::size_t articles = 0;  // articles written into the new index
  unsigned shards = 0;
};

// Copies every article of the databases `sources` (a database, a sharded index directory
// or a stub file: anything `newsdex-search --db` takes, local only) into the new index
// `target` with `shards` shards. One shard: Xapian's compactor merges the sources into a
// single database. Several: each article is routed by its id (Q term) into a fresh
// shard, written as the indexer writes (parts merged by compaction, spelling table,
// schema version). `target` must not exist or be empty. Throws std::runtime_error.
ReshardSummary reshard_index(const std::vector<std::string>& sources, const std::string& target, unsigned shards);

}  // namespace newsdex
