// The interface every input format implements: a stream of articles out of one input.
#pragma once

#include <memory>
#include <string>

#include "article.h"

namespace newsdex {

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
