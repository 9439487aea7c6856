#include "country_table.h"

#include <unicode/locid.h>
#include <unicode/uloc.h>
#include <unicode/unistr.h>

#include <unordered_map>

#include "analyzer.h"

namespace newsdex {
namespace {

// Historical states keep their former codes (ISO 3166-3), as DESIGN's schema says.
struct Historical {
  const char* code;
  const char* name;
};
constexpr Historical kHistorical[] = {
    {"SU", "Soviet Union"}, {"DD", "East Germany"}, {"CS", "Czechoslovakia"}, {"YU", "Yugoslavia"}};

// Locales whose country names are accepted as query and lookup input, besides English.
constexpr const char* kNameLocales[] = {"en", "de", "fr", "es", "it", "pt", "nl", "ru", "zh", "ja", "ar"};

std::string upper_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 32);
  return out;
}

}  // namespace

struct CountryTable::Names {
  std::unordered_map<std::string, std::string> by_folded_name;  // folded name -> code
};

const CountryTable& CountryTable::instance() {
  static const CountryTable table;
  return table;
}

CountryTable::CountryTable() {
  auto* names = new Names;  // lives as long as the process, like the table itself
  names_ = names;
  Analyzer analyzer;
  auto add = [&](const std::string& name, const std::string& code) {
    if (!name.empty()) names->by_folded_name.emplace(analyzer.fold(name), code);
  };
  for (const char* const* iso = uloc_getISOCountries(); *iso; ++iso) {
    const std::string code = *iso;
    codes_.push_back(code);
    const icu::Locale country("", code.c_str());
    for (const char* locale : kNameLocales) {
      icu::UnicodeString display;
      country.getDisplayCountry(icu::Locale(locale), display);
      std::string utf8;
      display.toUTF8String(utf8);
      if (utf8 != code) add(utf8, code);
    }
  }
  for (const auto& h : kHistorical) {
    codes_.emplace_back(h.code);
    add(h.name, h.code);
  }
}

std::optional<std::string> CountryTable::code_for(std::string_view name) const {
  const std::string upper = upper_ascii(name);
  if (upper.size() == 2) {
    for (const auto& code : codes_)
      if (code == upper) return code;
  }
  Analyzer analyzer;
  if (auto it = names_->by_folded_name.find(analyzer.fold(name)); it != names_->by_folded_name.end())
    return it->second;
  return std::nullopt;
}

std::string CountryTable::label(std::string_view code, std::string_view locale) const {
  const std::string upper = upper_ascii(code);
  for (const auto& h : kHistorical)
    if (upper == h.code) return h.name;
  icu::UnicodeString display;
  icu::Locale("", upper.c_str()).getDisplayCountry(icu::Locale(std::string(locale).c_str()), display);
  std::string utf8;
  display.toUTF8String(utf8);
  return utf8.empty() ? upper : utf8;
}

}  // namespace newsdex
