#include "entities/country_mentions.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "core/append_unique.h"
#include "entities/people_extractor.h"

namespace newsdex {
namespace {

// How often an article must name a country's cities for them to count (see
// resolve_country_mentions).
constexpr int CITY_MENTIONS_NEEDED = 2;

bool is_month_or_number(const EntityToken& t) {
  static const std::unordered_set<std::string_view> MONTHS = {
      "jan", "january", "feb", "february", "mar", "march", "apr", "april", "may", "jun", "june", "jul",
      "july", "aug", "august", "sep", "sept", "september", "oct", "october", "nov", "november", "dec", "december"};
  return t.number || MONTHS.contains(t.folded);
}

// "U.S. dlrs", "Swiss francs": a country word that names a currency does not make the
// story mention the country.
bool is_currency(std::string_view folded) {
  static const std::unordered_set<std::string_view> WORDS = {
      "dlr",     "dlrs",    "dollar",  "dollars", "yen",      "mark",     "marks",   "franc",    "francs",
      "pound",   "pounds",  "sterling", "lira",   "lire",     "guilder",  "guilders", "peso",    "pesos",
      "crown",   "crowns",  "krona",   "kronor",  "krone",    "kroner",   "rupee",   "rupees",   "yuan",
      "rouble",  "roubles", "ruble",   "rubles",  "cruzado",  "cruzados", "austral", "australs", "schilling",
      "schillings", "drachma", "drachmas", "escudo", "escudos", "peseta", "pesetas", "rand",    "won",
      "baht",    "ringgit", "riyal",   "riyals",  "dinar",    "dinars",   "shekel",  "shekels",  "bolivar",
      "bolivars", "cents",  "cts",     "currency"};
  return WORDS.contains(folded);
}

// "English-language", "French speakers", "said in Arabic": an adjective that names a
// language, not the country or its people.
bool names_a_language(const std::vector<EntityToken>& tokens, std::size_t at, std::size_t last) {
  static const std::unordered_set<std::string_view> AFTER = {
      "language", "languages", "speaking", "speaker", "speakers", "translation", "subtitles", "dictionary",
      "version",  "edition"};
  // Verbs of speaking and learning: "spoke English", "fluent in French and German".
  static const std::unordered_set<std::string_view> VERBS = {
      "speak", "speaks", "spoke", "spoken", "learn", "learning", "learned", "learnt", "teach", "teaches", "taught",
      "translated", "fluent"};
  // Only a one-word adjective is a language's name: "a South African language" is the
  // country's.
  if (at != last) return false;
  if (last + 1 < tokens.size() && (tokens[last].gap_after & ~(GAP_SPACE | GAP_HYPHEN)) == 0 &&
      AFTER.contains(tokens[last + 1].folded))
    return true;
  if (at == 0 || !clause_continues(tokens[at - 1])) return false;
  const std::string_view before = tokens[at - 1].folded;
  const bool at_end = last + 1 == tokens.size();
  // "said in English." (not "in English football", "in Colombian, Brazilian and Mexican
  // coffee"): after "in", the adjective ends the sentence.
  if (before == "in" || before == "into") return at_end || (tokens[last].gap_after & GAP_STOP);
  // Words that do not follow an adjective qualifying a noun: "spoke French at the
  // meeting", "speaks Arabic fluently".
  static const std::unordered_set<std::string_view> NO_NOUN_AFTER = {
      "at", "to", "with", "on", "for", "from", "during", "as", "fluently", "well", "when", "while", "because", "but"};
  // "spoke English, French and German", not "taught English literature".
  const bool ends_phrase = at_end || !clause_continues(tokens[last]) || tokens[last + 1].folded == "and" ||
                           tokens[last + 1].folded == "or" ||
                           (!tokens[last + 1].upper_initial && NO_NOUN_AFTER.contains(tokens[last + 1].folded));
  if (!ends_phrase) return false;
  // Back over the languages listed before it ("Arabic and", "English,") to the verb.
  std::size_t k = at - 1;
  while (k >= 2 && (tokens[k].folded == "and" || tokens[k].folded == "or") && tokens[k - 1].upper_initial) k -= 2;
  while (k >= 1 && tokens[k].upper_initial && (tokens[k].gap_after & GAP_COMMA) && clause_continues(tokens[k - 1]))
    --k;
  return VERBS.contains(tokens[k].folded);
}

// "Japan Fund Inc", "Great American First Savings Bancorp": a country word inside a
// company's name is part of the name.
bool inside_company_name(const std::vector<EntityToken>& tokens, std::size_t last) {
  for (std::size_t k = last + 1; k < tokens.size() && k <= last + 5; ++k) {
    if ((tokens[k - 1].gap_after & ~(GAP_SPACE | GAP_HYPHEN)) != 0 || tokens[k - 1].possessive) return false;
    if (!tokens[k].upper_initial) return false;
    if (is_company_word(tokens[k].folded)) return true;
  }
  return false;
}

// Calls visit(key, end) for each phrase of at most `max_words` words that starts at
// tokens[at] and stays inside one clause, shortest first; `key` is its folded words
// joined by spaces, tokens[end] its last word.
template <typename Visit>
void for_each_phrase_at(const std::vector<EntityToken>& tokens, std::size_t at, std::size_t max_words, Visit&& visit) {
  std::string key;
  const std::size_t limit = std::min(tokens.size(), at + max_words);
  for (std::size_t end = at; end < limit; ++end) {
    if (end > at) {
      if (!clause_continues(tokens[end - 1]) || tokens[end - 1].possessive) break;
      key += ' ';
    }
    key += tokens[end].folded;
    visit(key, end);
  }
}

// The longest city of `table` that starts at tokens[at], capitalised as a name is, inside
// one clause; 0 when none does.
std::size_t match_city(const CountryTable& table, const std::vector<EntityToken>& tokens, std::size_t at,
                       const CountryPhrase*& city) {
  if (!tokens[at].upper_initial || tokens[at].all_upper || !table.starts_city(tokens[at].folded)) return 0;
  std::size_t length = 0;
  for_each_phrase_at(tokens, at, table.longest_city(), [&](const std::string& key, std::size_t end) {
    if (!tokens[end].upper_initial) return;
    if (const CountryPhrase* found = table.city(key)) {
      city = found;
      length = end - at + 1;
    }
  });
  return length;
}

// A capitalised word (other than one that opens a sentence) next to a name is part of a
// longer name: "Manchester United", "Chicago Bulls", "Greater Manchester".
bool capitalised_neighbour(const CountryTable& table, const std::vector<EntityToken>& tokens, std::size_t first,
                           std::size_t last) {
  if (first > 0) {
    const EntityToken& before = tokens[first - 1];
    if (before.upper_initial && !before.sentence_start && clause_continues(before) && !before.possessive &&
        match_country_phrase(table, tokens, first - 1, true).length == 0)
      return true;
  }
  return last + 1 < tokens.size() && tokens[last + 1].upper_initial && clause_continues(tokens[last]) &&
         !tokens[last].possessive && match_country_phrase(table, tokens, last + 1, true).length == 0;
}

// A state's or province's abbreviation after a place and a comma: "Springfield, Ill.",
// "Cambridge, Mass.", "Kingston, Ont."; the table's phrase for it, or nullptr. In running
// text the table's dateline places count only so: alone, "Ind." or "Miss." are no place.
const CountryPhrase* abbreviated_region(const CountryTable& table, const std::vector<EntityToken>& tokens,
                                        std::size_t at) {
  const EntityToken& word = tokens[at];
  if (at == 0 || !(tokens[at - 1].gap_after & GAP_COMMA) || !tokens[at - 1].upper_initial || !word.period_after ||
      !word.upper_initial || word.folded.size() > 5)
    return nullptr;
  if (const auto* places = table.dateline_place(dotless_key(word.folded)))
    for (const auto& place : *places)
      if (place.kind == CountryNameKind::DATELINE_PLACE && !place.ambiguous) return &place;
  return nullptr;
}

// "Halifax said", "Halifax has said": a city does not speak; a bank, a club or a firm of
// that name does. Only the plain verbs of reporting: after "agreed" or "announced" the
// city is more often where a meeting was ("the meeting in Geneva agreed").
bool speaks(const std::vector<EntityToken>& tokens, std::size_t last) {
  for (std::size_t k = last + 1; k < tokens.size() && k <= last + 2; ++k) {
    if (!clause_continues(tokens[k - 1]) || tokens[k - 1].possessive) return false;
    const std::string& word = tokens[k].folded;
    if (word == "said" || word == "says" || word == "told") return true;
    if (word != "has" && word != "have") return false;
  }
  return false;
}

// "Birmingham, Alabama", "Birmingham, Ala.": the country of the region named after a
// comma, or "" when none follows.
std::string region_after_comma(const CountryTable& table, const std::vector<EntityToken>& tokens, std::size_t last) {
  if (last + 1 >= tokens.size() || !(tokens[last].gap_after & GAP_COMMA)) return {};
  const CountryMatch next = match_country_phrase(table, tokens, last + 1, true);
  for (std::size_t p = 0; next.length > 0 && p < next.phrases->size(); ++p)
    if ((*next.phrases)[p].kind == CountryNameKind::REGION) return (*next.phrases)[p].code;
  const CountryPhrase* abbreviation = abbreviated_region(table, tokens, last + 1);
  return abbreviation ? abbreviation->code : std::string();
}

}  // namespace

CountryMatch match_country_phrase(const CountryTable& table, const std::vector<EntityToken>& tokens,
                                  std::size_t at, bool case_matters) {
  CountryMatch best;
  const EntityToken& first = tokens[at];
  if (first.number || (case_matters && !first.upper_initial)) return best;
  if (!table.starts_phrase(first.folded)) return best;
  for_each_phrase_at(tokens, at, table.longest_phrase(), [&](const std::string& key, std::size_t end) {
    const auto* phrases = table.phrases(key);
    if (!phrases || phrases->empty()) return;
    if (case_matters) {
      if (!tokens[end].upper_initial) return;
      if (phrases->front().acronym &&
          !std::all_of(tokens.begin() + static_cast<long>(at), tokens.begin() + static_cast<long>(end) + 1,
                       [](const EntityToken& t) { return t.all_upper; }))
        return;
    }
    best = {end - at + 1, phrases};
  });
  return best;
}

void find_country_mentions(const CountryTable& table, const std::vector<EntityToken>& tokens,
                           const std::vector<bool>& in_person, bool case_matters, bool read_cities,
                           std::vector<CountryMention>& mentions) {
  std::size_t phrase_id = mentions.empty() ? 0 : mentions.back().phrase_id + 1;
  // Cities the text also writes inside a longer name ("Bally Manufacturing", "Burlington
  // Northern", "Manufacturers Hanover") or as a speaker ("Halifax said") are that firm or
  // club throughout: "Bally" alone is the firm too.
  std::vector<const CountryPhrase*> cities_in_names;
  for (std::size_t i = 0; case_matters && read_cities && i < tokens.size(); ++i) {
    const CountryPhrase* city = nullptr;
    const std::size_t length = match_city(table, tokens, i, city);
    if (length == 0) continue;
    if (capitalised_neighbour(table, tokens, i, i + length - 1) || inside_company_name(tokens, i + length - 1) ||
        speaks(tokens, i + length - 1))
      cities_in_names.push_back(city);
    i += length - 1;
  }
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (!in_person.empty() && in_person[i]) continue;
    const CountryMatch match = match_country_phrase(table, tokens, i, case_matters);
    if (match.length == 0 && case_matters) {
      // A city names its country when it stands as a place, not inside a longer name:
      // "talks in Geneva", not "Manchester United" or "Chicago Bulls"; and not when a
      // region after a comma places a namesake elsewhere ("Birmingham, Alabama"): that
      // region, or its abbreviation ("Springfield, Ill."), is the mention then.
      const CountryPhrase* city = nullptr;
      const std::size_t length = read_cities ? match_city(table, tokens, i, city) : 0;
      if (length == 0) {
        if (const CountryPhrase* region = abbreviated_region(table, tokens, i))
          mentions.push_back({region->code, CountryNameKind::REGION, false, false, phrase_id++, region->region});
        continue;
      }
      const std::size_t last = i + length - 1;
      bool in_a_name = false;
      for (std::size_t k = i; k <= last && !in_person.empty(); ++k) in_a_name = in_a_name || in_person[k];
      const std::string elsewhere = region_after_comma(table, tokens, last);
      if (!in_a_name && (elsewhere.empty() || elsewhere == city->code) &&
          std::find(cities_in_names.begin(), cities_in_names.end(), city) == cities_in_names.end() &&
          !(last + 1 < tokens.size() && is_currency(tokens[last + 1].folded)))
        mentions.push_back({city->code, CountryNameKind::CITY, false, false, phrase_id++, city->region});
      i = last;
      continue;
    }
    if (match.length == 0) continue;
    const std::size_t last = i + match.length - 1;
    const bool modifies_next = last + 1 < tokens.size() && (tokens[last].gap_after & ~GAP_SPACE) == 0 &&
                               !tokens[last].possessive;
    if ((modifies_next && is_currency(tokens[last + 1].folded)) ||
        (case_matters && inside_company_name(tokens, last))) {
      i = last;
      continue;
    }
    bool names_a_person = false;
    for (std::size_t k = i; k <= last && !in_person.empty(); ++k) names_a_person = names_a_person || in_person[k];
    // Next to a capitalised word that is no country: "Michael Jordan", "Chad Smith".
    bool looks_like_name = names_a_person;
    if (case_matters) {
      if (i > 0 && tokens[i - 1].upper_initial && !tokens[i - 1].sentence_start && clause_continues(tokens[i - 1]) &&
          !tokens[i - 1].possessive && !tokens[i - 1].all_upper &&
          match_country_phrase(table, tokens, i - 1, true).length == 0)
        looks_like_name = true;
      if (last + 1 < tokens.size() && tokens[last + 1].upper_initial && clause_continues(tokens[last]) &&
          !tokens[last].possessive && !tokens[last + 1].all_upper &&
          match_country_phrase(table, tokens, last + 1, true).length == 0)
        looks_like_name = true;
    }
    // "San Jose, California", "Paris, Texas": a capital followed by a comma and a region
    // of another country is a namesake city there.
    std::string region_elsewhere;
    if (case_matters && last + 1 < tokens.size() && (tokens[last].gap_after & GAP_COMMA)) {
      const CountryMatch next = match_country_phrase(table, tokens, last + 1, true);
      for (std::size_t p = 0; next.length > 0 && p < next.phrases->size(); ++p)
        if ((*next.phrases)[p].kind == CountryNameKind::REGION) region_elsewhere = (*next.phrases)[p].code;
    }
    const bool language = names_a_language(tokens, i, last);
    for (const auto& phrase : *match.phrases) {
      if (phrase.kind == CountryNameKind::NOT_A_COUNTRY || phrase.kind == CountryNameKind::DATELINE_PLACE) continue;
      if (phrase.kind == CountryNameKind::ADJECTIVE && language) continue;
      if (phrase.kind == CountryNameKind::CAPITAL && !region_elsewhere.empty() && region_elsewhere != phrase.code)
        continue;
      if (phrase.ambiguous && !case_matters) continue;  // "GEORGIA", "JORDAN" in a headline: no evidence
      mentions.push_back({phrase.code, phrase.kind, phrase.ambiguous, looks_like_name, phrase_id, phrase.region});
    }
    ++phrase_id;
    i = last;
  }
}

