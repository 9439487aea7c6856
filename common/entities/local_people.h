// People named in text in languages other than English that write names with capitals
// (Russian, Ukrainian, Bulgarian, Greek...), by the evidence that holds in any of them:
// an office or title just before the name ("президент России Владимир Путин", "канцлером
// Германии Герхардом Шрёдером", "ο πρωθυπουργός Κώστας Καραμανλής"). Offices are the
// "office" list of common/entities/data/people_words.tsv, matched by their stems in the article's
// language, so their inflected forms count. The English rules (people_extractor.h) know
// nothing of these languages' titles or given names.
#pragma once

#include <string>
#include <vector>

#include <xapian.h>

#include "entities/country_table.h"
#include "entities/entity_tokens.h"

namespace newsdex {

// The names `tokens` give after an office, as written, in order of first mention (one
// per person: "Путин" after "Владимир Путин" is the same man). Between the office and
// the name may stand lower-case words and country names ("министр финансов",
// "президент России"). `countries` (may be null) tells country names; `in_person` is
// set for the name's tokens. `stemmer` is the article language's.
std::vector<std::string> find_local_people(const std::vector<EntityToken>& tokens, const Xapian::Stem& stemmer,
                                           const LocalCountryNames* countries, std::vector<bool>& in_person);

}  // namespace newsdex
