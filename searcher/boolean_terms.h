// How a boolean term (a filter: person, country, language, date, source, author) enters
// a query, around a bug in Xapian 1.4 (seen in 1.4.22, the version Debian 12 ships).
//
// The bug: when the matcher opens a term without needing its wdf (a filter, a term under
// OP_SCALE_WEIGHT 0, every term under BoolWeight) and the term indexes every document of
// a database, it reads the database's all-documents list in its place but names that list
// after the term. Once documents have been deleted (every replacement deletes the old
// version) the all-documents list is the document-length list, split into chunks at other
// document ids than the term's own list, and reading past its first chunk under the
// term's name fails: "DatabaseCorruptError: Unexpected end of posting list for 'Len'".
// The database itself is sound; xapian-check finds nothing.
//
// The way around it, here: a term that indexes every document becomes Xapian's MatchAll,
// which matches the same documents and reads the all-documents list under its own name.
// When the term indexes every document of one shard but not of all of them, MatchAll would
// be wrong; a posting source reads the term's own list instead (local shards only: a stock
// xapian-tcpsrv cannot run our posting source, so a remote shard keeps the plain term).
// Weighted terms are kept off the faulty path by the facet counter's weighting scheme,
// which asks for the wdf (facet_counter.cc). tests/xapian_bug_test.cc keeps the bare
// reproduction: when a Xapian release fixes it, that test says so.
#pragma once

#include <string>
#include <vector>

#include <xapian.h>

namespace newsdex {

class BooleanTerms {
 public:
  // `db` is the database queries run on; `shards` its sub-databases, each on its own
  // (empty when `db` is one database). Keeps a reference to `db`: it must outlive this.
  BooleanTerms(const Xapian::Database& db, std::vector<Xapian::Database> shards, bool any_remote);

  // A query matching exactly the documents indexed by `term`, safe to use unweighted.
  Xapian::Query term(const std::string& term) const;

 private:
  const Xapian::Database& db_;
  std::vector<Xapian::Database> shards_;
  bool any_remote_;
};

}  // namespace newsdex