namespace {

// "d'Allemagne": an elided word before a capitalised name.
bool capital_after_apostrophe(std::string_view word) {
  for (std::string_view mark : {"'", "\u2019"}) {
    const auto at = word.find(mark);
    if (at == std::string_view::npos) continue;
    std::int32_t i = static_cast<std::int32_t>(at + mark.size());
    UChar32 c = 0;
    U8_NEXT(word.data(), i, static_cast<std::int32_t>(word.size()), c);
    return c >= 0 && u_isupper(c);
  }
  return false;
}

}  // namespace

void find_local_country_mentions(const LocalCountryNames& names, const Xapian::Stem& stemmer,
                                 const std::vector<EntityToken>& tokens, const std::vector<bool>& in_person,
                                 std::vector<CountryMention>& mentions) {
  std::size_t phrase_id = mentions.empty() ? 0 : mentions.back().phrase_id + 1;
  auto add = [&](const CountryPhrase& phrase) {
    mentions.push_back({phrase.code, phrase.kind, false, false, phrase_id++, {}});
  };
  std::vector<std::string> stems(tokens.size());
  auto stem_of = [&](std::size_t k) -> const std::string& {
    if (stems[k].empty()) stems[k] = stemmer(tokens[k].folded);
    return stems[k];
  };
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if ((!in_person.empty() && in_person[i]) || tokens[i].number) continue;
    const bool cased = in_cased_script(tokens[i].text);
    if (!cased) {
      for (const auto& [name, phrase] : names.unspaced)
        if (tokens[i].folded.find(name) != std::string::npos) add(phrase);
    }
    if (cased && !tokens[i].upper_initial && !capital_after_apostrophe(tokens[i].text)) continue;
    std::string key;
    const std::vector<CountryPhrase>* best = nullptr;
    std::size_t best_end = i;
    for (std::size_t end = i; end < tokens.size() && end < i + names.longest; ++end) {
      if (end > i) {
        if (!clause_continues(tokens[end - 1])) break;
        key += ' ';
      }
      key += stem_of(end);
      if (auto it = names.by_stems.find(key); it != names.by_stems.end()) {
        best = &it->second;
        best_end = end;
      }
    }
    // A name with a suffix or an elision after an apostrophe: "Türkiye'de" (Turkish
    // case endings), "d'Allemagne" (French).
    const std::string& folded = tokens[i].folded;
    if (const auto apostrophe = folded.find('\''); !best && apostrophe != std::string::npos) {
      for (const std::string& part : {folded.substr(0, apostrophe), folded.substr(apostrophe + 1)}) {
        if (auto it = names.by_stems.find(stemmer(part)); it != names.by_stems.end() && !part.empty()) {
          best = &it->second;
          best_end = i;
          break;
        }
      }
    }
    if (!best) continue;
    for (const auto& phrase : *best) add(phrase);
    i = best_end;
  }
}

