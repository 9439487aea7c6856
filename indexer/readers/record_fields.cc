#include "record_fields.h"

#include <algorithm>
#include <ctime>

#include "core/append_unique.h"
#include "core/ascii_text.h"
#include "entities/country_table.h"
#include "analysis/derived_title.h"
#include "analysis/language.h"
#include "core/text_encoding.h"

namespace newsdex {
namespace {

// Where each article field is looked for, in order.
const std::vector<std::pair<std::string, std::vector<std::string>>>& default_fields() {
  static const std::vector<std::pair<std::string, std::vector<std::string>>> DEFAULTS = {
      {"id", {"id", "_id", "guid", "uuid", "docid", "doc_id"}},
      {"title", {"title", "headline"}},
      {"body", {"body", "text", "content"}},
      {"date", {"date", "published", "published_at", "publishedAt", "pubDate", "datePublished"}},
      {"authors", {"authors", "author", "byline"}},
      {"url", {"url", "link"}},
      {"source", {"source", "publisher"}},
      {"language", {"language", "lang"}},
      {"dateline", {"dateline"}},
      {"people", {"people", "persons"}},
      {"countries", {"countries", "places"}},
      {"topics", {"topics", "topic", "category", "categories"}},
  };
  return DEFAULTS;
}

}  // namespace

bool is_default_record_field(std::string_view name) {
  for (const auto& [field, names] : default_fields())
    if (std::find(names.begin(), names.end(), name) != names.end()) return true;
  return false;
}

bool is_default_body_field(std::string_view name) {
  for (const auto& [field, names] : default_fields())
    if (field == "body") return std::find(names.begin(), names.end(), name) != names.end();
  return false;
}

const std::vector<std::string>& article_field_names() {
  static const std::vector<std::string> NAMES = [] {
    std::vector<std::string> names;
    for (const auto& [field, _] : default_fields()) names.push_back(field);
    return names;
  }();
  return NAMES;
}

std::string canonical_article_field(std::string_view name) {
  if (name == "author") return "authors";
  if (name == "text") return "body";
  return std::string(name);
}

FieldMapping::FieldMapping(const std::map<std::string, std::string>& overrides) {
  for (const auto& [field, names] : default_fields()) lookup_[field] = names;
  for (const auto& [field, name] : overrides) lookup_[canonical_article_field(field)] = {name};
}

std::vector<std::string> split_names(std::string_view byline) {
  std::string normalised(trim_space(byline));
  if (normalised.starts_with("By ") || normalised.starts_with("by ")) normalised.erase(0, 3);
  for (std::string_view sep : {" and ", " & ", ";"}) {
    for (std::size_t at; (at = normalised.find(sep)) != std::string::npos;) normalised.replace(at, sep.size(), ",");
  }
  std::vector<std::string> names;
  std::size_t start = 0;
  while (start <= normalised.size()) {
    std::size_t comma = normalised.find(',', start);
    if (comma == std::string::npos) comma = normalised.size();
    const auto name = trim_space(std::string_view(normalised).substr(start, comma - start));
    if (!name.empty()) names.emplace_back(name);
    start = comma + 1;
  }
  return names;
}

std::optional<PartialDate> date_from_unix(double seconds) {
  if (seconds > 1e11) seconds /= 1000;  // milliseconds
  const auto t = static_cast<std::time_t>(seconds);
  std::tm tm{};
  if (!gmtime_r(&t, &tm)) return std::nullopt;
  const int year = tm.tm_year + 1900;
  if (!is_valid_day(year, static_cast<unsigned>(tm.tm_mon + 1), static_cast<unsigned>(tm.tm_mday))) return std::nullopt;
  return PartialDate{year, static_cast<unsigned>(tm.tm_mon + 1), static_cast<unsigned>(tm.tm_mday)};
}

void set_language(Article& article, std::string_view text, Diagnostics& diagnostics) {
  const std::string language(trim_space(text));
  if (language.empty()) return;
  article.language = language_code(language);
  if (article.language.empty())
    diagnostics.warning(article.origin, "unknown-language", "unknown language '" + language + "'; the default applies");
}

void set_date(Article& article, std::string_view text, DateParser& dates, Diagnostics& diagnostics) {
  const std::string_view date = trim_space(text);
  if (date.empty()) return;
  // Nine digits or more: Unix time (seconds since 1973, or milliseconds); shorter digit
  // strings are dates such as 19870226.
  const bool digits = std::all_of(date.begin(), date.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (digits && date.size() >= 9 && date.size() <= 15) article.date = date_from_unix(std::stod(std::string(date)));
  else article.date = dates.parse(date);
  if (!article.date)
    diagnostics.warning(article.origin, "bad-date", "unparseable date '" + std::string(date) + "'; article kept without a date");
}

void set_given_people(Article& article, std::vector<std::string> people) {
  article.given.people = std::move(people);
  article.people = article.given.people;
}

void set_given_countries(Article& article, std::vector<std::string> places, Diagnostics& diagnostics) {
  article.given.places = std::move(places);
  const CountryTable& table = CountryTable::instance();
  for (const auto& place : article.given.places) {
    auto code = table.code_for(place);
    // A region ("Scotland", "GB-SCT", "California") is one of its country's; a name that is
    // a country's first ("Georgia") stays the country.
    if (const auto region = table.region_for(place); region && (!code || *code == region->substr(0, 2))) {
      code = region->substr(0, 2);
      append_unique(article.regions, *region);
    }
    if (code) {
      append_unique(article.countries, *code);
    } else {
      diagnostics.warning(article.origin, "unknown-country", "unknown country '" + place + "'; kept as a given label only");
    }
  }
}

bool finish_record(Article& article, Diagnostics& diagnostics) {
  bool garbled = repair_double_encoding(article.title);
  garbled = repair_double_encoding(article.body) || garbled;
  if (garbled) diagnostics.warning(article.origin, "mojibake", DOUBLE_ENCODING_REPAIRED);
  else if (looks_double_encoded(article.title) || looks_double_encoded(article.body))
    diagnostics.warning(article.origin, "mojibake-suspected", DOUBLE_ENCODING_SUSPECTED);
  bool control = replace_control_bytes(article.title);
  control = replace_control_bytes(article.body) || control;
  if (control) diagnostics.warning(article.origin, "control-bytes", "control characters replaced with spaces");
  if (article.title.empty() && article.body.empty()) {
    diagnostics.skipped(article.origin, "empty", "article has no text");
    return false;
  }
  if (article.title.empty()) {
    article.title = derive_title(article.body);
    article.title_derived = !article.title.empty();
  }
  return true;
}

}  // namespace newsdex
