// Finding the countries a text names, with the table in country_table.h: longest phrase
// first ("Papua New Guinea" before "Guinea", "New Mexico" before "Mexico"), capitals
// required in mixed-case text ("Turkey", not "turkey"), datelines read on their own.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "entities/country_table.h"
#include "entities/entity_tokens.h"

namespace newsdex {

struct CountryMatch {
  std::size_t length = 0;  // in tokens; 0 when no phrase starts here
  const std::vector<CountryPhrase>* phrases = nullptr;
};

// The longest phrase of `table` that starts at tokens[at] and stays inside one clause.
// With `case_matters`, the text must be capitalised as the phrase is ("Turkey", "US").
CountryMatch match_country_phrase(const CountryTable& table, const std::vector<EntityToken>& tokens,
                                  std::size_t at, bool case_matters);

// One place where a text names a country, before ambiguity is resolved.
struct CountryMention {
  std::string code;
  CountryNameKind kind = CountryNameKind::NAME;
  bool ambiguous = false;        // the phrase has other readings (see countries.tsv "?")
  bool looks_like_name = false;  // stands next to a personal name ("Michael Jordan")
  std::size_t phrase_id = 0;     // same number for the readings of one phrase occurrence
  std::string region;            // ISO 3166-2 when the phrase names a region of `code` ("GB-SCT")
};

// Appends the country mentions in `tokens`. `in_person` marks tokens that are part of a
// person's name (those never name a country); it may be empty. With `read_cities`, a city
// of the table in mixed-case text is a mention too (kind CITY), unless it is part of a
// longer name there or anywhere in `tokens` ("Manchester United", "Bally Manufacturing")
// or a region after a comma places a namesake elsewhere ("Birmingham, Alabama").
void find_country_mentions(const CountryTable& table, const std::vector<EntityToken>& tokens,
                           const std::vector<bool>& in_person, bool case_matters, bool read_cities,
                           std::vector<CountryMention>& mentions);

// Appends the mentions of countries in `tokens` of text in the language of `names`, by
// the stems `stemmer` (that language's) makes of its words: "в Москве" names RU. A name
// must start with a capital in scripts that have them; in Chinese, Japanese and Thai a
// name is found inside a run of text.
void find_local_country_mentions(const LocalCountryNames& names, const Xapian::Stem& stemmer,
                                 const std::vector<EntityToken>& tokens, const std::vector<bool>& in_person,
                                 std::vector<CountryMention>& mentions);

// The place a dateline names, as the table's phrase for it: its country ("PORTLAND, Ore.,
// Feb 26" -> US, "SALVADOR, Feb 26" -> BR) and its region where the table codes one
// ("Ore." -> US-OR). nullptr when it names none the table knows.
const CountryPhrase* dateline_place(const CountryTable& table, const std::vector<EntityToken>& dateline_tokens);

// The countries and regions an article names, each in order of first mention.
struct ResolvedPlaces {
  std::vector<std::string> countries;  // ISO 3166-1 alpha-2
  std::vector<std::string> regions;    // ISO 3166-2; each one's country is in `countries`
};

// Resolves mentions into codes: an ambiguous phrase counts only when nothing marks it as a
// person's name and, where it could name several countries ("Georgia"), only for the one
// the rest of the article names unambiguously; a country's cities count only when the
// article names them at least twice. A region counts where its mention does.
ResolvedPlaces resolve_country_mentions(const std::vector<CountryMention>& mentions);

}  // namespace newsdex
