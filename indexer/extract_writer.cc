#include "extract_writer.h"

#include "core/article_json.h"

namespace newsdex {

void write_extract_line(std::ostream& out, const Article& article) {
  out << article_json_line(article, ARTICLE_JSON_EXTRACT) << '\n';
}

}  // namespace newsdex
