// The generations of one database directory: which database is current, how a new one
// becomes current, and how a directory is recovered after a crash. IndexWriter builds
// generations; this keeps them.
//
// The directory:
//   DIR/XAPIANDB        Xapian stub naming the current generation ("glass gen-000007");
//                       Xapian::Database(DIR) opens it like any database
//   DIR/gen-000007/     the current generation, a glass database
//   DIR/newsdex.lock    locked (flock) by the indexer running on DIR
//   DIR/staging/        part databases of the run in progress
// A plain glass database in DIR (written by older versions) is read as it is and
// converted to this layout at the first commit.
//
// Durability: the stub is replaced with rename(2) after the new generation is on disk
// (fsync), so after a crash (kill -9, power loss) the directory opens as the last
// committed generation; staging leftovers are removed by the next run, which indexes
// again what was not committed, replacing rather than duplicating. The stub is the only
// mark of which generation is committed, so a directory without one keeps all of them:
// each finished generation names itself in its metadata, and the newest gets a new stub.
// A write error (full disk) stops the run: nothing of a failed commit becomes current.
#pragma once

#include <string>

namespace newsdex {

class Generations {
 public:
  // Locks the directory `dir` (creating it if needed) and recovers it: a lost stub is
  // written again, leftovers of an interrupted run (generations never made current, a
  // half-written stub, staging) are removed, a new directory gets its first, empty
  // generation. Throws std::runtime_error naming the directory when another indexer
  // holds it or it is not a newsdex database.
  explicit Generations(std::string dir);
  // Removes the staging directory and unlocks.
  ~Generations();
  Generations(const Generations&) = delete;
  Generations& operator=(const Generations&) = delete;

  const std::string& dir() const { return dir_; }
  // The current database: DIR/gen-NNNNNN, or DIR itself for a plain glass database.
  std::string current_path() const;
  // Where the run's part databases go (emptied when the directory is opened and closed).
  std::string staging_path() const;
  // The next generation: its name ("gen-000008", which it records in its metadata) and
  // the path it is built at.
  std::string next_name() const;
  std::string next_path() const;
  // Makes the next generation current, once it is whole on disk (fsync'ed): the stub is
  // replaced atomically to name it, then the generation it replaced (or a plain glass
  // database's files) is removed.
  void advance();

 private:
  void recover();
  void recover_stub();
  void remove_legacy_files();
  void write_stub(const std::string& generation);

  std::string dir_;
  int lock_fd_ = -1;
  bool legacy_ = false;      // the current database is a plain glass database in dir_
  unsigned generation_ = 0;  // number of the current gen-NNNNNN (0: none / legacy)
};

}  // namespace newsdex
