#include "storage/subject_terms.h"

#include "analysis/analyzer.h"
#include "core/schema.h"

namespace newsdex {
namespace {

// The term after every term that begins with `prefix` (prefixes are ASCII letters).
std::string after_prefix(std::string_view prefix) {
  std::string next(prefix);
  ++next.back();
  return next;
}

}  // namespace

bool classify_subject_term(std::string_view term, TermKind& kind, std::string_view& key) {
  if (term.empty()) return false;
  const auto has = [&](std::string_view prefix) { return term.substr(0, prefix.size()) == prefix; };
  if (has(schema::PREFIX_PERSON)) {
    kind = TermKind::PERSON;
    key = term.substr(schema::PREFIX_PERSON.size());
    return !key.empty();
  }
  // Prefixes are upper-case ASCII; "N" + a two-letter code is a country, "Nx..." nothing else.
  if (has(schema::PREFIX_COUNTRY) && term.size() == schema::PREFIX_COUNTRY.size() + 2) {
    kind = TermKind::COUNTRY;
    key = term.substr(schema::PREFIX_COUNTRY.size());
    return true;
  }
  if (term.front() >= 'A' && term.front() <= 'Z') return false;
  kind = TermKind::WORD;
  key = term;
  return term.size() > 1 && !is_stop_word(term);
}

const std::vector<TermStretch>& subject_term_stretches() {
  static const std::vector<TermStretch> STRETCHES = {
      {"", "A"},
      {std::string(schema::PREFIX_COUNTRY), after_prefix(schema::PREFIX_COUNTRY)},
      {std::string(schema::PREFIX_PERSON), after_prefix(schema::PREFIX_PERSON)},
      {"a", ""},
  };
  return STRETCHES;
}

}  // namespace newsdex
