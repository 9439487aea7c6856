// Turns what the user typed into a Xapian::Query: every free-text part goes through the
// shared analysis chain (common/analysis/analyzer.h), then Xapian's QueryParser handles operators,
// phrases, NEAR, wildcards, brackets and the fields; field processors resolve person:
// (full name or surname), country: (code or a name in any language), lang: and date:.
// Articles are stemmed in their own language, so each stemmed word of a query becomes
// the group of its stems in every language searched (Xapian's OP_SYNONYM: BM25 weighs
// the group as one word, so no language's stems inflate a score). By default that is
// every language the database holds (its L terms); --language or a lang: field narrows it.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "analysis/analyzer.h"
#include "analysis/query_text.h"
#include "analysis/stem_cache.h"
#include "boolean_terms.h"
#include "search_request.h"

namespace newsdex {

// A query the user must fix: bad syntax, unknown field, bad date. Maps to exit code 2.
class QueryError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A wildcard (`econom*`) stands for its completions in the index, the most frequent
// first: at most WILDCARD_EXPANSION of them, and all of a query's wildcards together for
// at most MAX_WILDCARD_TERMS (the rarest completions of a very common prefix are what the
// bound drops, as Lucene's top-terms rewrite does). A query may hold at most
// MAX_WILDCARDS of them: each one scans the index's words that share its prefix.
// Unbounded, a query of many `s*` ran for minutes in gigabytes; bounded, it takes about a
// second (docs/limits.md, docs/measurements.md).
inline constexpr unsigned WILDCARD_EXPANSION = 1000;
inline constexpr unsigned MAX_WILDCARD_TERMS = 2000;
inline constexpr unsigned MAX_WILDCARDS = 100;

class QueryBuilder {
 public:
  // `db` is used for wildcard expansion, person names and spelling; `language` (ISO
  // 639-1) is the one language to stem in, or "" for every language `db` holds. Keeps a
  // reference to `db`: it must outlive the builder.
  // `shards` are db's sub-databases on their own (empty: db is one database), and
  // `any_remote` says whether one is remote: boolean terms need them (boolean_terms.h).
  QueryBuilder(const Xapian::Database& db, std::string_view language, std::vector<Xapian::Database> shards = {},
               bool any_remote = false);
  ~QueryBuilder();

  // Words are combined with AND (default) or OR when no operator joins them.
  void set_default_or(bool use_or);

  // The limits build() enforces (default: QueryLimits{}).
  void set_limits(const QueryLimits& limits) { limits_ = limits; }

  // Throws QueryError for a query that cannot be parsed, naming what and where (column,
  // 1-based, in characters of `query_text` as typed), and for one over the limits.
  // `languages` (ISO 639-1 codes, e.g. from --filter lang:de) narrow the stemming as a
  // lang: field in the query does; empty leaves it to the builder's languages. `tokens`,
  // if given, receives the query's tokens as analysed, for suggest_spelling().
  Xapian::Query build(std::string_view query_text, const std::vector<std::string>& languages = {},
                      std::vector<QueryToken>* tokens = nullptr);

  // A boolean filter from "FIELD:VALUE" (any query field), for --filter. Throws QueryError.
  Xapian::Query filter(std::string_view field_and_value);

  // The query with its words replaced by the spelling corrections the database knows,
  // or "" when there is none. `tokens` are those build() found in the same text.
  std::string suggest_spelling(std::string_view query_text, const std::vector<QueryToken>& tokens) const;

  // The query text after analysis, as QueryParser sees it (for --verbose and tests);
  // `words`, if given, receives how many words it holds (operators and fields not counted).
  std::string normalise(std::string_view query_text, std::size_t* words = nullptr,
                        std::vector<QueryToken>* tokens = nullptr);

  // The stemmer of the builder's first language, with a cache of the stems it has
  // computed: use it from this builder's thread only.
  const Xapian::Stem& stemmer() const { return stemmer_; }

  // The (cached) stemmer of a language code, for snippets of an article in that
  // language; stemmer() for "".
  const Xapian::Stem& stemmer(const std::string& language_code);

  // The languages the builder stems in by default (ISO 639-1 codes).
  const std::vector<std::string>& languages() const { return languages_; }

  struct FieldErrors;  // problems found by the field processors while parsing

 private:
  Xapian::Query parse(std::string_view original, const std::string& normalised, unsigned flags);
  // Shares MAX_WILDCARD_TERMS among the wildcards of the query about to be parsed.
  void bound_wildcards(std::string_view normalised);
  // `query` with each stemmed ("Z") term replaced by the group of the stems of the words
  // it came from, in each of `languages` (those the database holds).
  Xapian::Query stem_in(const Xapian::Query& query, const std::vector<std::string>& languages);

  const Xapian::Database& db_;
  Analyzer analyzer_;
  BooleanTerms terms_;
  std::vector<std::string> languages_;   // stemmed in by default
  StemmersByLanguage stemmers_;          // by language code, with caches
  Xapian::Stem stemmer_;                 // stemmers_ of languages_.front()
  std::vector<std::string> named_languages_;  // lang: fields of the query being parsed
  Xapian::QueryParser parser_;
  Xapian::SimpleStopper stopper_;
  std::unique_ptr<FieldErrors> errors_;
  bool default_or_ = false;
  QueryLimits limits_;
};

}  // namespace newsdex
