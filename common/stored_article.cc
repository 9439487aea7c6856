#include "stored_article.h"

#include <nlohmann/json.hpp>

#include <stdexcept>

#include <cstdio>

namespace newsdex {
namespace {

using json = nlohmann::ordered_json;

std::optional<PartialDate> date_from_iso(const std::string& iso) {
  // Stored dates are always our own "YYYY-MM-DD" or "YYYY-MM".
  PartialDate date;
  unsigned month = 0, day = 0;
  int year = 0;
  if (std::sscanf(iso.c_str(), "%4d-%2u-%2u", &year, &month, &day) >= 2) {
    date.year = year;
    date.month = month;
    date.day = day;
    return date;
  }
  return std::nullopt;
}

template <class T>
void get_if_present(const json& j, const char* key, T& out) {
  if (auto it = j.find(key); it != j.end() && !it->is_null()) it->get_to(out);
}

}  // namespace

std::string encode_stored_article(const Article& a) {
  json j;
  j["id"] = a.id;
  j["title"] = a.title;
  if (a.date) j["date"] = a.date->to_iso();
  if (!a.source.empty()) j["source"] = a.source;
  if (!a.url.empty()) j["url"] = a.url;
  if (!a.dateline.empty()) j["dateline"] = a.dateline;
  if (!a.language.empty()) j["language"] = a.language;
  j["authors"] = a.authors;
  j["people"] = a.people;
  j["countries"] = a.countries;
  json mentioned = json::array();
  for (const auto& d : a.mentioned_dates) mentioned.push_back(d.to_iso());
  j["mentioned_dates"] = std::move(mentioned);
  if (!a.given.empty()) {
    j["given"] = {{"people", a.given.people}, {"places", a.given.places}, {"topics", a.given.topics}};
  }
  j["text"] = a.body;
  // Invalid UTF-8 has been repaired by the readers; replace anything left rather than throw.
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

Article decode_stored_article(std::string_view data) {
  json j = json::parse(data, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object()) throw std::runtime_error("document data is not a newsdex article");
  Article a;
  get_if_present(j, "id", a.id);
  get_if_present(j, "title", a.title);
  get_if_present(j, "source", a.source);
  get_if_present(j, "url", a.url);
  get_if_present(j, "dateline", a.dateline);
  get_if_present(j, "language", a.language);
  get_if_present(j, "authors", a.authors);
  get_if_present(j, "people", a.people);
  get_if_present(j, "countries", a.countries);
  get_if_present(j, "text", a.body);
  std::string date;
  get_if_present(j, "date", date);
  if (!date.empty()) a.date = date_from_iso(date);
  std::vector<std::string> mentioned;
  get_if_present(j, "mentioned_dates", mentioned);
  for (const auto& m : mentioned)
    if (auto d = date_from_iso(m)) a.mentioned_dates.push_back(*d);
  if (auto given = j.find("given"); given != j.end() && given->is_object()) {
    get_if_present(*given, "people", a.given.people);
    get_if_present(*given, "places", a.given.places);
    get_if_present(*given, "topics", a.given.topics);
  }
  return a;
}

}  // namespace newsdex
