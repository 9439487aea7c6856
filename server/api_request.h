// HTTP requests to the API turned into SearchRequests: query parameters and JSON bodies
// carry the fields of a JSON batch line (searcher/batch.h), read by the same code, so the
// server, the command line's batches and their limits agree.
#pragma once

#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "searcher.h"
#include "serve_options.h"

namespace newsdex {

// Each path of the API that searches, and what it asks for unless told otherwise.
enum class ApiView {
  SEARCH,             // /api/search: hits (10), and whatever else is asked
  TIMELINE,           // /api/timeline: matches per month, no hits
  COOCCURRENCE,       // /api/cooccurrence: people seen together, no hits
  SIGNIFICANT_TERMS,  // /api/significant-terms: the 10 most over-represented terms, no hits
  STORIES,            // /api/stories: hits collapsed to one per story
};

// A request the API refuses, with the HTTP status that says why (400 malformed, 413 too
// large) and, for a malformed query, the column (in characters, from 1) where it breaks.
class ApiError : public std::runtime_error {
 public:
  ApiError(int status, const std::string& message, std::optional<std::size_t> column = std::nullopt)
      : std::runtime_error(message), status_(status), column_(column) {}
  int status() const { return status_; }
  std::optional<std::size_t> column() const { return column_; }

 private:
  int status_;
  std::optional<std::size_t> column_;
};

// Query parameters in the order they came; a name may repeat (filter=a&filter=b).
using Parameters = std::vector<std::pair<std::string, std::string>>;

// Parameters: the batch fields (query, filters, facets, facet_limit, facet_sort, limit,
// offset, since, until, sort, like, timeline, cooccur, with, significant_terms, collapse,
// facet_by), with `q` for query and `filter` for filters; filters repeat, facets is a
// comma-separated list. Throws ApiError for an unknown parameter, a bad value (its message
// names the field as a batch's does) or a request over `limits`.
SearchRequest request_from_parameters(const Parameters& parameters, ApiView view, const ServeLimits& limits);

// A JSON object with the same fields, as a batch line holds them.
SearchRequest request_from_body(const std::string& body, ApiView view, const ServeLimits& limits);

// The column a query error names ("... at column 7"), if any.
std::optional<std::size_t> error_column(const std::string& message);

// The key of a request in the response cache: every field that changes the
// answer, so two requests with equal keys get equal responses from one revision.
std::string request_key(ApiView view, const SearchRequest& request);

}  // namespace newsdex
