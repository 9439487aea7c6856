// Runs a query against a database: ranked (BM25) hits with their stored fields.
#pragma once

#include <string>
#include <vector>

#include <xapian.h>

#include "article.h"

namespace newsdex {

struct SearchRequest {
  std::string query;
  std::string language = "en";
  Xapian::doccount offset = 0;
  Xapian::doccount limit = 10;
};

struct Hit {
  Xapian::doccount rank = 0;  // 1-based
  double score = 0;
  Article article;            // the stored fields
};

struct SearchResult {
  std::vector<Hit> hits;
  Xapian::doccount total = 0;  // number of matching articles
  bool total_exact = false;    // false when `total` is Xapian's estimate
};

// Opens a newsdex database read-only. Throws std::runtime_error with a message naming
// the path when it is missing, unreadable or of another schema version.
Xapian::Database open_database(const std::string& path);

// Throws QueryError (query_builder.h) for a malformed query.
SearchResult search(const Xapian::Database& db, const SearchRequest& request);

}  // namespace newsdex
