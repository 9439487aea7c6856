#include "query_builder.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "core/ascii_text.h"
#include "entities/country_table.h"
#include "core/date_parser.h"
#include "analysis/language.h"
#include "analysis/query_text.h"
#include "core/schema.h"
#include "analysis/stem_cache.h"

namespace newsdex {

// What a field processor could not understand. QueryParser is not told (a processor
// that throws leaves the parser mid-parse), so the builder reports it after parsing.
struct QueryBuilder::FieldErrors {
  std::string field;
  std::string value;
  std::string message;
  void record(std::string_view f, std::string_view v, std::string m) {
    if (!message.empty()) return;  // the first problem is the one to fix first
    field = f;
    value = v;
    message = std::move(m);
  }
};

namespace {

using FieldErrors = QueryBuilder::FieldErrors;

// The columns in messages count characters, not bytes: what a user sees on screen.
std::size_t column_of(std::string_view text, std::size_t byte_offset) {
  std::size_t column = 1;
  for (std::size_t i = 0; i < byte_offset && i < text.size(); ++i)
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++column;
  return column;
}

struct Field {
  std::string_view name;
  std::string_view prefix;
};
// Fields whose value is the term after the prefix (values are folded by our analysis).
constexpr std::array<Field, 2> PREFIX_FIELDS = {{
    {"author", schema::PREFIX_AUTHOR},
    {"source", schema::PREFIX_SOURCE},
}};
constexpr std::array<std::string_view, 8> FIELD_NAMES = {"title",  "author", "person", "country",
                                                         "region", "source", "lang",   "date"};

bool is_field_name(std::string_view word) {
  return std::find(FIELD_NAMES.begin(), FIELD_NAMES.end(), word) != FIELD_NAMES.end();
}

bool is_ascii_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }

// QueryParser quietly reinterprets unbalanced quotes and brackets; a user who typed
// them almost always meant something else, so say so and where.
void check_balance(std::string_view text) {
  std::size_t open_quote = 0;
  bool in_quote = false;
  std::vector<std::size_t> brackets;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '"') {
      in_quote = !in_quote;
      open_quote = i;
    } else if (!in_quote && c == '(') {
      brackets.push_back(i);
    } else if (!in_quote && c == ')') {
      if (brackets.empty())
        throw QueryError(fmt::format("unbalanced ')' at column {}: no '(' before it", column_of(text, i)));
      brackets.pop_back();
    }
  }
  if (in_quote)
    throw QueryError(
        fmt::format("unbalanced '\"' at column {}: the phrase is never closed", column_of(text, open_quote)));
  if (!brackets.empty())
    throw QueryError(fmt::format("unbalanced '(' at column {}: never closed", column_of(text, brackets.back())));
}

// "word:value" outside quotes where `word` is no field would otherwise be searched as
// plain words; a typo in a field name deserves a message instead.
void check_fields(std::string_view text) {
  bool in_quote = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '"') in_quote = !in_quote;
    if (in_quote || !is_ascii_letter(text[i])) continue;
    if (i > 0 && std::string_view(" (+-").find(text[i - 1]) == std::string_view::npos) {
      while (i + 1 < text.size() && is_ascii_letter(text[i + 1])) ++i;
      continue;
    }
    std::size_t end = i;
    while (end < text.size() && is_ascii_letter(text[end])) ++end;
    if (end + 1 < text.size() && text[end] == ':' && text[end + 1] != ' ') {
      std::string name(text.substr(i, end - i));
      if (!is_field_name(lower_ascii(name)))
        throw QueryError(fmt::format("unknown field '{}:' at column {} (fields: {})", name, column_of(text, i),
                                     QUERY_FIELDS));
    }
    i = end;
  }
}

// "date:" values: a year, month or day as a term; "A..B" (either end may be left open,
// each end a year, month or day) as a range over the date slot.
class DateField : public Xapian::FieldProcessor {
 public:
  DateField(FieldErrors& errors, const BooleanTerms& terms) : errors_(errors), terms_(terms) {}

