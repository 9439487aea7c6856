// The fields a hit can carry in JSON and CSV output, chosen with --fields: one list of
// names, and one way to turn each into a JSON value or a CSV cell.
#pragma once

#include <optional>
#include <utility>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "search_request.h"

namespace newsdex {

enum class HitField {
  RANK, ID, SCORE, TITLE, TITLE_DERIVED, DATE, SOURCE, URL, AUTHORS, PEOPLE, COUNTRIES, REGIONS,
  SNIPPET, BODY, DATELINE, LANGUAGE, MENTIONED_DATES, STORY, SIMILAR
};

// "rank", "id", "score", "title", "title_derived", "date", "source", "url", "authors",
// "people", "countries", "regions", "snippet", "body", "dateline", "language", "mentioned_dates",
// "story" (the story key), "similar" (--collapse: other matches of the story).
std::string_view hit_field_name(HitField field);
// Every name, comma-separated, for messages and --help.
std::string hit_field_names();
// "id,title,body" -> the fields; throws std::invalid_argument naming an unknown one.
std::vector<HitField> parse_hit_fields(std::string_view list);

// What a CSV hit carries unless --fields says otherwise.
const std::vector<HitField>& default_csv_fields();

// The field as JSON: a number, a string, a list of strings, true/false, or null.
nlohmann::ordered_json hit_field_json(const Hit& hit, HitField field);
// The field as one CSV cell: lists joined by "; ", a missing value empty.
std::string hit_field_text(const Hit& hit, HitField field);

// The snippet without its highlight marks.
std::string plain_snippet(const std::string& snippet);
// Where plain_snippet(snippet) holds the marked words: [start, length] pairs in Unicode
// code points, in order.
std::vector<std::pair<std::size_t, std::size_t>> snippet_highlights(const std::string& snippet);

}  // namespace newsdex
