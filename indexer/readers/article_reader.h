// The interface every input format implements: a stream of articles out of one input.
#pragma once

#include <map>
#include <memory>
#include <string>

#include "article.h"

namespace newsdex {

// What every reader is told, from the command line.
struct ReaderOptions {
  // The longest record (a JSON line, a <DOC> or <REUTERS> record, a plain-text
  // file) accepted, in bytes; longer ones are skipped with an error naming file and line.
  std::size_t max_record_bytes = 16u << 20;
  // JSON Lines: article field -> the record's field name (`--field title=headline`);
  // a name may be a dotted path ("source.name"). Fields not named use the defaults
  // (record_fields.h).
  std::map<std::string, std::string> fields;
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
