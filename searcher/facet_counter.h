// Exact facet counts over every match of a query. Two ways to count, with identical
// results (a test checks both against brute force):
//   ColumnFacetCounter  facet ids looked up by docid in in-memory columns loaded once
//                       per database (the fast path for local databases and batches);
//   SlotFacetCounter    Xapian's stock ValueCountMatchSpy, one per facet slot, the only
//                       spy a remote xapian-tcpsrv shard can run.
// Both run a separate unscored pass that visits every match: counting needs no scores,
// and the ranked top-k pass may then stop early.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include <xapian.h>

#include "search_request.h"
#include "storage/facet_columns.h"
#include "storage/facet_values.h"

namespace newsdex {

struct FacetPass {
  std::vector<FacetCounts> counts;  // in the order of FacetRequest::at(0), at(1), ...
  Xapian::doccount matches = 0;     // exact number of matches
  Xapian::doccount stories = 0;     // by_story, story_sizes_of: the distinct stories among them
  std::vector<Xapian::doccount> story_sizes;  // the matches of each story of story_sizes_of
};

// Two values seen together in matches: of facets `first` and `second` of a pair count
// (the same facet twice: two different values, `a` before `b` by key).
struct PairCount {
  std::string key_a, label_a, key_b, label_b;
  Xapian::doccount count = 0;
};

struct PairPass {
  std::vector<PairCount> pairs;  // every pair seen together in at least one match, any order
  FacetPass singles;             // every value of `first` (then of `second`, when another facet)
};

// The in-memory columns a counter holds: what a fresh counter on a newer revision loads
// before it serves (newsdex-serve), so that no request waits for the loading.
struct LoadedColumns {
  std::vector<Facet> facets;
  bool stories = false;
};

class FacetCounter {
 public:
  virtual ~FacetCounter() = default;
  // The columns loaded so far, and loading them ahead of the first query that needs them
  // (counters without columns hold none and load nothing).
  virtual LoadedColumns loaded() const { return {}; }
  virtual void load(const Xapian::Database& /*db*/, const LoadedColumns& /*columns*/) {}
  // Whether the counter has every column of `db` without reading its documents (a mapped
  // column file), so that counting a few matches costs no more than with the stock spy.
  virtual bool columns_mapped(const Xapian::Database& /*db*/) { return false; }
  // Counts the facets over every document that matches `query` in `db`.
  virtual FacetPass count(const Xapian::Database& db, const Xapian::Query& query, const FacetRequest& request) = 0;
  // count(), on two cores where the counter can, for a query with many matches (about
  // `matches_estimated`): `second` is another handle on the same revision of `db`, which
  // counts half of the matches in a thread of its own. The default counts on one.
  virtual FacetPass count_on_two(const Xapian::Database& db, const Xapian::Database& /*second*/,
                                 const Xapian::Query& query, const FacetRequest& request,
                                 Xapian::doccount /*matches_estimated*/) {
    return count(db, query, request);
  }
  // Counts, over every match, each pair of a value of `first` and a value of `second`
  // that an article holds together. Needs the in-memory columns: the default throws
  // QueryError (a remote shard cannot run a spy of newsdex's own).
  virtual PairPass count_pairs(const Xapian::Database& db, const Xapian::Query& query, Facet first, Facet second);
};

// Takes a facet's column the first time it is asked for and keeps it: from the column
// file newsdex-index wrote for `db`'s revision in the database directory `dir`, mapped
// (facet_columns.h), or else built from `db`'s value slots. Build one per database
// handle, and a new one when that handle is reopened on a newer revision.
class ColumnFacetCounter : public FacetCounter {
 public:
  // `dir`: the database's directory, "" when there is none to look in (the columns are built).
  explicit ColumnFacetCounter(std::string dir = {});
  ~ColumnFacetCounter() override;
  FacetPass count(const Xapian::Database& db, const Xapian::Query& query, const FacetRequest& request) override;
  // Splits the matches by document id when the request counts articles only (counting
  // stories needs every match's story in one place). Each half's matches come from the
  // posting lists when the query has a boolean form whose postings are at most
  // POSTINGS_PER_MATCH times the matches (match_bitmap.h), else from Xapian's matcher on
  // a copy of the query (Xapian's reference counts are not atomic: a query is never
  // shared between threads); a query with no copy is counted on one core.
  FacetPass count_on_two(const Xapian::Database& db, const Xapian::Database& second, const Xapian::Query& query,
                         const FacetRequest& request, Xapian::doccount matches_estimated) override;
  static constexpr std::uint64_t POSTINGS_PER_MATCH = 4;
  PairPass count_pairs(const Xapian::Database& db, const Xapian::Query& query, Facet first, Facet second) override;
  LoadedColumns loaded() const override;
  void load(const Xapian::Database& db, const LoadedColumns& columns) override;

  bool columns_mapped(const Xapian::Database& db) override;

 private:
  const FacetColumn& column(const Xapian::Database& db, ColumnKind kind);
  std::uint32_t story_id(std::string_view key) const;
  // count(), with `also` (if any) visiting the same matches.
  FacetPass count_with(const Xapian::Database& db, const Xapian::Query& query, const FacetRequest& request,
                       Xapian::MatchSpy* also);
  // The columns `request` counts, loaded or mapped.
  std::vector<const FacetColumn*> columns_of(const Xapian::Database& db, const FacetRequest& request);
  std::string dir_;
  bool file_tried_ = false;
  std::shared_ptr<const ColumnFile> file_;
  std::unordered_map<int, std::unique_ptr<FacetColumn>> columns_;  // by Facet; -1 the story column
  mutable std::unordered_map<std::string_view, std::uint32_t> story_ids_;  // of the story column, when asked
};

// Remembers which slots of `db` hold values: build one per database handle (asking a
// remote shard costs a round trip per slot). `remote`: some shard of `db` is remote.
class SlotFacetCounter : public FacetCounter {
 public:
  explicit SlotFacetCounter(bool remote = false) : remote_(remote) {}
  FacetPass count(const Xapian::Database& db, const Xapian::Query& query, const FacetRequest& request) override;

 private:
  bool slot_used(const Xapian::Database& db, unsigned slot);
  bool remote_;
  std::map<unsigned, bool> used_;
};

}  // namespace newsdex
