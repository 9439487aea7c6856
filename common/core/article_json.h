// An article as one JSON object: which fields, in which order, and what an absent one
// becomes. The three places that write articles as JSON go through here, each with its
// own ArticleJsonFields: the stored article (storage/stored_article), `newsdex-index
// --extract` and `newsdex-search --show` (ARTICLE_JSON_STORED, _EXTRACT, _SHOW).
#pragma once

#include <string>
#include <vector>

#include "core/article.h"

namespace newsdex {

// What differs between the JSON forms of an article. Always written, in this order: "id",
// "title", "title_derived" (only when true), "date" (YYYY-MM-DD or YYYY-MM), then the
// optional fields below, "authors", "people", "countries", "regions", "mentioned_dates", then
// "given" and the text when asked for.
struct ArticleJsonFields {
  // An article without a date or language: null, or the key left out.
  bool null_date = false;
  bool null_language = false;
  // "source" and "url" after the date (left out when empty).
  bool source_and_url = false;
  // "dateline" (left out when empty), before "language".
  bool dateline = false;
  // "dateline" and "language" after "regions" instead of before "authors".
  bool dateline_and_language_last = false;
  // "given" {"people", "places", "topics"} when the source gave labels.
  bool given = false;
  // The key of the article's text; nullptr leaves the text out.
  const char* text_key = nullptr;
};

// The stored article: every field, absent ones left out, the text as "text".
inline constexpr ArticleJsonFields ARTICLE_JSON_STORED{false, false, true, true, false, true, "text"};
// --extract: what extraction found, a missing date or language null, no text.
inline constexpr ArticleJsonFields ARTICLE_JSON_EXTRACT{true, true, false, false, false, false, nullptr};
// --show in JSON: every stored field but the given labels, the text as "body".
inline constexpr ArticleJsonFields ARTICLE_JSON_SHOW{true, false, true, true, true, false, "body"};

// Walks the article's fields in the order `fields` says, calling the sink's
// string(key, value), null(key), boolean(key, value), strings(key, values),
// start_object(key) / end_object() (key nullptr for the outer object). Each JSON library
// is a sink: RapidJSON for the stored article, nlohmann-json for the lines below.
template <typename Sink>
void write_article_json(const Article& a, const ArticleJsonFields& fields, Sink& sink) {
  auto dateline_and_language = [&] {
    if (fields.dateline && !a.dateline.empty()) sink.string("dateline", a.dateline);
    if (!a.language.empty())
      sink.string("language", a.language);
    else if (fields.null_language)
      sink.null("language");
  };
  sink.start_object(nullptr);
  sink.string("id", a.id);
  sink.string("title", a.title);
  if (a.title_derived) sink.boolean("title_derived", true);
  if (a.date)
    sink.string("date", a.date->to_iso());
  else if (fields.null_date)
    sink.null("date");
  if (fields.source_and_url) {
    if (!a.source.empty()) sink.string("source", a.source);
    if (!a.url.empty()) sink.string("url", a.url);
  }
  if (!fields.dateline_and_language_last) dateline_and_language();
  sink.strings("authors", a.authors);
  sink.strings("people", a.people);
  sink.strings("countries", a.countries);
  sink.strings("regions", a.regions);
  if (fields.dateline_and_language_last) dateline_and_language();
  std::vector<std::string> mentioned;
  mentioned.reserve(a.mentioned_dates.size());
  for (const auto& d : a.mentioned_dates) mentioned.push_back(d.to_iso());
  sink.strings("mentioned_dates", mentioned);
  if (fields.given && !a.given.empty()) {
    sink.start_object("given");
    sink.strings("people", a.given.people);
    sink.strings("places", a.given.places);
    sink.strings("topics", a.given.topics);
    sink.end_object();
  }
  if (fields.text_key) sink.string(fields.text_key, a.body);
  sink.end_object();
}

// The article as one line of JSON (no newline), through nlohmann-json: control characters
// escaped, invalid UTF-8 replaced by U+FFFD, so the line is valid whatever the article holds.
std::string article_json_line(const Article& article, const ArticleJsonFields& fields);

}  // namespace newsdex
