// The databases one search runs against: one database, or shards of one index (local
// directories and remote shards served by xapian-tcpsrv), combined into one
// Xapian::Database with several sub-databases. Xapian's matcher then ranks with global
// statistics (document count, lengths, term frequencies summed over every shard), so
// hits, order and scores are those of one database holding the same articles.
#pragma once

#include <chrono>
#include <map>
#include <string>
#include <vector>

#include <xapian.h>

#include "storage/shard_layout.h"

namespace newsdex {

// What --db, --timeout and --allow-partial ask for.
struct DatabaseSpec {
  DatabaseSpec() = default;
  // One database (or sharded index, or stub file), with the default timeout.
  DatabaseSpec(std::string path) : databases{std::move(path)} {}  // NOLINT: implicit on purpose
  DatabaseSpec(const char* path) : databases{path} {}             // NOLINT

  std::vector<std::string> databases;  // --db arguments: directories and stub files
  unsigned timeout_ms = 10000;         // remote shards: connecting, and each exchange after
  bool allow_partial = false;          // answer from the shards that respond

  // "a.db" or "a.db, shards.stub", for messages.
  std::string describe() const;
};

struct ShardSet {
  Xapian::Database db;                 // every shard that answered, in the order named
  std::vector<ShardLocation> shards;   // those shards
  std::vector<Xapian::Database> handles;  // each of them on its own (sharing db's state)
  std::vector<ShardLocation> missing;  // allow_partial: shards that did not answer
  bool remote = false;                 // some shard is remote: only Xapian's own spies and
                                       // posting sources can run on it
  // missing, as "HOST:PORT" or paths.
  std::vector<std::string> missing_names() const;
};

// Remote shards that failed to open (no answer within the timeout, unreachable), kept by
// a searcher across the queries of a batch: until its back-off ends, a shard that is down
// is not asked again, so that one hung shard costs one timeout, not one per query. The
// back-off starts at a second and doubles at each new failure, up to a minute.
struct ShardHealth {
  using Clock = std::chrono::steady_clock;
  struct Down {
    Clock::time_point retry_at;
    std::chrono::milliseconds backoff{0};
    std::string why;
  };
  std::map<std::string, Down> down;  // by shard name (HOST:PORT)

  // Some shard's back-off has ended: opening the set again may bring it back.
  bool retry_due() const;
};

// Opens every database `spec` names, in parallel, remote ones with
// Xapian::Remote::open(host, port, timeout, timeout). Each shard's schema version is
// checked; one of another version is refused (std::runtime_error naming it and both
// versions), whatever allow_partial says. A shard that is down or does not answer within
// the timeout is an error naming it, or with allow_partial a warning on stderr (once per
// shard and process) and an entry in `missing`; if no shard answers it is an error.
// With `health`, shards it holds as down are not asked until their back-off ends, and
// remote shards that fail are recorded there.
ShardSet open_shard_set(const DatabaseSpec& spec, ShardHealth* health = nullptr);

}  // namespace newsdex
