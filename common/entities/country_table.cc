#include "entities/country_table.h"

#include <unicode/locid.h>
#include <unicode/timezone.h>
#include <unicode/tznames.h>
#include <unicode/uloc.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <charconv>
#include <map>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <unordered_map>
#include <unordered_set>

#include "core/ascii_text.h"
#include "analysis/analyzer.h"
#include "entities/embedded_data.h"
#include "entities/entity_tokens.h"
#include "analysis/language.h"

namespace newsdex {
namespace {

// Locales whose country names are accepted as query and lookup input, besides English.
constexpr const char* NAME_LOCALES[] = {"en", "de", "fr", "es", "it", "pt", "nl", "ru", "zh", "ja", "ar"};

std::vector<std::string_view> split(std::string_view s, char separator) {
  std::vector<std::string_view> parts;
  for (std::size_t start = 0;;) {
    const std::size_t end = s.find(separator, start);
    parts.push_back(s.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return parts;
}

bool written_in_capitals(std::string_view phrase) {
  int letters = 0;
  for (char c : phrase) {
    if (c >= 'a' && c <= 'z') return false;
    if (c >= 'A' && c <= 'Z') ++letters;
  }
  return letters >= 2;
}

// Heterogeneous lookup, so finding a phrase by string_view allocates nothing.
struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
template <class V>
using StringMap = std::unordered_map<std::string, V, StringHash, std::equal_to<>>;

// Column order of countries.tsv.
enum Column { CODE, NAMES, ADJECTIVES, CAPITALS, REGIONS, DATELINE_PLACES, SUCCEEDS };
// Column order of regions.tsv.
enum RegionColumn { REGION_CODE, REGION_LABEL, REGION_READS_AS, REGION_NAMES, REGION_ADJECTIVES, REGION_ABBREVIATIONS };
// Column order of cities.tsv.
enum CityColumn { CITY_NAME, CITY_COUNTRY, CITY_POPULATION, CITY_OTHER_NAMES, CITY_REGION };

// A row of regions.tsv, checked.
struct RegionRow {
  std::string code;  // ISO 3166-2
  std::string_view label;
  bool reads_as_name = false;  // "name": as the country's own name; "region": as a state
  std::vector<std::string_view> names, adjectives, abbreviations;
};

std::vector<RegionRow> region_rows() {
  std::vector<RegionRow> rows;
  for (std::string_view line : split(data::REGIONS_TSV, '\n')) {
    if (line.empty() || line.front() == '#') continue;
    const auto columns = split(line, '\t');
    if (columns.size() <= REGION_READS_AS || columns[REGION_CODE].size() < 4 || columns[REGION_CODE][2] != '-' ||
        (columns[REGION_READS_AS] != "name" && columns[REGION_READS_AS] != "region"))
      throw std::logic_error("regions.tsv: bad row: " + std::string(line));
    auto column = [&](RegionColumn c) {
      return c < columns.size() && !columns[c].empty() ? split(columns[c], '|') : std::vector<std::string_view>{};
    };
    rows.push_back({std::string(columns[REGION_CODE]), columns[REGION_LABEL], columns[REGION_READS_AS] == "name",
                    column(REGION_NAMES), column(REGION_ADJECTIVES), column(REGION_ABBREVIATIONS)});
  }
  return rows;
}

// A table value without its "?" mark of ambiguity.
std::string_view unmarked(std::string_view value) { return value.starts_with('?') ? value.substr(1) : value; }

struct Succession {
  std::string historical;  // "SU"
  PartialDate until;       // articles published before this day
  std::vector<std::string> members;
};

}  // namespace

struct CountryTable::Names {
  std::unordered_map<std::string, std::string> by_folded_name;  // folded name -> code
  StringMap<std::vector<CountryPhrase>> phrases;
  StringMap<std::vector<CountryPhrase>> dateline;
  std::unordered_set<std::string, StringHash, std::equal_to<>> first_words;
  std::size_t longest = 1;
  std::unordered_map<std::string, std::string> own_label;  // codes ICU does not name
  std::vector<Succession> successions;
  std::unordered_map<std::string, std::vector<std::string>> capitals;  // code -> capitals as written
  std::unordered_map<std::string, std::string> region_by_folded_name;  // folded name -> ISO 3166-2
  std::unordered_map<std::string, std::string> region_label;           // ISO 3166-2 -> English name
};

// The cities of cities.tsv, read on first use: 13,000 names whose keys take the analyser,
// which only entity extraction needs (a search that labels countries never asks).
struct CountryTable::Cities {
  std::once_flag read;
  StringMap<CountryPhrase> by_key;
  std::unordered_set<std::string, StringHash, std::equal_to<>> first_words;
  std::size_t longest = 1;
};

struct CountryTable::Local {
  std::mutex mutex;
  std::map<std::string, std::unique_ptr<LocalCountryNames>, std::less<>> by_language;
};

const CountryTable& CountryTable::instance() {
  static const CountryTable TABLE;
  return TABLE;
}

std::string dotless_key(std::string_view key) {
  std::string out;
  for (char c : key)
    if (c != '.' && c != ' ') out += c;
  return out;
}

CountryTable::CountryTable() {
  auto* names = new Names;  // lives as long as the process, like the table itself
  names_ = names;
  local_ = new Local;
  cities_ = new Cities;
  Analyzer analyzer;
  auto add_lookup_name = [&](std::string_view name, const std::string& code) {
    if (!name.empty()) names->by_folded_name.emplace(analyzer.fold(name), code);
  };
  auto add_phrase = [&](std::string_view written, const std::string& code, CountryNameKind kind,
                        const std::string& region = {}) {
    bool ambiguous = false;
    if (written.starts_with('?')) {
      ambiguous = true;
      written.remove_prefix(1);
    }
    const std::string key = phrase_key(written, analyzer);
    if (key.empty()) return;
    auto& entries = names->phrases[key];
    for (const auto& e : entries)
      if (e.code == code && e.kind <= kind) return;  // the stronger reading is already there
    const CountryPhrase phrase{code, kind, ambiguous, written_in_capitals(written), region};
    if (kind != CountryNameKind::DATELINE_PLACE) entries.push_back(phrase);
    else if (entries.empty()) names->phrases.erase(key);
    if (kind != CountryNameKind::NOT_A_COUNTRY) names->dateline[dotless_key(key)].push_back(phrase);
    names->first_words.insert(key.substr(0, key.find(' ')));
    names->longest = std::max<std::size_t>(names->longest, std::count(key.begin(), key.end(), ' ') + 1);
  };

  // Regions first: a region's name is also read as a dateline place of its country ("New
  // York" the state and the city), and the first, stronger, reading keeps the region.
  for (const RegionRow& row : region_rows()) {
    const std::string country = row.code.substr(0, 2);
    region_codes_.push_back(row.code);
    names->region_label.emplace(row.code, row.label);
    // The label finds the region in the region: field too, names or not ("Victoria").
    for (const auto& list : {std::vector<std::string_view>{row.label}, row.names, row.adjectives, row.abbreviations})
      for (auto name : list) names->region_by_folded_name.emplace(dotless_key(analyzer.fold(unmarked(name))), row.code);
    // A nation reads as its country's own name ("Scotland"), a state as a region of it.
    for (auto name : row.names) {
      add_phrase(name, country, row.reads_as_name ? CountryNameKind::NAME : CountryNameKind::REGION, row.code);
      if (row.reads_as_name && !name.starts_with('?')) add_lookup_name(name, country);
    }
    for (auto adjective : row.adjectives) {
      add_phrase(adjective, country, row.reads_as_name ? CountryNameKind::ADJECTIVE : CountryNameKind::REGION, row.code);
      if (row.reads_as_name && !adjective.starts_with('?')) add_lookup_name(adjective, country);
    }
    for (auto abbreviation : row.abbreviations) add_phrase(abbreviation, country, CountryNameKind::DATELINE_PLACE, row.code);
  }
  std::sort(region_codes_.begin(), region_codes_.end());

  // The project's own table next: its "?" marks must win over ICU's plain names.
  std::unordered_set<std::string> iso_codes;
  for (const char* const* iso = uloc_getISOCountries(); *iso; ++iso) iso_codes.insert(*iso);
  for (std::string_view line : split(data::COUNTRIES_TSV, '\n')) {
    if (line.empty() || line.front() == '#') continue;
    const auto columns = split(line, '\t');
    const std::string code(columns[CODE]);
    auto column = [&](Column c) { return c < columns.size() ? split(columns[c], '|') : std::vector<std::string_view>{}; };
    if (code == "-") {
      for (auto phrase : column(NAMES)) add_phrase(phrase, "", CountryNameKind::NOT_A_COUNTRY);
      continue;
    }
    if (!iso_codes.contains(code)) {
      codes_.push_back(code);
      if (!columns[NAMES].empty()) names->own_label.emplace(code, std::string(column(NAMES).front()));
    }
    for (auto name : column(NAMES)) {
      add_phrase(name, code, CountryNameKind::NAME);
      if (!name.starts_with('?')) add_lookup_name(name, code);
    }
    for (auto adjective : column(ADJECTIVES)) {
      add_phrase(adjective, code, CountryNameKind::ADJECTIVE);
      if (!adjective.starts_with('?')) add_lookup_name(adjective, code);
    }
    for (auto capital : column(CAPITALS)) {
      add_phrase(capital, code, CountryNameKind::CAPITAL);
      if (!capital.starts_with('?')) names->capitals[code].emplace_back(capital);
    }
    for (auto region : column(REGIONS)) add_phrase(region, code, CountryNameKind::REGION);
    for (auto place : column(DATELINE_PLACES)) add_phrase(place, code, CountryNameKind::DATELINE_PLACE);
    if (columns.size() > SUCCEEDS && !columns[SUCCEEDS].empty()) {
      const auto words = split(columns[SUCCEEDS], ' ');
      Succession succession{code, {}, {}};
      const std::string_view day = words.front();
      int y = 0, m = 0, d = 0;
      if (day.size() != 10 || std::from_chars(day.data(), day.data() + 4, y).ec != std::errc{} ||
          std::from_chars(day.data() + 5, day.data() + 7, m).ec != std::errc{} ||
          std::from_chars(day.data() + 8, day.data() + 10, d).ec != std::errc{})
        throw std::logic_error("countries.tsv: bad succession date for " + code);
      succession.until = PartialDate{y, unsigned(m), unsigned(d)};
      for (std::size_t i = 1; i < words.size(); ++i) succession.members.emplace_back(words[i]);
      names->successions.push_back(std::move(succession));
    }
  }

  for (const char* const* iso = uloc_getISOCountries(); *iso; ++iso) {
    const std::string code = *iso;
    codes_.push_back(code);
    const icu::Locale country("", code.c_str());
    for (const char* locale : NAME_LOCALES) {
      icu::UnicodeString display;
      country.getDisplayCountry(icu::Locale(locale), display);
      std::string utf8;
      display.toUTF8String(utf8);
      if (utf8 == code) continue;
      add_lookup_name(utf8, code);
      // Extraction reads English text: ICU's English names join the phrases.
      if (std::string_view(locale) == "en") add_phrase(utf8, code, CountryNameKind::NAME);
    }
  }
  std::sort(codes_.begin(), codes_.end());
}

namespace {

std::string utf8_of(const icu::UnicodeString& text) {
  std::string utf8;
  text.toUTF8String(utf8);
  return utf8;
}

// Languages written without spaces between words: names are found inside runs of text.
bool written_without_spaces(std::string_view language) { return language == "zh" || language == "ja" || language == "th"; }

}  // namespace

const LocalCountryNames* CountryTable::local_names(std::string_view language) const {
  if (language.empty() || language == DEFAULT_LANGUAGE || language_code(language) != language) return nullptr;
  const std::lock_guard lock(local_->mutex);
  if (auto it = local_->by_language.find(language); it != local_->by_language.end()) return it->second.get();
  auto local = std::make_unique<LocalCountryNames>();
  local->language = std::string(language);
  Analyzer analyzer;
  Xapian::Stem stem = stemmer_for(language);
  const icu::Locale in_language(local->language.c_str());
  auto add = [&](const std::string& written, const std::string& code, CountryNameKind kind) {
    if (written.empty() || written == code) return;
    const CountryPhrase phrase{code, kind, false, false, {}};
    if (written_without_spaces(language)) local->unspaced.emplace_back(analyzer.fold(written), phrase);
    std::string key;
    std::size_t words = 0;
    for (const auto& token : tokenize_for_entities(written, analyzer)) {
      if (!key.empty()) key += ' ';
      key += stem(token.folded);
      ++words;
    }
    if (key.empty()) return;
    auto& entries = local->by_stems[key];
    for (const auto& e : entries)
      if (e.code == code) return;
    entries.push_back(phrase);
    local->longest = std::max(local->longest, words);
  };
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::TimeZoneNames> english_zones(icu::TimeZoneNames::createInstance(icu::Locale("en"), status));
  std::unique_ptr<icu::TimeZoneNames> local_zones(icu::TimeZoneNames::createInstance(in_language, status));
  if (U_FAILURE(status)) english_zones.reset(), local_zones.reset();
  // Present-day countries only: ICU names a former code as its successor ("SU" as
  // Russia), and code_at() turns a country into the state it was part of by the date.
  for (const char* const* iso = uloc_getISOCountries(); *iso; ++iso) {
    const std::string code = *iso;
    icu::UnicodeString display;
    icu::Locale("", code.c_str()).getDisplayCountry(in_language, display);
    add(utf8_of(display), code, CountryNameKind::NAME);
    const auto capitals = names_->capitals.find(code);
    if (capitals == names_->capitals.end()) continue;
    // The table's capitals are English, with other languages' forms where the
    // time-zone database has none ("北京": China's zone is Asia/Shanghai).
    for (const auto& capital : capitals->second) add(capital, code, CountryNameKind::CAPITAL);
    if (!english_zones) continue;
    status = U_ZERO_ERROR;
    std::unique_ptr<icu::StringEnumeration> zones(
        icu::TimeZone::createTimeZoneIDEnumeration(UCAL_ZONE_TYPE_CANONICAL_LOCATION, code.c_str(), nullptr, status));
    if (U_FAILURE(status) || !zones) continue;
    while (const icu::UnicodeString* zone = zones->snext(status)) {
      if (U_FAILURE(status)) break;
      icu::UnicodeString english, local_name;
      english_zones->getExemplarLocationName(*zone, english);
      const std::string english_utf8 = utf8_of(english);
      if (std::find(capitals->second.begin(), capitals->second.end(), english_utf8) == capitals->second.end()) continue;
      local_zones->getExemplarLocationName(*zone, local_name);
      add(utf8_of(local_name), code, CountryNameKind::CAPITAL);
    }
  }
  return local_->by_language.emplace(local->language, std::move(local)).first->second.get();
}

namespace {

// The folded forms a name is looked up by: itself, and, for a slug ("new-zealand",
// "west-germany", as Reuters writes its places), the name it spells.
std::vector<std::string> folded_forms(std::string_view name) {
  Analyzer analyzer;
  std::vector<std::string> forms{analyzer.fold(name)};
  if (name.find('-') != std::string_view::npos) {
    std::string spelled(name);
    std::replace(spelled.begin(), spelled.end(), '-', ' ');
    forms.push_back(analyzer.fold(spelled));
  }
  return forms;
}

}  // namespace

std::optional<std::string> CountryTable::code_for(std::string_view name) const {
  const std::string upper = upper_ascii(name);
  if (upper.size() == 2 && std::binary_search(codes_.begin(), codes_.end(), upper)) return upper;
  for (const auto& folded : folded_forms(name))
    if (auto it = names_->by_folded_name.find(folded); it != names_->by_folded_name.end()) return it->second;
  return std::nullopt;
}

std::string CountryTable::label(std::string_view code, std::string_view locale) const {
  const std::string upper = upper_ascii(code);
  if (auto it = names_->own_label.find(upper); it != names_->own_label.end()) return it->second;
  icu::UnicodeString display;
  icu::Locale("", upper.c_str()).getDisplayCountry(icu::Locale(std::string(locale).c_str()), display);
  std::string utf8;
  display.toUTF8String(utf8);
  return utf8.empty() ? upper : utf8;
}

std::optional<std::string> CountryTable::region_for(std::string_view name) const {
  const std::string upper = upper_ascii(name);
  if (std::binary_search(region_codes_.begin(), region_codes_.end(), upper)) return upper;
  for (const auto& folded : folded_forms(name))
    if (auto it = names_->region_by_folded_name.find(dotless_key(folded)); it != names_->region_by_folded_name.end())
      return it->second;
  return std::nullopt;
}

std::string CountryTable::region_label(std::string_view code) const {
  std::string upper = upper_ascii(code);
  if (auto it = names_->region_label.find(upper); it != names_->region_label.end()) return it->second;
  return upper;
}

const std::vector<CountryPhrase>* CountryTable::phrases(std::string_view key) const {
  auto it = names_->phrases.find(key);
  return it == names_->phrases.end() ? nullptr : &it->second;
}

bool CountryTable::starts_phrase(std::string_view folded_word) const {
  return names_->first_words.find(folded_word) != names_->first_words.end();
}

std::size_t CountryTable::longest_phrase() const { return names_->longest; }

const std::vector<CountryPhrase>* CountryTable::dateline_place(std::string_view dotless) const {
  auto it = names_->dateline.find(dotless);
  return it == names_->dateline.end() ? nullptr : &it->second;
}

const CountryTable::Cities& CountryTable::cities() const {
  std::call_once(cities_->read, [this] {
    Analyzer analyzer;
    for (std::string_view line : split(data::CITIES_TSV, '\n')) {
      if (line.empty() || line.front() == '#') continue;
      const auto columns = split(line, '\t');
      if (columns.size() <= CITY_POPULATION) throw std::logic_error("cities.tsv: too few columns: " + std::string(line));
      std::vector<std::string_view> written{columns[CITY_NAME]};
      if (columns.size() > CITY_OTHER_NAMES && !columns[CITY_OTHER_NAMES].empty())
        for (auto other : split(columns[CITY_OTHER_NAMES], '|')) written.push_back(other);
      const std::string region = columns.size() > CITY_REGION ? std::string(columns[CITY_REGION]) : std::string();
      const CountryPhrase city{std::string(columns[CITY_COUNTRY]), CountryNameKind::CITY, false, false, region};
      for (auto name : written) {
        const std::string key = phrase_key(name, analyzer);
        // The data script gives each name to one city; the first row wins should two clash.
        if (key.empty() || !cities_->by_key.emplace(key, city).second) continue;
        cities_->first_words.insert(key.substr(0, key.find(' ')));
        cities_->longest = std::max<std::size_t>(cities_->longest, std::count(key.begin(), key.end(), ' ') + 1);
      }
    }
  });
  return *cities_;
}

const CountryPhrase* CountryTable::city(std::string_view key) const {
  const auto& all = cities().by_key;
  auto it = all.find(key);
  return it == all.end() ? nullptr : &it->second;
}

bool CountryTable::starts_city(std::string_view folded_word) const {
  const auto& words = cities().first_words;
  return words.find(folded_word) != words.end();
}

std::size_t CountryTable::longest_city() const { return cities().longest; }

std::string CountryTable::code_at(std::string_view code, const std::optional<PartialDate>& published) const {
  if (published) {
    const auto before = [&](const PartialDate& until) {
      return std::tie(published->year, published->month, published->day) <
             std::tie(until.year, until.month, until.day);
    };
    for (const auto& s : names_->successions)
      if (before(s.until) && std::find(s.members.begin(), s.members.end(), code) != s.members.end())
        return s.historical;
  }
  return std::string(code);
}

}  // namespace newsdex
