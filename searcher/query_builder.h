// Turns what the user typed into a Xapian::Query: every free-text part goes through the
// shared analysis chain (common/analyzer.h), then Xapian's QueryParser handles operators,
// phrases, NEAR, wildcards, brackets and the fields; field processors resolve person:
// (full name or surname), country: (code or a name in any language), lang: and date:.
#pragma once

#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "analyzer.h"

namespace newsdex {

// A query the user must fix: bad syntax, unknown field, bad date. Maps to exit code 2.
class QueryError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The fields a query (and --filter) may name, for messages and --help.
inline constexpr std::string_view QUERY_FIELDS = "title, person, country, author, source, lang, date";

// A first and last publication day as "YYYYMMDD" (inclusive), parsed from "YYYY",
// "YYYY-MM" or "YYYY-MM-DD" (also without hyphens). nullopt when the text is not a date.
struct DayRange {
  std::string first;
  std::string last;
};
std::optional<DayRange> parse_day_range(std::string_view text);

class QueryBuilder {
 public:
  // `db` is used for wildcard expansion, person names and spelling; `language` (ISO
  // 639-1) picks the stemmer. Keeps a reference to `db`: it must outlive the builder.
  QueryBuilder(const Xapian::Database& db, std::string_view language);
  ~QueryBuilder();

  // Words are combined with AND (default) or OR when no operator joins them.
  void set_default_or(bool use_or);

  // Throws QueryError for a query that cannot be parsed, naming what and where (column,
  // 1-based, in characters of `query_text` as typed).
  Xapian::Query build(std::string_view query_text);

  // A boolean filter from "FIELD:VALUE" (any query field), for --filter. Throws QueryError.
  Xapian::Query filter(std::string_view field_and_value);

  // The query with its words replaced by the spelling corrections the database knows,
  // or "" when there is none.
  std::string suggest_spelling(std::string_view query_text);

  // The query text after analysis, as QueryParser sees it (for --verbose and tests).
  std::string normalise(std::string_view query_text);

  // The stemmer used for the query's language (snippets highlight stemmed matches).
  const Xapian::Stem& stemmer() const { return stemmer_; }

  struct FieldErrors;  // problems found by the field processors while parsing

 private:
  Xapian::Query parse(std::string_view original, const std::string& normalised, unsigned flags);

  Analyzer analyzer_;
  Xapian::Stem stemmer_;
  Xapian::QueryParser parser_;
  Xapian::SimpleStopper stopper_;
  std::unique_ptr<FieldErrors> errors_;
  bool default_or_ = false;
};

}  // namespace newsdex
