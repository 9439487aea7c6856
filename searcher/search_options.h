// The command line of newsdex-search.
#pragma once

#include <optional>
#include <string>

#include "searcher.h"

namespace newsdex {

struct SearchOptions {
  std::string db;
  SearchRequest request;
};

// Parses the command line into `options`. Returns an exit code when the program should
// stop now (after --help, --version, or a usage error, which it reports on stderr).
std::optional<int> parse_search_options(int argc, const char* const* argv, SearchOptions& options);

}  // namespace newsdex
