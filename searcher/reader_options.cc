#include "reader_options.h"

#include "cli/cli.h"

namespace po = boost::program_options;

namespace newsdex {

void add_database_options(po::options_description& group, DatabaseSpec& db) {
  group.add_options()
      ("db,d", po::value<std::vector<std::string>>(&db.databases)->value_name("DIR"),
       "database directory (required); repeat it, or give a sharded index directory or a stub file "
       "(lines \"auto PATH\", \"remote HOST:PORT\"), to search several shards as one database")
      ("timeout", cli::count_value(&db.timeout_ms, "timeout")->value_name("MS"),
       "remote shards: give up on one that does not connect or answer within MS milliseconds (default: 10000)")
      ("allow-partial", po::bool_switch(&db.allow_partial),
       "answer from the shards that respond; the missing ones are named on stderr and in each JSON answer");
}

void add_query_limit_options(po::options_description& group, QueryLimits& limits) {
  group.add_options()
      ("max-query-terms", cli::count_value(&limits.max_terms, "max-query-terms")->value_name("N"),
       ("refuse a query of more than N words, operators and field names not counted (default: " +
        std::to_string(DEFAULT_MAX_QUERY_TERMS) + ")").c_str())
      ("max-query-bytes", cli::count_value(&limits.max_bytes, "max-query-bytes")->value_name("N"),
       ("refuse a query longer than N bytes (default: " + std::to_string(DEFAULT_MAX_QUERY_BYTES) + ")").c_str());
}

std::string check_reader_options(const DatabaseSpec& db, const QueryLimits& limits) {
  if (db.databases.empty()) return "--db DIR is required";
  if (db.timeout_ms == 0) return "--timeout must be at least 1 (milliseconds)";
  if (limits.max_terms == 0) return "--max-query-terms must be at least 1";
  if (limits.max_bytes == 0) return "--max-query-bytes must be at least 1";
  return "";
}

}  // namespace newsdex
