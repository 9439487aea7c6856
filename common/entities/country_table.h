// Countries: ISO 3166-1 alpha-2 codes, their names in any language ICU knows, and the
// other ways news text names them (common/entities/data/countries.tsv, compiled in); and the
// regions below them that news names by their ISO 3166-2 codes (regions.tsv: the UK's
// nations, US states, Canadian provinces, Australian states). The single source of truth
// for country and region names, used by entity extraction (indexer) and by the country:
// and region: query fields and facet labels (searcher).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/article.h"

namespace newsdex {

// How a phrase names a country.
enum class CountryNameKind {
  NAME,            // "Belarus", "U.S.", "Ivory Coast"
  ADJECTIVE,       // adjective or demonym: "Belarusian", "Soviet", "Britons"
  CAPITAL,         // a capital used as a metonym: "Beijing has not responded"
  REGION,          // a state or province: "Texas", "Ore." is only a DATELINE_PLACE
  CITY,            // a city of cities.tsv: weaker evidence, read by its own rule ("talks in Geneva")
  DATELINE_PLACE,  // a city or abbreviation that only counts in a dateline
  NOT_A_COUNTRY,   // a longer phrase that contains a country word: "Indian Ocean"
};

struct CountryPhrase {
  std::string code;  // ISO 3166-1 alpha-2 (or former code), upper case; empty for NOT_A_COUNTRY
  CountryNameKind kind = CountryNameKind::NAME;
  bool ambiguous = false;  // also a person's name, a US state...: needs supporting evidence
  bool acronym = false;    // written in capitals ("US", "UAE"): must appear so in the text
  std::string region;      // ISO 3166-2 ("GB-SCT", "US-OR") when the phrase names a region of `code`
};

// Country names in one language other than English (CountryTable::local_names).
struct LocalCountryNames {
  std::string language;  // ISO 639-1
  // By the Snowball stems (in `language`) of the name's folded words, joined by single
  // spaces: "в Москве" and "России" find "Москва" and "Россия" through their stems.
  std::unordered_map<std::string, std::vector<CountryPhrase>> by_stems;
  std::size_t longest = 1;  // the most words a name has
  // Folded names for scripts written without spaces between words (Chinese, Japanese,
  // Thai), found inside a run of text.
  std::vector<std::pair<std::string, CountryPhrase>> unspaced;
};

class CountryTable {
 public:
  // The table of every country ICU knows plus the historical states news archives meet.
  // Built once, immutable, safe to share between threads.
  static const CountryTable& instance();

  // The code ("BY") for a code, name, short form or adjective in any case and with or
  // without accents, or a slug of one: "by", "Belarus", "Belarusian", "Weißrussland",
  // "new-zealand" (as Reuters writes its places). nullopt if unknown.
  std::optional<std::string> code_for(std::string_view name) const;

  // The country's name in `locale` (an ICU locale id such as "en", "de", "fr_CA"),
  // from ICU; falls back to the code when ICU has no name.
  std::string label(std::string_view code, std::string_view locale = "en") const;

  // Every code in the table, upper case.
  const std::vector<std::string>& codes() const { return codes_; }

  // The ISO 3166-2 code ("GB-SCT") for a code in any case, or a region's name, adjective
  // or abbreviation, or a slug of one ("Scotland", "scottish", "Ore.", "new-south-wales").
  // nullopt if unknown.
  std::optional<std::string> region_for(std::string_view name) const;
  // The region's English name ("Scotland"); the code when the table has none.
  std::string region_label(std::string_view code) const;
  // Every region code of the table, upper case, sorted.
  const std::vector<std::string>& region_codes() const { return region_codes_; }

  // --- For entity extraction --------------------------------------------------------
  // The ways English news text names countries, by phrase key (see phrase_key() in
  // entity_tokens.h: folded words joined by single spaces). nullptr when none.
  const std::vector<CountryPhrase>* phrases(std::string_view key) const;
  // True when some phrase starts with this folded word (a cheap filter before phrases()).
  bool starts_phrase(std::string_view folded_word) const;
  // The most words any phrase has.
  std::size_t longest_phrase() const;
  // Dateline lookups ignore dots and case: "ORE", "Ore.", "N.J." -> "ore", "nj".
  const std::vector<CountryPhrase>* dateline_place(std::string_view dotless_key) const;
  // Cities (common/entities/data/cities.tsv) by phrase key: "geneva" -> CH. nullptr when none. Kept
  // apart from phrases(): a city is weaker evidence than a country's own names, and is no
  // reason to reject a person's name.
  const CountryPhrase* city(std::string_view key) const;
  bool starts_city(std::string_view folded_word) const;
  std::size_t longest_city() const;

  // --- For entity extraction in other languages -----------------------------------
  // How text in `language` (ISO 639-1, not English) names countries, built on first use:
  // ICU's name of every country in that language, and each capital of countries.tsv as
  // the time-zone database names it there ("Москва", "Londres") or as the table writes
  // it ("北京"). nullptr for English, "" and languages ICU has no names in.
  const LocalCountryNames* local_names(std::string_view language) const;

  // The code to record for `code` in an article published on `published`: a country
  // that was part of a historical state then counts as that state ("Moscow" in 1987 is
  // SU, in 2023 RU). Without a date, the code itself.
  std::string code_at(std::string_view code, const std::optional<PartialDate>& published) const;

 private:
  CountryTable();
  std::vector<std::string> codes_;
  std::vector<std::string> region_codes_;
  struct Names;
  const Names* names_;
  struct Local;  // local_names(), built on first use for each language
  Local* local_;
  struct Cities;  // city(), read on first use
  Cities* cities_;
  const Cities& cities() const;
};

// "N.J." -> "nj": the key dateline_place() expects, from a phrase key.
std::string dotless_key(std::string_view key);

}  // namespace newsdex