  Xapian::Query operator()(const std::string& value) override {
    if (const auto dots = value.find(".."); dots != std::string::npos) {
      const std::string from = value.substr(0, dots), to = value.substr(dots + 2);
      std::optional<DayRange> first, last;
      if (!from.empty() && !(first = parse_day_range(from))) return bad(value, from);
      if (!to.empty() && !(last = parse_day_range(to))) return bad(value, to);
      if (!first && !last) return bad(value, value);
      if (!first) return Xapian::Query(Xapian::Query::OP_VALUE_LE, schema::SLOT_DATE, last->last);
      if (!last) return Xapian::Query(Xapian::Query::OP_VALUE_GE, schema::SLOT_DATE, first->first);
      if (first->first > last->last) {
        errors_.record("date", value, fmt::format("date range '{}' ends before it begins", value));
        return Xapian::Query::MatchNothing;
      }
      return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, schema::SLOT_DATE, first->first, last->last);
    }
    const auto range = parse_day_range(value);
    if (!range) return bad(value, value);
    std::string digits;
    for (char c : value)
      if (c != '-') digits += c;
    const std::string_view prefix = digits.size() == 4   ? schema::PREFIX_YEAR
                                    : digits.size() == 6 ? schema::PREFIX_MONTH
                                                         : schema::PREFIX_DAY;
    return terms_.term(std::string(prefix) + digits);
  }

 private:
  Xapian::Query bad(const std::string& value, const std::string& part) {
    errors_.record("date", value,
                   fmt::format("bad date '{}' (use YYYY, YYYY-MM, YYYY-MM-DD or FROM..TO)", part));
    return Xapian::Query::MatchNothing;
  }
  FieldErrors& errors_;
  const BooleanTerms& terms_;
};

// "author:" and "source:": the prefix and the value, as one term.
class PrefixField : public Xapian::FieldProcessor {
 public:
  PrefixField(std::string_view prefix, const BooleanTerms& terms) : prefix_(prefix), terms_(terms) {}
  Xapian::Query operator()(const std::string& value) override { return terms_.term(prefix_ + value); }

 private:
  std::string prefix_;
  const BooleanTerms& terms_;
};

// "country:" accepts a code, an English name or adjective, or a name in another language;
// "region:" an ISO 3166-2 code ("GB-SCT"), or a region's name, adjective, abbreviation or
// label ("Scotland", "Scottish", "Calif."). Both look the value up in the country table.
class PlaceField : public Xapian::FieldProcessor {
 public:
  using Lookup = std::optional<std::string> (CountryTable::*)(std::string_view) const;
  using Term = std::string (*)(std::string_view);
  PlaceField(std::string field, Lookup lookup, Term term, FieldErrors& errors, const BooleanTerms& terms)
      : field_(std::move(field)), lookup_(lookup), term_(term), errors_(errors), terms_(terms) {}
  Xapian::Query operator()(const std::string& value) override {
    const auto code = (CountryTable::instance().*lookup_)(value);
    if (!code) {
      errors_.record(field_, value, fmt::format("unknown {} '{}'", field_, value));
      return Xapian::Query::MatchNothing;
    }
    return terms_.term(term_(*code));
  }

 private:
  std::string field_;
  Lookup lookup_;
  Term term_;
  FieldErrors& errors_;
  const BooleanTerms& terms_;
};

// "lang:" accepts an ISO 639-1 code or an English language name. The languages named
// are noted: the query's words are then stemmed in those languages only.
class LanguageField : public Xapian::FieldProcessor {
 public:
  LanguageField(FieldErrors& errors, const BooleanTerms& terms, std::vector<std::string>& named)
      : errors_(errors), terms_(terms), named_(named) {}
  Xapian::Query operator()(const std::string& value) override {
    const std::string code = language_code(value);
    if (code.empty()) {
      errors_.record("lang", value, fmt::format("unknown language '{}'", value));
      return Xapian::Query::MatchNothing;
    }
    named_.push_back(code);
    return terms_.term(std::string(schema::PREFIX_LANGUAGE) + code);
  }

 private:
  FieldErrors& errors_;
  const BooleanTerms& terms_;
  std::vector<std::string>& named_;
};

// "person:" finds the people the index knows by full name or by surname (the last word
// of their canonical name): person:lukashenko matches "XPalexander lukashenko".
class PersonField : public Xapian::FieldProcessor {
 public:
  PersonField(const Xapian::Database& db, const BooleanTerms& terms) : db_(db), terms_(terms) {}
  Xapian::Query operator()(const std::string& value) override {
    const std::string prefix(schema::PREFIX_PERSON);
    const std::string exact = prefix + value;
    std::vector<Xapian::Query> matches;
    const std::string suffix = " " + value;
    for (auto it = db_.allterms_begin(prefix); it != db_.allterms_end(prefix); ++it) {
      const std::string& term = *it;
      if (term == exact || (term.size() > suffix.size() + prefix.size() &&
                            term.compare(term.size() - suffix.size(), suffix.size(), suffix) == 0))
        matches.push_back(terms_.term(term));
    }
    if (matches.empty()) return Xapian::Query(exact);  // matches nothing, says what was asked
    return Xapian::Query(Xapian::Query::OP_OR, matches.begin(), matches.end());
  }

