// The one writer of a database directory. Articles are not written into the database
// one by one: analysis threads write them into small fresh part databases (PartWriter),
// and a commit merges the parts and the current database into a new generation with
// Xapian's compactor, then makes it current atomically. Xapian spends most of its
// indexing time in its in-memory inverter and in flushes that grow dearer as a database
// grows; small fresh parts merged once by compaction keep the cost per article constant.
//
// The directory and its generations, and what survives a crash: generations.h.
//
// Replacement by id: each article of a run gets a document id above every id the
// database held, in reading order (docid_base() + sequence number); parts keep those ids
// through compaction (DBCOMPACT_NO_RENUMBER). After the merge, an article id (Q term) held
// by several documents keeps only the highest document id, i.e. its last version read.
#pragma once

#include <algorithm>
#include <cstddef>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <xapian.h>

#include "generations.h"
#include "on_threads.h"

namespace newsdex {

struct WriteCounts {
  std::size_t added = 0;     // ids new to the database
  std::size_t replaced = 0;  // articles whose id the database (or this run) already had
  std::size_t deleted = 0;   // articles removed by --delete
  std::size_t not_found = 0; // ids given to --delete that the database did not hold
};

// A finished part database: its path, the document ids it holds (a contiguous range,
// first..last inclusive) and the article ids written into it, in order.
struct PartInfo {
  std::string path;
  Xapian::docid first = 0;
  Xapian::docid last = 0;
  std::vector<std::string> ids;
};

// Opens a finished part database for writing, calls write(db), then commits and closes
// it: for the changes a commit makes to its parts before merging them (story keys,
// people's names). After a write error (a full disk) the handle is closed before the
// error goes on: left to its destructor, it would try to write again, and a destructor
// may not throw.
template <typename Write>
void rewrite_part(const PartInfo& part, Write&& write) {
  Xapian::WritableDatabase db(part.path, Xapian::DB_OPEN | Xapian::DB_NO_SYNC);
  try {
    write(db);
    db.commit();
  } catch (...) {
    try {
      db.close();
    } catch (const Xapian::Error&) {
      // the first error is the one to report
    }
    throw;
  }
  db.close();
}

// The number of threads rewrite_parts() uses for `parts` parts: the machine's cores,
// which the commit otherwise leaves idle, at most one per part.
inline unsigned rewrite_threads(std::size_t parts) {
  return static_cast<unsigned>(std::clamp<std::size_t>(parts, 1, std::max(1u, std::thread::hardware_concurrency())));
}

// Rewrites the parts of `parts` whose indexes are `which`, each with rewrite_part, on
// rewrite_threads(which.size()) threads: write(thread, p, db), where `thread` tells
// which per-thread state (an Analyzer, say) to use.
template <typename Write>
void rewrite_parts(const std::vector<PartInfo>& parts, const std::vector<std::size_t>& which, Write&& write) {
  if (which.empty()) return;
  const unsigned threads = rewrite_threads(which.size());
  on_threads(threads, [&](unsigned thread) {
    for (std::size_t i = thread; i < which.size(); i += threads)
      rewrite_part(parts[which[i]], [&](Xapian::WritableDatabase& db) { write(thread, which[i], db); });
  });
}

// One part database, written by one analysis thread (not thread-safe). Documents must
// come in increasing document id order.
class PartWriter {
 public:
  explicit PartWriter(std::string path);
  // Writes `doc` (which carries its Q term) as document `docid`. Its unprefixed words
  // reach the spelling table (for Database::get_spelling_suggestion) when parts are merged.
  // When Xapian throws, it has dropped every document of the part written so far (a
  // WritableDatabase discards its uncommitted changes on error), not only this one: the
  // caller restart()s the part and writes the others again.
  void add(Xapian::docid docid, const std::string& article_id, const Xapian::Document& doc);
  // Empties the part, for writing its documents again after add() failed.
  void restart();
  std::size_t size() const { return info_.ids.size(); }
  const std::string& path() const { return info_.path; }
  // Flushes the part to disk (without fsync: parts are disposable) and closes it.
  PartInfo finish();

 private:
  Xapian::WritableDatabase db_;
  PartInfo info_;
};

struct CommitPeople;

class IndexWriter {
 public:
  // Opens (or creates) the database directory `dir`. Throws std::runtime_error with a
  // clear message when another indexer holds the lock ("database is locked by another
  // indexer") or the directory is not a newsdex database. Removes what an interrupted
  // run left behind. `commit_every` applies to write() only.
  explicit IndexWriter(const std::string& dir, std::size_t commit_every = 10000);
  ~IndexWriter();
  IndexWriter(const IndexWriter&) = delete;
  IndexWriter& operator=(const IndexWriter&) = delete;

  // The document id of the article with sequence number 0 is docid_base() + 1.
  Xapian::docid docid_base() const { return docid_base_; }

  // A fresh path for a part database (thread-safe).
  std::string new_part_path();
  // Stages a finished part for the next commit (thread-safe). Parts are committed in
  // document id order: a commit takes the parts that continue, without a gap, from the
  // last committed document id, so the database always holds a prefix of the run.
  void add_part(PartInfo part);
  // Stages the deletion of an article id, applied to what the database held before this
  // run (an article of this run with the same id is kept). Thread-safe.
  void remove(const std::string& article_id);
  // Articles in parts that the next commit will take (thread-safe).
  std::size_t committable_articles() const;
  // Articles the database held at its last commit (thread-safe).
  std::size_t committed_articles() const;

  // Merges everything staged into the database and makes it durable. Not concurrent with
  // itself; parts may be added meanwhile (they wait for the next commit). Parts much
  // smaller than the database are copied into it instead of compacting it all again.
  void commit();

  // Writes one document straight into the current database, replacing the article with
  // the same id term; committed every `commit_every` writes and by commit(). For small
  // programs and tests; a run that stages parts must not use it.
  void write(const std::string& id_term, const Xapian::Document& doc);

  // Totals of the commits so far.
  WriteCounts counts() const;
  const std::string& path() const { return dir_; }

 private:
  Xapian::WritableDatabase& direct();
  // `people` (null when the commit has no parts) corrects the archive's people in the
  // merged database (commit_people.h). Both return the articles the database then holds.
  Xapian::doccount merge_directly(const std::vector<PartInfo>& parts, const std::vector<std::string>& deletions,
                                  Xapian::docid old_last, CommitPeople* people, WriteCounts& delta);
  Xapian::doccount merge_by_compaction(const std::vector<PartInfo>& parts, const std::vector<std::string>& deletions,
                                       Xapian::docid old_last, CommitPeople* people, WriteCounts& delta);
  std::string current_path() const;

  Generations generations_;  // first: destroyed last, after the database is closed
  std::string dir_;
  Xapian::docid docid_base_ = 0;
  std::optional<Xapian::WritableDatabase> direct_;  // the current database, opened for writing
  std::size_t commit_every_;
  std::size_t pending_writes_ = 0;
  unsigned next_part_ = 0;

  mutable std::mutex mutex_;     // guards the staged state and counts
  std::map<Xapian::docid, PartInfo> parts_;  // by first document id
  Xapian::docid committed_through_ = 0;      // last document id of the run committed
  std::size_t committed_articles_ = 0;       // the database's document count at the last commit
  std::vector<std::string> deletions_;
  WriteCounts counts_;
};

}  // namespace newsdex
