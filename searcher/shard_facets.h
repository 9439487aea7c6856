// Facet counting with in-memory columns over several local shards. Inside a database of
// several sub-databases a MatchSpy sees each document under its shard's own document id,
// while value streams (from which ColumnFacetCounter loads its columns) number documents
// across the shards, so one column cannot serve them all: each shard gets its own
// counting pass over its own columns, and the per-shard counts are summed by value.
// Remote shards cannot run this (xapian-tcpsrv knows only Xapian's own spies): they use
// SlotFacetCounter on the combined database.
#pragma once

#include <memory>
#include <vector>

#include "facet_counter.h"
#include "shard_set.h"

namespace newsdex {

class ShardColumnFacetCounter : public FacetCounter {
 public:
  // `dirs`: each shard's directory, where its column file is ("" for none).
  ShardColumnFacetCounter(std::vector<Xapian::Database> shards, const std::vector<std::string>& dirs);
  // `db` is the combined database; each shard is counted on its own handle.
  FacetPass count(const Xapian::Database& db, const Xapian::Query& query, const FacetRequest& request) override;
  PairPass count_pairs(const Xapian::Database& db, const Xapian::Query& query, Facet first, Facet second) override;
  LoadedColumns loaded() const override { return counters_.front()->loaded(); }
  void load(const Xapian::Database& db, const LoadedColumns& columns) override;
  bool columns_mapped(const Xapian::Database& db) override;

 private:
  std::vector<Xapian::Database> shards_;
  std::vector<std::unique_ptr<ColumnFacetCounter>> counters_;
};

// The in-memory column counter for `set`: ColumnFacetCounter for one database,
// ShardColumnFacetCounter for several.
std::unique_ptr<FacetCounter> make_column_counter(const ShardSet& set);

}  // namespace newsdex
