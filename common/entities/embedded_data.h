// Data tables compiled into the library from common/entities/data/ (see embed_data.cmake).
#pragma once

#include <string_view>

namespace newsdex::data {

// common/entities/data/countries.tsv: names, short forms, adjectives, capitals, places and
// dateline places per ISO 3166-1 alpha-2 code (format described in the file).
extern const std::string_view COUNTRIES_TSV;
// common/entities/data/people_words.tsv: the word lists people extraction relies on (titles,
// roles, honorifics, organisation words, given names, speech verbs).
extern const std::string_view PEOPLE_WORDS_TSV;
// common/entities/data/given_names.txt: women's and men's given names from Moby Word II (written
// by scripts/data/make-given-names), added to the given names of people_words.tsv.
extern const std::string_view GIVEN_NAMES_TXT;
// common/entities/data/cities.tsv: cities of at least 150,000 people from GeoNames, each name with
// its country and population (written by scripts/data/make-cities).
extern const std::string_view CITIES_TSV;
// common/entities/data/regions.tsv: the UK's nations, US states, Canadian provinces and
// Australian states by ISO 3166-2 code, with their names and abbreviations.
extern const std::string_view REGIONS_TSV;

}  // namespace newsdex::data
