// The command line of newsdex-serve.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include "query_builder.h"
#include "shard_set.h"

namespace newsdex {

// What one request may ask for. The query limits mean what newsdex-search's options of
// the same names mean; the others bound what a browser or a script can make one request
// cost.
struct ServeLimits {
  QueryLimits query;                 // --max-query-terms, --max-query-bytes
  std::size_t max_window = 10000;    // --max-window: offset + limit
  std::size_t max_facet_limit = 1000;  // --max-facet-limit: facet_limit, significant_terms
  double rate_per_client = 0;        // --rate-limit: requests per second per client address (0: none)
  std::size_t max_pending = 256;     // --max-pending: searches waiting for a searcher before 503
};

struct ServeOptions {
  DatabaseSpec db;                   // --db (repeatable), --timeout, --allow-partial
  std::string host = "127.0.0.1";    // --listen HOST:PORT
  int port = 8080;                   // 0: any free port (the one chosen is logged)
  unsigned searchers = 0;            // --threads: searchers, one database handle each (0: cores)
  unsigned connections = 128;        // --connections: connections served at once
  std::string token;                 // read from --token FILE; "" when none
  bool public_access = false;        // --public: a non-loopback address without a token
  std::string access_log;            // --access-log FILE ("-": stderr), "" for none
  std::size_t cache_entries = 1000;  // --cache N: responses kept, each for its database revision
  std::size_t cache_warm = 100;      // --cache-warm N: answers computed again after a commit
  unsigned refresh_ms = 500;         // --refresh MS: how often the pool looks for commits
  ServeLimits limits;
};

// Whether HOST names the loopback interface (127.0.0.0/8, ::1, localhost).
bool is_loopback(const std::string& host);

// Parses the command line into `options`. Returns an exit code when the program should
// stop now (after --help, --version, or a usage error, which it reports on stderr).
std::optional<int> parse_serve_options(int argc, const char* const* argv, ServeOptions& options);

}  // namespace newsdex
