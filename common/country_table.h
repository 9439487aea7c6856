// Countries: ISO 3166-1 alpha-2 codes, their names in any language ICU knows, and the
// other ways news text names them. The single source of truth for country names, used by
// entity extraction (indexer) and by the country: query field and facet labels (searcher).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace newsdex {

class CountryTable {
 public:
  // The table of every country ICU knows plus the historical states news archives meet.
  static const CountryTable& instance();

  // The code ("BY") for a code, name, short form or adjective in any case and with or
  // without accents: "by", "Belarus", "Belarusian", "Weißrussland". nullopt if unknown.
  std::optional<std::string> code_for(std::string_view name) const;

  // The country's name in `locale` (an ICU locale id such as "en", "de", "fr_CA"),
  // from ICU; falls back to the code when ICU has no name.
  std::string label(std::string_view code, std::string_view locale = "en") const;

  // Every code in the table, upper case.
  const std::vector<std::string>& codes() const { return codes_; }

 private:
  CountryTable();
  std::vector<std::string> codes_;
  struct Names;
  const Names* names_;
};

}  // namespace newsdex
