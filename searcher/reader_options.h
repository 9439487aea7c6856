// The options every program that reads a database declares alike (newsdex-search and
// newsdex-serve): which databases (--db, --timeout, --allow-partial) and the limits on a
// query's text (--max-query-terms, --max-query-bytes). Declared and checked once here, so
// that the two programs take the same values and refuse the same ones with the same words.
#pragma once

#include <string>

#include <boost/program_options.hpp>

#include "search_request.h"
#include "shard_set.h"

namespace newsdex {

// --db (repeatable), --timeout and --allow-partial into `db`.
void add_database_options(boost::program_options::options_description& group, DatabaseSpec& db);

// --max-query-terms and --max-query-bytes into `limits`.
void add_query_limit_options(boost::program_options::options_description& group, QueryLimits& limits);

// "" when the values make sense together, otherwise the usage error: --db is required,
// the timeout and the limits at least 1.
std::string check_reader_options(const DatabaseSpec& db, const QueryLimits& limits);

}  // namespace newsdex
