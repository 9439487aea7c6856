// The interface every input format implements: a stream of articles out of one input.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>

#include "core/article.h"

namespace newsdex {

// What every reader is told, from the command line.
struct ReaderOptions {
  // The longest record (a JSON line, a CSV row, a <DOC> or <REUTERS> record, a plain-text
  // file) accepted, in bytes; longer ones are skipped with an error naming file and line.
  std::size_t max_record_bytes = 16u << 20;
  // JSON Lines and CSV: article field -> the record's field name (`--field
  // title=headline`); in JSON a name may be a dotted path ("source.name"), in CSV it is a
  // header column. Fields not named use the defaults (record_fields.h).
  std::map<std::string, std::string> fields;
  // CSV: the field delimiter; unset: a tab for .tsv files, else guessed from the header
  // line (',' unless it holds more ';' or tabs).
  std::optional<char> csv_delimiter;
};

class ArticleReader {
 public:
  virtual ~ArticleReader() = default;

  // Reads the next article into `article` (overwriting it) and returns true, or returns
  // false at the end of the input. A record that cannot be used is reported to the
  // Diagnostics the reader was made with and skipped; the reader then goes on.
  // Each article's `origin` says where its record started.
  virtual bool next(Article& article) = 0;
};

}  // namespace newsdex