 private:
  const Xapian::Database& db_;
  const BooleanTerms& terms_;
};

}  // namespace


namespace {

// The languages of the database's articles: its L terms (one per language, so cheap).
// English first when it is there: the language whose stems QueryParser makes itself.
std::vector<std::string> languages_held(const Xapian::Database& db) {
  std::vector<std::string> codes;
  const std::string prefix(schema::PREFIX_LANGUAGE);
  for (auto it = db.allterms_begin(prefix); it != db.allterms_end(prefix); ++it) {
    std::string code = (*it).substr(prefix.size());
    if (code == DEFAULT_LANGUAGE) codes.insert(codes.begin(), std::move(code));
    else codes.push_back(std::move(code));
  }
  return codes;
}

// The query operators whose meaning is their subqueries alone (no window, factor or
// slot), which stem_in() may therefore rebuild with new subqueries.
bool rebuildable(Xapian::Query::op op) {
  switch (op) {
    case Xapian::Query::OP_AND:
    case Xapian::Query::OP_OR:
    case Xapian::Query::OP_AND_NOT:
    case Xapian::Query::OP_XOR:
    case Xapian::Query::OP_AND_MAYBE:
    case Xapian::Query::OP_FILTER:
    case Xapian::Query::OP_SYNONYM:
    case Xapian::Query::OP_MAX:
      return true;
    default:
      return false;
  }
}

bool is_stem_term(const std::string& term) { return term.size() > 1 && term[0] == schema::PREFIX_STEM[0]; }

bool holds_stem_term(const Xapian::Query& query) {
  for (auto it = query.get_unique_terms_begin(); it != query.get_unique_terms_end(); ++it)
    if (is_stem_term(*it)) return true;
  return false;
}

}  // namespace

QueryBuilder::QueryBuilder(const Xapian::Database& db, std::string_view language,
                           std::vector<Xapian::Database> shards, bool any_remote)
    : db_(db), terms_(db, std::move(shards), any_remote), errors_(std::make_unique<FieldErrors>()) {
  if (!language.empty()) languages_.emplace_back(language);
  else languages_ = languages_held(db);
  if (languages_.empty()) languages_.emplace_back(DEFAULT_LANGUAGE);
  stemmer_ = stemmer(languages_.front());
  for (const auto& word : stop_words()) stopper_.add(word);
  parser_.set_database(db);
  parser_.set_stemmer(stemmer_);
  parser_.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
  parser_.set_stopper(&stopper_);
  parser_.set_default_op(Xapian::Query::OP_AND);
  parser_.add_prefix("title", std::string(schema::PREFIX_TITLE));
  // Every boolean term is made by a field processor, through terms_ (boolean_terms.h).
  for (const auto& field : PREFIX_FIELDS)
    parser_.add_boolean_prefix(std::string(field.name), (new PrefixField(field.prefix, terms_))->release());
  // Title matches rank above body matches through the title's extra wdf (TermWriter).
  // Searching the S-prefixed title terms as well was measured and rejected: it ranked
  // worse (docs/measurements.md, Ranking quality).
  // QueryParser owns processors handed over with release() and frees them with itself.
  parser_.add_boolean_prefix("person", (new PersonField(db, terms_))->release());
  parser_.add_boolean_prefix(
      "country", (new PlaceField("country", &CountryTable::code_for, schema::country_term, *errors_, terms_))->release());
  parser_.add_boolean_prefix(
      "region", (new PlaceField("region", &CountryTable::region_for, schema::region_term, *errors_, terms_))->release());
  parser_.add_boolean_prefix("lang", (new LanguageField(*errors_, terms_, named_languages_))->release());
  parser_.add_boolean_prefix("date", (new DateField(*errors_, terms_))->release());
}

QueryBuilder::~QueryBuilder() = default;

const Xapian::Stem& QueryBuilder::stemmer(const std::string& language_code) {
  return language_code.empty() ? stemmer_ : stemmers_(language_code);
}

void QueryBuilder::set_default_or(bool use_or) {
  default_or_ = use_or;
  parser_.set_default_op(use_or ? Xapian::Query::OP_OR : Xapian::Query::OP_AND);
}

std::string QueryBuilder::normalise(std::string_view text, std::size_t* words, std::vector<QueryToken>* tokens) {
  return normalise_query_text(analyzer_, text, is_field_name, words, tokens);
}

