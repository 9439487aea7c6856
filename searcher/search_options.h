// The command line of newsdex-search.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "hit_fields.h"
#include "result_writer.h"
#include "search_request.h"
#include "shard_set.h"

namespace newsdex {

enum class ColourMode { AUTO, ALWAYS, NEVER };

struct SearchOptions {
  DatabaseSpec db;             // --db (repeatable), --timeout, --allow-partial
  SearchRequest request;       // the query, or the defaults of every batch query
  OutputFormat format = OutputFormat::TEXT;
  ColourMode colour = ColourMode::AUTO;
  std::string batch;           // batch file, "-" for standard input, "" for one query
  unsigned threads = 0;        // 0: all cores
  std::string timings;         // file for each batch query's search time, "" for none
  std::vector<std::string> show;  // --show: print these articles whole instead of searching
  std::vector<HitField> fields;   // --fields: what json, jsonl and csv hits carry (empty: default)
  std::string chart;              // --chart: SVG file of the timeline(s), "" for none
  std::string graph;              // --graph: co-occurrence network file (.dot, .graphml, .json)
};

// Parses the command line into `options`. Returns an exit code when the program should
// stop now (after --help, --version, or a usage error, which it reports on stderr).
std::optional<int> parse_search_options(int argc, const char* const* argv, SearchOptions& options);

// A half-life as "N", "Nd" (days), "Nw", "Nm" (30 days) or "Ny" (365 days), in days;
// nullopt when it is not one or not positive.
std::optional<double> parse_half_life(std::string_view text);

}  // namespace newsdex
