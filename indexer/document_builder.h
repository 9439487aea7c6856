// Turns an analysed article into a Xapian document following common/core/schema.h:
// title and text terms (through the shared analysis chain), boolean facet terms, the
// date value slot, the near-duplicate sketch and story key, and the stored fields as
// document data.
#pragma once

#include <xapian.h>

#include "analysis/analyzer.h"
#include "core/article.h"
#include "analysis/story_sketch.h"

namespace newsdex {

class DocumentBuilder {
 public:
  // `default_language` (ISO 639-1) picks the stemmer for articles that name none.
  explicit DocumentBuilder(std::string default_language);

  // The document carries the article's id term (common/storage/id_term.h).
  Xapian::Document build(const Article& given);

  // Whether the last build() left words out (past MAX_WORDS_PER_ARTICLE, term_writer.h).
  bool last_truncated() const { return last_truncated_; }

 private:
  Analyzer analyzer_;
  ShingleSketcher sketcher_;
  std::string default_language_;
  bool last_truncated_ = false;
};

}  // namespace newsdex