const CountryPhrase* dateline_place(const CountryTable& table, const std::vector<EntityToken>& tokens) {
  // Parts between commas; the date part ("Feb 26") ends the place.
  std::vector<std::pair<std::size_t, std::size_t>> parts;
  std::size_t start = 0;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (i == start && is_month_or_number(tokens[i])) break;
    if ((tokens[i].gap_after & (GAP_COMMA | GAP_STOP | GAP_PUNCT)) || i + 1 == tokens.size()) {
      parts.emplace_back(start, i);
      start = i + 1;
    }
  }
  const auto spaced_key = [&](std::pair<std::size_t, std::size_t> part) {
    std::string key;
    for (std::size_t k = part.first; k <= part.second; ++k) {
      if (k > part.first) key += ' ';
      key += tokens[k].folded;
    }
    return key;
  };
  // The most specific part is the last ("PORTLAND, Ore." -> "Ore.").
  for (auto part = parts.rbegin(); part != parts.rend(); ++part) {
    const std::string key = spaced_key(*part);
    const auto* places = table.dateline_place(dotless_key(key));
    if (!places) continue;
    for (const auto& place : *places) {
      if (place.ambiguous && place.kind != CountryNameKind::CAPITAL) continue;
      // A dateline city of the country table is in a region where the cities say so:
      // "CHICAGO" is the US, in Illinois.
      if (const CountryPhrase* city = place.region.empty() ? table.city(key) : nullptr;
          city && city->code == place.code && !city->region.empty())
        return city;
      return &place;
    }
  }
  // A city the table lists for running text names its country in a dateline too:
  // "ROTTERDAM", "GENEVA".
  for (auto part = parts.rbegin(); part != parts.rend(); ++part)
    if (const CountryPhrase* city = table.city(spaced_key(*part))) return city;
  return nullptr;
}

