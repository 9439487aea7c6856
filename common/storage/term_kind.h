// The kinds of subject term (subject_terms.h): a word, a person, a country.
#pragma once

namespace newsdex {

enum class TermKind { WORD, PERSON, COUNTRY };

}  // namespace newsdex
