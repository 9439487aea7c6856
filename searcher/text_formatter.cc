#include "text_formatter.h"

#include <fmt/format.h>
#include <fmt/ostream.h>

namespace newsdex {

void write_text(std::ostream& out, const SearchRequest& request, const SearchResult& result) {
  if (result.hits.empty()) {
    fmt::print(out, "No articles match '{}'.\n", request.query);
    return;
  }
  fmt::print(out, "{}{} {} '{}'; showing {}-{}:\n", result.total_exact ? "" : "about ", result.total,
             result.total == 1 ? "article matches" : "articles match", request.query, request.offset + 1,
             request.offset + result.hits.size());
  for (const auto& hit : result.hits) {
    const std::string date = hit.article.date ? hit.article.date->to_iso() : std::string("----------");
    fmt::print(out, "{:>4}  {:<12} {:<10}  {:7.3f}  {}\n", hit.rank, hit.article.id, date, hit.score,
               hit.article.title);
  }
}

}  // namespace newsdex
