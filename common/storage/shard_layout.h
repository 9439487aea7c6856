// How an index is split into shards and how a set of shards is described.
//
// A sharded index is a directory holding shard-0 .. shard-(N-1), each a complete
// newsdex database, and a Xapian stub file XAPIANDB listing them ("auto shard-K"), so
// that Xapian itself (and every Xapian tool) opens the directory as one database.
// Stub files may also name remote shards served by xapian-tcpsrv ("remote HOST:PORT").
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace newsdex {

// The name of the stub file inside a sharded index directory (Xapian's convention).
inline constexpr std::string_view STUB_FILE_NAME = "XAPIANDB";

// The shard (0 .. shard_count-1) that holds the article with this id: a stable hash
// (64-bit FNV-1a of the id's bytes) so that re-indexing or deleting an id always reaches
// the same shard, on any machine and in any release.
std::uint32_t shard_for(std::string_view article_id, std::uint32_t shard_count);

// The directory name of shard `index` inside a sharded index ("shard-3").
std::string shard_directory_name(std::uint32_t index);

// One database named by a stub file or on the command line.
struct ShardLocation {
  enum class Kind { LOCAL, REMOTE };
  Kind kind = Kind::LOCAL;
  std::string path;      // Local: the database directory (relative stub paths resolved)
  std::string host;      // Remote: host name or address
  unsigned port = 0;     // Remote: TCP port
  std::string origin;    // where it was named, for messages ("index/XAPIANDB:2")

  // "PATH" or "HOST:PORT", for messages.
  std::string describe() const;
};

// Reads a Xapian stub database file: lines "auto PATH" (also glass/chert), "remote
// HOST:PORT", blank lines and "#" comments. Relative paths are relative to the stub's
// directory, as Xapian resolves them. Throws std::runtime_error naming file and line for
// anything else (including Xapian's "remote :PROGRAM" form, which would run a program).
std::vector<ShardLocation> read_stub_file(const std::string& stub_path);

// Expands one --db argument into the databases to open one by one: a stub file gives
// its entries, a directory whose stub lists several databases (a sharded index) gives
// its shards, and any other directory is one database (a newsdex database's stub names
// its current generation: Xapian follows it). Entries that are themselves sets of
// databases are expanded in turn. Throws std::runtime_error when the path does not exist.
std::vector<ShardLocation> expand_database_argument(const std::string& argument);

}  // namespace newsdex