Xapian::Query QueryBuilder::parse(std::string_view original, const std::string& normalised, unsigned flags) {
  *errors_ = FieldErrors{};
  named_languages_.clear();
  Xapian::Query query;
  try {
    query = parser_.parse_query(normalised, flags);
  } catch (const Xapian::QueryParserError& e) {
    throw QueryError(std::string("cannot parse query: ") + e.get_msg());
  }
  if (!errors_->message.empty()) {
    // Point at the field as typed: the first "field:" in the original text.
    const auto at = original.find(errors_->field + ":");
    if (at == std::string_view::npos) throw QueryError(errors_->message);
    throw QueryError(fmt::format("{} at column {}", errors_->message, column_of(original, at)));
  }
  return query;
}

Xapian::Query QueryBuilder::build(std::string_view query_text, const std::vector<std::string>& languages,
                                  std::vector<QueryToken>* tokens) {
  // The length first: everything after it, the word count too, is linear in it.
  if (query_text.size() > limits_.max_bytes)
    throw QueryError(fmt::format("the query is {} bytes long; at most {} are allowed (--max-query-bytes N raises the limit)",
                                 query_text.size(), limits_.max_bytes));
  check_balance(query_text);
  check_fields(query_text);
  std::size_t words = 0;
  const std::string normalised = normalise(query_text, &words, tokens);
  if (words > limits_.max_terms)
    throw QueryError(fmt::format("the query has {} words; at most {} are allowed (--max-query-terms N raises the limit)",
                                 words, limits_.max_terms));
  bound_wildcards(normalised);
  constexpr unsigned FLAGS = Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_WILDCARD |
                             Xapian::QueryParser::FLAG_PURE_NOT;
  Xapian::Query query = parse(query_text, normalised, FLAGS);
  // The languages to stem in: those the query names (lang:), else those the caller
  // names, else the builder's. QueryParser stemmed in the first of the builder's.
  std::vector<std::string> stem_languages = !named_languages_.empty() ? named_languages_
                                            : !languages.empty()      ? languages
                                                                      : languages_;
  std::sort(stem_languages.begin(), stem_languages.end());
  stem_languages.erase(std::unique(stem_languages.begin(), stem_languages.end()), stem_languages.end());
  if (stem_languages.size() == 1 && stem_languages.front() == languages_.front()) return query;
  return stem_in(query, stem_languages);
}

Xapian::Query QueryBuilder::stem_in(const Xapian::Query& query, const std::vector<std::string>& languages) {
  const auto type = query.get_type();
  if (type == Xapian::Query::LEAF_TERM) {
    const std::string term = *query.get_terms_begin();
    if (!is_stem_term(term)) return query;
    // "Z", then the field's prefix (upper case, as every prefix is), then the stem.
    std::size_t stem_at = 1;
    while (stem_at < term.size() && term[stem_at] >= 'A' && term[stem_at] <= 'Z') ++stem_at;
    const std::string prefix = term.substr(0, stem_at);
    std::vector<std::string> group;
    for (auto word = parser_.unstem_begin(term); word != parser_.unstem_end(term); ++word)
      for (const auto& language : languages) {
        std::string stemmed = prefix + stemmer(language)(*word);
        if (std::find(group.begin(), group.end(), stemmed) == group.end()) group.push_back(std::move(stemmed));
      }
    if (group.empty()) return query;
    // Stems no article has cost a posting-list lookup each and find nothing.
    if (group.size() > 1) {
      std::vector<std::string> held;
      for (auto& stemmed : group)
        if (db_.get_termfreq(stemmed) > 0) held.push_back(std::move(stemmed));
      if (!held.empty()) group = std::move(held);
      else group.resize(1);
    }
    if (group.size() == 1) return group.front() == term ? query : Xapian::Query(group.front());
    std::vector<Xapian::Query> stems(group.begin(), group.end());
    return Xapian::Query(Xapian::Query::OP_SYNONYM, stems.begin(), stems.end());
  }
  if (!rebuildable(type) || !holds_stem_term(query)) return query;
  std::vector<Xapian::Query> parts;
  for (std::size_t i = 0; i < query.get_num_subqueries(); ++i) parts.push_back(stem_in(query.get_subquery(i), languages));
  return Xapian::Query(type, parts.begin(), parts.end());
}

