// The command line of newsdex-index.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "indexing_pipeline.h"

namespace newsdex {

struct IndexOptions {
  std::string db;
  std::vector<std::string> inputs;
  std::vector<std::string> deletions;  // --delete: article ids to remove
  bool strict = false;
  unsigned shards = 0;                 // --shards: 0 keeps what DIR holds (sharded_index.h)
  std::vector<std::string> reshard;    // --reshard: databases to copy into DIR, re-routed
  PipelineOptions pipeline;
};

// Parses the command line into `options`. Returns an exit code when the program should
// stop now (after --help, --version, or a usage error, which it reports on stderr).
std::optional<int> parse_index_options(int argc, const char* const* argv, IndexOptions& options);

// "16M", "512k", "1G", "1000" -> bytes; nullopt when not a size.
std::optional<std::size_t> parse_byte_size(const std::string& text);

}  // namespace newsdex
