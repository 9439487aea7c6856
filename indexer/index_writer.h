// The one writer of a database: replaces articles by id (so indexing an id again never
// duplicates it), deletes by id, commits in batches, and records the schema version.
#pragma once

#include <cstddef>
#include <string>

#include <xapian.h>

namespace newsdex {

struct WriteCounts {
  std::size_t added = 0;
  std::size_t replaced = 0;
  std::size_t deleted = 0;
};

class IndexWriter {
 public:
  // Opens (or creates) the database at `path`. Throws std::runtime_error with a clear
  // message when another indexer holds the lock or the database is not a newsdex one.
  IndexWriter(const std::string& path, std::size_t commit_every);

  // Adds the document, replacing any article with the same id term.
  void write(const std::string& id_term, const Xapian::Document& doc);
  // Deletes the article with this id term; returns false when there was none.
  bool remove(const std::string& id_term);
  // Makes everything written so far durable.
  void commit();

  const WriteCounts& counts() const { return counts_; }

 private:
  void maybe_commit();

  Xapian::WritableDatabase db_;
  std::size_t commit_every_;
  std::size_t pending_ = 0;
  WriteCounts counts_;
};

}  // namespace newsdex
