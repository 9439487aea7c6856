#include "hit_fields.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <stdexcept>

#include "cli/cli.h"

namespace newsdex {
namespace {

constexpr std::string_view NAMES[] = {"rank",    "id",       "score",    "title",   "title_derived",   "date",
                                      "source",  "url",      "authors",  "people",  "countries",       "regions",
                                      "snippet", "body",     "dateline", "language", "mentioned_dates", "story",
                                      "similar"};

std::vector<std::string> mentioned(const Article& a) {
  std::vector<std::string> out;
  for (const auto& d : a.mentioned_dates) out.push_back(d.to_iso());
  return out;
}

}  // namespace

std::string_view hit_field_name(HitField field) { return NAMES[static_cast<int>(field)]; }

std::string hit_field_names() { return fmt::format("{}", fmt::join(NAMES, ",")); }

std::vector<HitField> parse_hit_fields(std::string_view list) {
  std::vector<HitField> fields;
  for (const std::string_view name : cli::comma_list(list)) {
    const auto* found = std::find(std::begin(NAMES), std::end(NAMES), name);
    if (found == std::end(NAMES))
      throw std::invalid_argument("unknown field '" + std::string(name) + "' (" + hit_field_names() + ")");
    fields.push_back(static_cast<HitField>(found - std::begin(NAMES)));
  }
  if (fields.empty()) throw std::invalid_argument("no field named (" + hit_field_names() + ")");
  return fields;
}

const std::vector<HitField>& default_csv_fields() {
  static const std::vector<HitField> DEFAULTS = {HitField::RANK,   HitField::ID,        HitField::SCORE,
                                               HitField::DATE,   HitField::TITLE,     HitField::SOURCE,
                                               HitField::PEOPLE, HitField::COUNTRIES, HitField::SNIPPET};
  return DEFAULTS;
}

std::string plain_snippet(const std::string& snippet) {
  std::string out;
  out.reserve(snippet.size());
  for (char c : snippet)
    if (c != SNIPPET_MARK_START && c != SNIPPET_MARK_END) out += c;
  return out;
}

std::vector<std::pair<std::size_t, std::size_t>> snippet_highlights(const std::string& snippet) {
  std::vector<std::pair<std::size_t, std::size_t>> spans;
  std::size_t position = 0, start = 0;
  bool inside = false;
  for (char c : snippet) {
    if (c == SNIPPET_MARK_START) {
      inside = true;
      start = position;
    } else if (c == SNIPPET_MARK_END) {
      if (inside && position > start) spans.emplace_back(start, position - start);
      inside = false;
    } else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
      ++position;  // a character starts here (UTF-8 continuation bytes do not count)
    }
  }
  return spans;
}

nlohmann::ordered_json hit_field_json(const Hit& hit, HitField field) {
  const Article& a = hit.article;
  const auto text_or_null = [](const std::string& s) { return s.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(s); };
  switch (field) {
    case HitField::RANK: return hit.rank;
    case HitField::ID: return a.id;
    case HitField::SCORE: return hit.score;
    case HitField::TITLE: return a.title;
    case HitField::TITLE_DERIVED: return a.title_derived;
    case HitField::DATE: return a.date ? nlohmann::ordered_json(a.date->to_iso()) : nlohmann::ordered_json(nullptr);
    case HitField::SOURCE: return text_or_null(a.source);
    case HitField::URL: return text_or_null(a.url);
    case HitField::AUTHORS: return a.authors;
    case HitField::PEOPLE: return a.people;
    case HitField::COUNTRIES: return a.countries;
    case HitField::REGIONS: return a.regions;
    case HitField::SNIPPET: return plain_snippet(hit.snippet);
    case HitField::BODY: return a.body;
    case HitField::DATELINE: return text_or_null(a.dateline);
    case HitField::LANGUAGE: return text_or_null(a.language);
    case HitField::MENTIONED_DATES: return mentioned(a);
    case HitField::STORY: return text_or_null(hit.story);
    case HitField::SIMILAR: return hit.similar;
  }
  return nullptr;
}

std::string hit_field_text(const Hit& hit, HitField field) {
  const Article& a = hit.article;
  const auto list = [](const std::vector<std::string>& items) { return fmt::format("{}", fmt::join(items, "; ")); };
  switch (field) {
    case HitField::RANK: return std::to_string(hit.rank);
    case HitField::ID: return a.id;
    case HitField::SCORE: return fmt::format("{:.6f}", hit.score);
    case HitField::TITLE: return a.title;
    case HitField::TITLE_DERIVED: return a.title_derived ? "true" : "false";
    case HitField::DATE: return a.date ? a.date->to_iso() : std::string();
    case HitField::SOURCE: return a.source;
    case HitField::URL: return a.url;
    case HitField::AUTHORS: return list(a.authors);
    case HitField::PEOPLE: return list(a.people);
    case HitField::COUNTRIES: return list(a.countries);
    case HitField::REGIONS: return list(a.regions);
    case HitField::SNIPPET: return plain_snippet(hit.snippet);
    case HitField::BODY: return a.body;
    case HitField::DATELINE: return a.dateline;
    case HitField::LANGUAGE: return a.language;
    case HitField::MENTIONED_DATES: return list(mentioned(a));
    case HitField::STORY: return hit.story;
    case HitField::SIMILAR: return std::to_string(hit.similar);
  }
  return {};
}

}  // namespace newsdex
