// Turns an analysed article into a Xapian document following common/schema.h:
// title and text terms (through the shared analysis chain), boolean facet terms, the
// date value slot, and the stored fields as document data.
#pragma once

#include <xapian.h>

#include "analyzer.h"
#include "article.h"

namespace newsdex {

class DocumentBuilder {
 public:
  // `default_language` (ISO 639-1) picks the stemmer for articles that name none.
  explicit DocumentBuilder(std::string default_language);

  Xapian::Document build(const Article& article);

  // The id term that identifies `article` in the database ("Q" + id).
  static std::string id_term(const std::string& article_id);

 private:
  Analyzer analyzer_;
  std::string default_language_;
};

}  // namespace newsdex
