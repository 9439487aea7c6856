// Turns what the user typed into a Xapian::Query: every free-text part goes through the
// shared analysis chain (common/analyzer.h), then Xapian's QueryParser handles operators,
// phrases, wildcards and field prefixes on terms written the way the indexer wrote them.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

#include <xapian.h>

#include "analyzer.h"

namespace newsdex {

// A query the user must fix: bad syntax, unknown field, bad date. Maps to exit code 2.
class QueryError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class QueryBuilder {
 public:
  // `db` is used for wildcard expansion and spelling; `language` (ISO 639-1) picks the stemmer.
  QueryBuilder(const Xapian::Database& db, std::string_view language);

  // Throws QueryError for a query that cannot be parsed.
  Xapian::Query build(std::string_view query_text);

  // The query text after analysis, as QueryParser sees it (for --verbose and tests).
  std::string normalise(std::string_view query_text);

 private:
  Analyzer analyzer_;
  Xapian::QueryParser parser_;
  Xapian::SimpleStopper stopper_;
};

}  // namespace newsdex
