// Where the fields of a record (a JSON object, a CSV row) go in an article, shared by the
// readers of formats whose schema is the user's: the field names understood without
// configuration, `--field FIELD=NAME` overrides, and the conversion of a field's text
// (names, dates, languages, countries) with the same warnings whatever the format.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/article.h"
#include "core/date_parser.h"
#include "core/diagnostics.h"

namespace newsdex {

// The article fields a record can fill (and --field can name): id, title, body, date,
// authors, url, source, language, dateline, people, countries, topics.
const std::vector<std::string>& article_field_names();

// "author" -> "authors", "text" -> "body" (how users write them); other names unchanged.
std::string canonical_article_field(std::string_view name);

// Whether `name` is a record field name understood without configuration ("text",
// "headline", "category", ...), and whether it is one of the body's ("body", "text",
// "content"): how a CSV header line is told from a line of text.
bool is_default_record_field(std::string_view name);
bool is_default_body_field(std::string_view name);

// Article field -> the record field names tried for it, in order: the defaults, or the
// one name `--field` gave.
class FieldMapping {
 public:
  // `overrides`: article field (or its alias) -> record field name, from --field.
  explicit FieldMapping(const std::map<std::string, std::string>& overrides = {});
  // The names for `field` (one of article_field_names()).
  const std::vector<std::string>& names(const std::string& field) const { return lookup_.at(field); }

 private:
  std::map<std::string, std::vector<std::string>> lookup_;
};

// "Tessa Wong and George Wright", "By A, B & C" -> the names.
std::vector<std::string> split_names(std::string_view byline);

// A Unix time in seconds (or milliseconds, when larger than 1e11) -> its UTC day.
std::optional<PartialDate> date_from_unix(double seconds);

// Sets the article's language from a name or code, warning [unknown-language] when unknown.
void set_language(Article& article, std::string_view text, Diagnostics& diagnostics);

// Sets the date from text in any form the date parser reads, or a Unix time written as
// digits; warns [bad-date] when it cannot.
void set_date(Article& article, std::string_view text, DateParser& dates, Diagnostics& diagnostics);

// Given people: kept as given labels and as people for the facets.
void set_given_people(Article& article, std::vector<std::string> people);

// Given countries (names or ISO codes, or regions: "Scotland", "GB-SCT"): kept as given
// labels; the known ones fill the country facet (and a region the region facet as well),
// the others are reported [unknown-country].
void set_given_countries(Article& article, std::vector<std::string> places, Diagnostics& diagnostics);

// The last step for a record: title and body garbled by a double encoding repaired
// (text_encoding.h, warning [mojibake]), control characters replaced (warning
// [control-bytes]), a record with no text at all skipped [empty], and a missing title
// derived from the text's first sentence (derived_title.h, marked title_derived).
// Returns false when the article is to be skipped.
bool finish_record(Article& article, Diagnostics& diagnostics);

}  // namespace newsdex
