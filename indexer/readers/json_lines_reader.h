// JSON Lines: one article per line, as crawls and archive exports write them. The
// common field names are understood without configuration:
//   id       id, _id, guid, uuid, docid, doc_id
//   title    title, headline
//   body     body, text, content (a string, or an array of paragraphs)
//   date     date, published, published_at, publishedAt, pubDate, datePublished
//            (text in any form the date parser reads, or Unix time in s or ms)
//   authors  author, authors, byline (a string "A and B", or an array)
//   url      url, link;  source: source, publisher (a string, or {"name": ...})
//   language language, lang;  dateline: dateline
//   people   people, persons;  countries: countries, places (names or ISO codes, regions too)
//   topics   topics, topic, category, categories (kept as given labels)
// (record_fields.h, shared with the CSV reader) and ReaderOptions::fields maps any other schema (`--field title=headline`,
// dotted paths such as `--field source=meta.site` reach into objects). Given people and
// country lists are kept as given labels and also fill the facets (extraction adds to them).
// A record without an id gets "<file id>:<line>".
#pragma once

#include <istream>
#include <string>

#include "article_reader.h"
#include "core/date_parser.h"
#include "core/diagnostics.h"
#include "record_fields.h"
#include "record_scanner.h"

namespace newsdex {

// JSON nested deeper than this many arrays and objects is rejected before parsing, so
// hostile input cannot exhaust the parser's stack.
inline constexpr int MAX_JSON_DEPTH = 64;

class JsonLinesReader : public ArticleReader {
 public:
  JsonLinesReader(std::istream& in, std::string name, std::string default_id, Diagnostics& diagnostics,
                  const ReaderOptions& options = {});
  bool next(Article& article) override;

 private:
  bool parse_line(std::string& line, Article& article);

  std::string name_;
  std::string default_id_;
  Diagnostics& diagnostics_;
  DateParser dates_;
  RecordScanner scanner_;
  FieldMapping fields_;
  std::string line_;
};

}  // namespace newsdex