void QueryBuilder::bound_wildcards(std::string_view normalised) {
  // A '*' that ends a word is a wildcard; one elsewhere is punctuation the parser drops.
  unsigned wildcards = 0;
  for (std::size_t i = 1; i < normalised.size(); ++i)
    if (normalised[i] == '*' && normalised[i - 1] != ' ' && normalised[i - 1] != '*') ++wildcards;
  if (wildcards > MAX_WILDCARDS)
    throw QueryError(fmt::format("the query has {} wildcards; at most {} are allowed", wildcards, MAX_WILDCARDS));
  const unsigned each = wildcards == 0 ? WILDCARD_EXPANSION
                                       : std::clamp(MAX_WILDCARD_TERMS / wildcards, 1u, WILDCARD_EXPANSION);
  parser_.set_max_expansion(each, Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT);
}

Xapian::Query QueryBuilder::filter(std::string_view field_and_value) {
  const auto colon = field_and_value.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon + 1 == field_and_value.size())
    throw QueryError(fmt::format("bad filter '{}': expected FIELD:VALUE", field_and_value));
  const std::string field(field_and_value.substr(0, colon));
  if (!is_field_name(field))
    throw QueryError(fmt::format("bad filter '{}': unknown field '{}' (fields: {})", field_and_value, field,
                                 QUERY_FIELDS));
  // Quote the value so a filter value with spaces stays one value.
  std::string value(field_and_value.substr(colon + 1));
  value.erase(std::remove(value.begin(), value.end(), '"'), value.end());
  const std::string text = field + ":\"" + value + "\"";
  Xapian::Query query = parse(text, normalise(text), Xapian::QueryParser::FLAG_PHRASE);
  // A filter narrows without adding weight, whatever the field.
  return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, query, 0.0);
}

namespace {

// Where the value of a field that starts at `at` ends: after its closing quote, or at the
// first space or closing bracket. The value is copied as typed, never corrected.
std::size_t field_value_end_after(std::string_view text, std::size_t at) {
  if (at < text.size() && text[at] == '"') {
    const auto close = text.find('"', at + 1);
    return close == std::string_view::npos ? text.size() : close + 1;
  }
  while (at < text.size() && !std::isspace(static_cast<unsigned char>(text[at])) && text[at] != ')') ++at;
  return at;
}

// The correction written the way the word was typed: "INTERST" -> "INTEREST",
// "Lukashenkp" -> "Lukashenko". Only ASCII letters change case.
std::string in_case_of(std::string_view typed, std::string correction) {
  const auto upper = [](char c) { return std::isupper(static_cast<unsigned char>(c)) != 0; };
  const auto lower = [](char c) { return std::islower(static_cast<unsigned char>(c)) != 0; };
  const bool all_upper = std::any_of(typed.begin(), typed.end(), upper) && std::none_of(typed.begin(), typed.end(), lower);
  if (all_upper && typed.size() > 1) {
    for (char& c : correction) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  } else if (!typed.empty() && upper(typed.front()) && !correction.empty()) {
    correction.front() = static_cast<char>(std::toupper(static_cast<unsigned char>(correction.front())));
  }
  return correction;
}

}  // namespace

std::string QueryBuilder::suggest_spelling(std::string_view query_text, const std::vector<QueryToken>& tokens) const {
  // Each word the index does not hold is replaced by the spelling table's correction, in
  // the query as typed: operators, quotes, field names and values, wildcards and the
  // words the index knows stay as they were (QueryParser's own correction rewrote the
  // analysed query, so "interst rates" came back as "interest rate", lower case).
  std::string out;
  bool changed = false;
  std::size_t copied = 0;           // bytes of query_text already in `out`
  std::size_t field_value_end = 0;  // a field's value, copied as typed, ends here
  for (const auto& token : tokens) {
    if (token.kind == QueryToken::Kind::FIELD) {
      field_value_end = field_value_end_after(query_text, token.end + 1);
      continue;
    }
    const bool wildcard = token.end < query_text.size() && query_text[token.end] == '*';
    if (token.kind != QueryToken::Kind::WORD || token.begin < field_value_end || wildcard) continue;
    // A word the index holds can still be a typo when nothing matched: archives hold
    // misspellings too ("compnay" is in Reuters-21578), so a word ten times rarer than
    // its correction is corrected.
    const Xapian::doccount have = db_.get_termfreq(token.term);
    const std::string correction = db_.get_spelling_suggestion(token.term);
    if (correction.empty() || correction == token.term ||
        (have != 0 && std::uint64_t{have} * 10 >= db_.get_termfreq(correction)))
      continue;
    const std::string_view typed = query_text.substr(token.begin, token.end - token.begin);
    out.append(query_text.substr(copied, token.begin - copied)).append(in_case_of(typed, correction));
    copied = token.end;
    changed = true;
  }
  if (!changed) return std::string();
  out.append(query_text.substr(copied));
  return out;
}

}  // namespace newsdex
