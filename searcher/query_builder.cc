#include "query_builder.h"

#include <array>
#include <vector>

#include <fmt/format.h>

#include "language.h"
#include "query_text.h"
#include "schema.h"

namespace newsdex {
namespace {

struct Field {
  std::string_view name;
  std::string_view prefix;
  bool boolean;
};

// Query fields and the schema prefixes they search.
constexpr std::array<Field, 6> kFields = {{
    {"title", schema::PREFIX_TITLE, false},
    {"author", schema::PREFIX_AUTHOR, true},
    {"person", schema::PREFIX_PERSON, true},
    {"country", schema::PREFIX_COUNTRY, true},
    {"source", schema::PREFIX_SOURCE, true},
    {"lang", schema::PREFIX_LANGUAGE, true},
}};

bool is_field_name(std::string_view word) {
  for (const auto& field : kFields)
    if (word == field.name) return true;
  return word == "date";
}

// QueryParser quietly reinterprets unbalanced quotes and brackets; a user who typed
// them almost always meant something else, so say so and where (1-based column).
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
        throw QueryError(fmt::format("unbalanced ')' at column {}: no '(' before it", i + 1));
      brackets.pop_back();
    }
  }
  if (in_quote) throw QueryError(fmt::format("unbalanced '\"' at column {}: the phrase is never closed", open_quote + 1));
  if (!brackets.empty())
    throw QueryError(fmt::format("unbalanced '(' at column {}: never closed", brackets.back() + 1));
}

}  // namespace

QueryBuilder::QueryBuilder(const Xapian::Database& db, std::string_view language) {
  for (const auto& word : stop_words()) stopper_.add(word);
  parser_.set_database(db);
  parser_.set_stemmer(stemmer_for(language));
  parser_.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
  parser_.set_stopper(&stopper_);
  parser_.set_default_op(Xapian::Query::OP_AND);
  for (const auto& field : kFields) {
    if (field.boolean) parser_.add_boolean_prefix(std::string(field.name), std::string(field.prefix));
    else parser_.add_prefix(std::string(field.name), std::string(field.prefix));
  }
}

std::string QueryBuilder::normalise(std::string_view text) {
  return normalise_query_text(analyzer_, text, is_field_name);
}

Xapian::Query QueryBuilder::build(std::string_view query_text) {
  check_balance(query_text);
  const std::string normalised = normalise(query_text);
  constexpr unsigned FLAGS = Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_WILDCARD |
                             Xapian::QueryParser::FLAG_PURE_NOT;
  try {
    return parser_.parse_query(normalised, FLAGS);
  } catch (const Xapian::QueryParserError& e) {
    throw QueryError(std::string("cannot parse query: ") + e.get_msg());
  }
}

}  // namespace newsdex
