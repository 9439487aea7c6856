// The document frequencies of a database's most frequent subject terms (subject_terms.h),
// kept in its metadata and written by the commit that makes them true, so that they are
// always exact for the revision that holds them. Significant terms needs the archive
// count of several hundred terms per query; read from the posting lists, a B-tree lookup
// each, they were half of its time, and most of them are among the commonest terms.
//
// A commit that compacts counts every subject term and keeps the FREQUENT_TERMS most
// frequent; one that adds to the database in place (a few articles) reads the counts of
// the terms already listed again. A database written before the table existed has none;
// its counts are read from the posting lists.
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include <xapian.h>

namespace newsdex {

// Enough terms to answer most of the archive counts significant terms reads, in a table
// small enough to read at every open (docs/measurements.md, Figures behind the code's limits).
inline constexpr std::size_t FREQUENT_TERMS = 8192;

// Writes the table of `db` (uncommitted; the caller's commit makes it true with the
// documents): `recount_only`, the counts of the terms it lists already (or of every
// subject term, when it lists none); otherwise every subject term is counted anew.
void write_frequent_terms(Xapian::WritableDatabase& db, bool recount_only);

// The table of one database: empty when it has none, or an unreadable one.
std::unordered_map<std::string, Xapian::doccount> read_frequent_terms(const Xapian::Database& single);

// The number of articles of an archive (one database or shards) that hold a term: from
// each shard's table, or its posting lists when its table does not list the term.
class ArchiveFrequencies {
 public:
  // `shards`: each shard on its own (a single database, local or remote).
  explicit ArchiveFrequencies(std::vector<Xapian::Database> shards);
  Xapian::doccount operator()(const std::string& term) const;

 private:
  std::vector<Xapian::Database> shards_;
  std::vector<std::unordered_map<std::string, Xapian::doccount>> tables_;
};

}  // namespace newsdex