ResolvedPlaces resolve_country_mentions(const std::vector<CountryMention>& mentions) {
  // A city is weaker evidence than a country's own names: a country counts through its
  // cities only when the article names them at least twice ("Geneva" once is often only
  // where talks were held; a story about the place comes back to it).
  std::unordered_map<std::string, int> city_mentions;
  for (const auto& m : mentions)
    if (m.kind == CountryNameKind::CITY) ++city_mentions[m.code];
  auto weak = [&](const CountryMention& m) {
    return m.kind == CountryNameKind::CITY && city_mentions[m.code] < CITY_MENTIONS_NEEDED;
  };
  std::unordered_set<std::string> certain;
  std::unordered_set<std::string> countries_with_certain_region;  // "US" when Texas is named
  for (const auto& m : mentions)
    if (!m.ambiguous && !weak(m)) {
      certain.insert(m.code);
      if (!m.region.empty()) countries_with_certain_region.insert(m.code);
    }
  ResolvedPlaces places;
  auto add = [&](const CountryMention& m, bool region_confirmed = true) {
    append_unique(places.countries, m.code);
    if (region_confirmed && !m.region.empty()) append_unique(places.regions, m.region);
  };
  for (std::size_t i = 0; i < mentions.size();) {
    std::size_t end = i;
    while (end < mentions.size() && mentions[end].phrase_id == mentions[i].phrase_id) ++end;
    const std::size_t readings = end - i;
    for (std::size_t k = i; k < end; ++k) {
      const auto& m = mentions[k];
      if (weak(m)) continue;
      if (!m.ambiguous) add(m);
      else if (m.looks_like_name) continue;
      else if (readings == 1 || certain.contains(m.code)) {
        // One reading: a name-like word standing alone ("Jordan said"); several readings
        // ("Georgia"): only the one the article confirms elsewhere.
        bool other_confirmed = false;
        for (std::size_t o = i; o < end; ++o)
          if (o != k && certain.contains(mentions[o].code)) other_confirmed = true;
        // The country reading needs the country named elsewhere ("American"); the region
        // needs another of its regions ("Irakli Labadze of Georgia" in a story about an
        // American player is no US state; "Atlanta, Georgia ... Texas" is).
        if (readings == 1 || !other_confirmed) add(m, readings == 1 || countries_with_certain_region.contains(m.code));
      }
    }
    i = end;
  }
  return places;
}

}  // namespace newsdex
