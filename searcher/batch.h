// Batches: many queries read from a file, run on several threads (one Searcher, hence one
// Xapian::Database, per thread), their results written in input order.
#pragma once

#include <nlohmann/json.hpp>

#include <istream>
#include <ostream>
#include <string>
#include <vector>

#include "result_writer.h"
#include "searcher.h"

namespace newsdex {

struct BatchQuery {
  SearchRequest request;
  std::string error;  // why the line could not be read as a query ("" when it could)
};

// One query per line: "qid<TAB>query", or a JSON object {"qid", "query", "filters" (array
// of "FIELD:VALUE"), "facets" (array or "a,b"), "facet_limit", "limit", "offset", "since",
// "until", "sort", "like"}; a line with neither is a query whose qid is its line number.
// Blank lines are skipped. Whatever a line does not say comes from `defaults`.
std::vector<BatchQuery> read_batch(std::istream& in, const SearchRequest& defaults);

// The fields of one JSON batch query (the object above) applied to `request`; what the
// object does not name is left as it is. Throws std::invalid_argument naming the field
// ("limit: expected a whole number from 0 to 4294967295, not -1"). newsdex-serve reads
// its query parameters and request bodies through it, so both accept the same fields.
void read_request_fields(const nlohmann::json& object, SearchRequest& request);

struct BatchSummary {
  std::size_t queries = 0;
  std::size_t failed = 0;       // queries answered with an error record
  std::size_t failed_to_run = 0;  // of those, the ones the databases failed (not malformed)
  bool output_closed = false;   // the reader of our output went away; we stopped early
  std::vector<double> seconds;  // each query's search time (wall, seconds), in input order
};

// Runs the queries on `threads` threads against `databases`. Throws when they cannot be
// opened.
BatchSummary run_batch(const DatabaseSpec& databases, const std::vector<BatchQuery>& queries, unsigned threads,
                       ResultWriter& writer, std::ostream& out);

}  // namespace newsdex
