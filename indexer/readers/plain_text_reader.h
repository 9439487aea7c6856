// Plain-text articles, one per file:
//   - Tessa Wong and George Wright        optional byline lines: authors...
//   - BBC reporter                        ...and the source ("<Source> reporter/correspondent")
//   Title: ...                            optional "Key: value" header block (Title, Date,
//   Date: 2023-03-02                      Author(s), Source, URL, Language, Id), ended
//                                         by a blank line
//   First line is the title when no header names one; the rest is the body.
#pragma once

#include <istream>
#include <string>

#include "article_reader.h"
#include "core/date_parser.h"
#include "core/diagnostics.h"

namespace newsdex {

class PlainTextReader : public ArticleReader {
 public:
  // `default_id` is used when the header gives no Id (the file's path, made stable).
  PlainTextReader(std::istream& in, std::string name, std::string default_id, Diagnostics& diagnostics,
                  const ReaderOptions& options = {});
  bool next(Article& article) override;

 private:
  std::istream& in_;
  std::string name_;
  std::string default_id_;
  Diagnostics& diagnostics_;
  DateParser dates_;
  std::size_t max_bytes_;
  bool done_ = false;
};

}  // namespace newsdex
