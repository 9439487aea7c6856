#include "api_request.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <charconv>
#include <cstdint>
#include <set>

#include "batch.h"

namespace newsdex {
namespace {

using json = nlohmann::json;

// A request body nests no deeper than a batch line may (two levels are all a query needs).
constexpr int MAX_JSON_DEPTH = 16;

// The parameters read as whole numbers, and the one read as true or false.
const std::set<std::string> COUNT_FIELDS = {"facet_limit", "limit", "offset", "significant_terms"};
const std::set<std::string> STRING_FIELDS = {"query", "since", "until", "sort", "like", "timeline",
                                             "cooccur", "with", "facet_sort", "facet_by"};

std::string known_parameters() {
  return "q, query, filter, filters, facets, facet_limit, facet_sort, limit, offset, since, until, sort, like, "
         "timeline, cooccur, with, significant_terms, collapse, facet_by";
}

// A whole number stays a number (so "-1" is refused as a batch refuses it); anything
// else stays text, which the batch reader refuses with the field's name.
json count_json(const std::string& text) {
  std::int64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (!text.empty() && ec == std::errc() && end == text.data() + text.size())
    return value >= 0 ? json(static_cast<std::uint64_t>(value)) : json(value);
  std::uint64_t big = 0;
  const auto [end2, ec2] = std::from_chars(text.data(), text.data() + text.size(), big);
  if (!text.empty() && ec2 == std::errc() && end2 == text.data() + text.size()) return json(big);
  return json(text);
}

json bool_json(const std::string& text) {
  if (text.empty() || text == "true" || text == "1" || text == "on") return true;
  if (text == "false" || text == "0" || text == "off") return false;
  return json(text);
}

SearchRequest view_defaults(ApiView view) {
  SearchRequest request;
  // The views that answer with something other than hits list none unless asked.
  if (view == ApiView::TIMELINE || view == ApiView::COOCCURRENCE || view == ApiView::SIGNIFICANT_TERMS) request.limit = 0;
  if (view == ApiView::STORIES) request.collapse = true;
  return request;
}

// What a view asks for when the request did not say, then the limits.
SearchRequest finish(const json& fields, ApiView view, const ServeLimits& limits) {
  SearchRequest request = view_defaults(view);
  request.query_limits = limits.query;
  try {
    read_request_fields(fields, request);
  } catch (const std::invalid_argument& e) {
    throw ApiError(400, e.what());
  }
  if (view == ApiView::TIMELINE && !request.timeline) request.timeline = TimelineUnit::MONTH;
  if (view == ApiView::COOCCURRENCE && !request.cooccur) request.cooccur = parse_cooccur("person", "");
  if (view == ApiView::SIGNIFICANT_TERMS && request.significant_terms == 0) request.significant_terms = 10;
  if (request.query.empty() && request.like_id.empty()) request.query = "*";  // every article

  if (request.query.size() > limits.query.max_bytes)
    throw ApiError(413, fmt::format("the query is {} bytes long; at most {} are allowed (--max-query-bytes)",
                                    request.query.size(), limits.query.max_bytes));
  if (std::uint64_t{request.offset} + request.limit > limits.max_window)
    throw ApiError(400, fmt::format("offset + limit is {}; at most {} are allowed (--max-window)",
                                    std::uint64_t{request.offset} + request.limit, limits.max_window));
  if (request.facets.limit > limits.max_facet_limit)
    throw ApiError(400, fmt::format("facet_limit is {}; at most {} are allowed (--max-facet-limit)",
                                    request.facets.limit, limits.max_facet_limit));
  if (request.significant_terms > limits.max_facet_limit)
    throw ApiError(400, fmt::format("significant_terms is {}; at most {} are allowed (--max-facet-limit)",
                                    request.significant_terms, limits.max_facet_limit));
  if (request.filters.size() > MAX_FILTERS)
    throw ApiError(400, fmt::format("{} filters; at most {} are allowed", request.filters.size(), MAX_FILTERS));
  if (!request.since.empty() && !parse_day_range(request.since))
    throw ApiError(400, "since: bad date '" + request.since + "' (YYYY, YYYY-MM or YYYY-MM-DD)");
  if (!request.until.empty() && !parse_day_range(request.until))
    throw ApiError(400, "until: bad date '" + request.until + "' (YYYY, YYYY-MM or YYYY-MM-DD)");
  return request;
}

}  // namespace

SearchRequest request_from_parameters(const Parameters& parameters, ApiView view, const ServeLimits& limits) {
  json fields = json::object();
  json filters = json::array();
  std::string facets;
  for (const auto& [raw_name, value] : parameters) {
    const std::string name = raw_name == "q" ? "query" : raw_name == "filter" ? "filters" : raw_name;
    if (name == "filters") {
      filters.push_back(value);
    } else if (name == "facets") {
      facets += (facets.empty() ? "" : ",") + value;
    } else if (name == "collapse") {
      fields[name] = bool_json(value);
    } else if (COUNT_FIELDS.count(name)) {
      fields[name] = count_json(value);
    } else if (STRING_FIELDS.count(name)) {
      fields[name] = value;
    } else {
      throw ApiError(400, fmt::format("unknown parameter '{}' (known: {})", raw_name, known_parameters()));
    }
  }
  if (!filters.empty()) fields["filters"] = std::move(filters);
  if (!facets.empty()) fields["facets"] = facets;
  return finish(fields, view, limits);
}

SearchRequest request_from_body(const std::string& body, ApiView view, const ServeLimits& limits) {
  json fields;
  try {
    fields = json::parse(body, [](int depth, json::parse_event_t, json&) {
      if (depth > MAX_JSON_DEPTH)
        throw std::invalid_argument("nested deeper than " + std::to_string(MAX_JSON_DEPTH) + " levels");
      return true;
    });
  } catch (const std::exception& e) {
    throw ApiError(400, std::string("the body is not a JSON query: ") + e.what());
  }
  if (!fields.is_object()) throw ApiError(400, "the body is not a JSON object");
  return finish(fields, view, limits);
}

std::optional<std::size_t> error_column(const std::string& message) {
  static constexpr std::string_view MARK = "at column ";
  const auto at = message.rfind(MARK);
  if (at == std::string::npos) return std::nullopt;
  std::size_t column = 0;
  const char* begin = message.data() + at + MARK.size();
  const auto [end, ec] = std::from_chars(begin, message.data() + message.size(), column);
  if (ec != std::errc() || end == begin) return std::nullopt;
  return column;
}

std::string request_key(ApiView view, const SearchRequest& r) {
  json j = {static_cast<int>(view), r.query, r.language, r.offset, r.limit, r.filters, r.since, r.until,
            r.facets.limit, r.significant_terms, static_cast<int>(r.facet_method), r.locale, static_cast<int>(r.sort),
            r.recency_half_life_days, r.like_id, r.collapse, r.facet_by_story, r.story_keys, r.default_or,
            static_cast<int>(r.expansion), r.bm25_k1, r.bm25_b, r.snippet_length};
  json facets = json::array();
  for (const Facet facet : r.facets.facets) facets.push_back(static_cast<int>(facet));
  j.push_back(std::move(facets));
  j.push_back(r.timeline ? static_cast<int>(*r.timeline) : -1);
  j.push_back(r.facet_sort ? static_cast<int>(*r.facet_sort) : -1);
  if (r.cooccur)
    j.push_back({static_cast<int>(r.cooccur->first), static_cast<int>(r.cooccur->second), r.cooccur->with});
  else
    j.push_back(nullptr);
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace newsdex
