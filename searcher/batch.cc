#include "batch.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <xapian.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <exception>
#include <limits>
#include <mutex>
#include <optional>
#include <sstream>
#include <thread>

#include "cli/cli.h"
#include "query_builder.h"

namespace newsdex {
namespace {

using json = nlohmann::json;

// A JSON batch line nests no deeper than this: a query needs two levels (the object and
// a list of filters or facets); a line of 100,000 nested arrays would otherwise reach
// nlohmann's recursive code (dump, destruction) and overflow the stack.
constexpr int MAX_JSON_DEPTH = 16;

json parse_bounded(const std::string& line) {
  return json::parse(line, [](int depth, json::parse_event_t, json&) {
    if (depth > MAX_JSON_DEPTH)
      throw std::invalid_argument("nested deeper than " + std::to_string(MAX_JSON_DEPTH) + " levels");
    return true;
  });
}

// Each field's value as the type it must have, or an error that names the field:
// "limit: expected a whole number from 0 to 4294967295, not -1".
std::string as_string(const json& value, const std::string& field) {
  if (!value.is_string()) throw std::invalid_argument(field + ": expected a string, not " + value.dump());
  return value.get<std::string>();
}

std::vector<std::string> as_strings(const json& value, const std::string& field) {
  if (!value.is_array()) throw std::invalid_argument(field + ": expected a list of strings, not " + value.dump());
  std::vector<std::string> strings;
  for (const auto& item : value) strings.push_back(as_string(item, field));
  return strings;
}

template <class T>
T as_count(const json& value, const std::string& field) {
  const auto most = std::numeric_limits<T>::max();
  if (!value.is_number_unsigned() || value.get<std::uint64_t>() > most)
    throw std::invalid_argument(fmt::format("{}: expected a whole number from 0 to {}, not {}", field, most, value.dump()));
  return static_cast<T>(value.get<std::uint64_t>());
}

std::vector<Facet> facets_from_json(const json& j) {
  std::vector<std::string> names;
  if (j.is_string()) {
    const std::string list = j.get<std::string>();
    for (const std::string_view name : cli::comma_list(list)) names.emplace_back(name);
  } else {
    names = as_strings(j, "facets");
  }
  std::vector<Facet> facets;
  for (const auto& name : names) {
    const auto facet = facet_from_name(name);
    if (!facet) throw std::invalid_argument("facets: unknown facet '" + name + "'");
    facets.push_back(*facet);
  }
  return facets;
}

}  // namespace

void read_request_fields(const json& object, SearchRequest& request) {
  if (!object.is_object()) throw std::invalid_argument("not a JSON object");
  if (auto it = object.find("qid"); it != object.end()) {
    if (!it->is_string() && !it->is_number()) throw std::invalid_argument("qid: expected a string or a number, not " + it->dump());
    request.qid = it->is_string() ? it->get<std::string>() : it->dump();
  }
  if (auto it = object.find("query"); it != object.end()) request.query = as_string(*it, "query");
  if (auto it = object.find("filters"); it != object.end()) request.filters = as_strings(*it, "filters");
  if (auto it = object.find("facets"); it != object.end()) request.facets.facets = facets_from_json(*it);
  if (auto it = object.find("facet_limit"); it != object.end()) request.facets.limit = as_count<std::size_t>(*it, "facet_limit");
  if (auto it = object.find("limit"); it != object.end()) request.limit = as_count<Xapian::doccount>(*it, "limit");
  if (auto it = object.find("offset"); it != object.end()) request.offset = as_count<Xapian::doccount>(*it, "offset");
  if (auto it = object.find("since"); it != object.end()) request.since = as_string(*it, "since");
  if (auto it = object.find("until"); it != object.end()) request.until = as_string(*it, "until");
  if (auto it = object.find("like"); it != object.end()) request.like_id = as_string(*it, "like");
  if (auto it = object.find("timeline"); it != object.end()) {
    const auto unit = as_string(*it, "timeline");
    request.timeline = timeline_unit_from_name(unit);
    if (!request.timeline) throw std::invalid_argument("timeline: unknown period '" + unit + "' (day, week, month or year)");
  }
  if (auto it = object.find("facet_sort"); it != object.end()) {
    const auto order = as_string(*it, "facet_sort");
    request.facet_sort = facet_sort_from_name(order);
    if (!request.facet_sort) throw std::invalid_argument("facet_sort: unknown order '" + order + "' (count or value)");
  }
  if (auto it = object.find("significant_terms"); it != object.end())
    request.significant_terms = as_count<std::size_t>(*it, "significant_terms");
  if (auto it = object.find("cooccur"); it != object.end()) {
    const std::string list = as_string(*it, "cooccur");
    const std::string with = object.contains("with") ? as_string(object.at("with"), "with") : "";
    try {
      request.cooccur = parse_cooccur(list, with);
    } catch (const std::invalid_argument& e) {
      throw std::invalid_argument(std::string("cooccur: ") + e.what());
    }
  } else if (object.contains("with") && request.cooccur) {
    request.cooccur->with = as_string(object.at("with"), "with");
  } else if (object.contains("with")) {
    throw std::invalid_argument("with: names a value of the cooccur facet: give cooccur too");
  }
  if (auto it = object.find("sort"); it != object.end()) {
    const auto sort = as_string(*it, "sort");
    const auto order = sort_order_from_name(sort);
    if (!order) throw std::invalid_argument("sort: unknown order '" + sort + "' (relevance, date or -date)");
    request.sort = *order;
  }
  if (auto it = object.find("collapse"); it != object.end()) {
    if (!it->is_boolean()) throw std::invalid_argument("collapse: expected true or false, not " + it->dump());
    request.collapse = it->get<bool>();
  }
  if (auto it = object.find("facet_by"); it != object.end()) {
    const auto by = as_string(*it, "facet_by");
    const auto by_story = facet_by_story_from_name(by);
    if (!by_story) throw std::invalid_argument("facet_by: unknown '" + by + "' (article or story)");
    request.facet_by_story = *by_story;
  }
}

namespace {

void read_json_query(const std::string& line, BatchQuery& query) { read_request_fields(parse_bounded(line), query.request); }

}  // namespace

std::vector<BatchQuery> read_batch(std::istream& in, const SearchRequest& defaults) {
  std::vector<BatchQuery> queries;
  std::string line;
  for (std::size_t number = 1; std::getline(in, line); ++number) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    BatchQuery query;
    query.request = defaults;
    query.request.qid = std::to_string(number);
    if (line.front() == '{') {
      try {
        read_json_query(line, query);
      } catch (const std::exception& e) {
        query.error = "line " + std::to_string(number) + ": bad JSON query: " + e.what();
      }
    } else if (const auto tab = line.find('\t'); tab != std::string::npos) {
      query.request.qid = line.substr(0, tab);
      query.request.query = line.substr(tab + 1);
    } else {
      // Neither form: running the line as a query would give results under a qid the
      // user never wrote, for a query they may not have meant.
      query.error = "line " + std::to_string(number) + ": malformed: expected qid<TAB>query or a JSON object";
    }
    queries.push_back(std::move(query));
  }
  return queries;
}

BatchSummary run_batch(const DatabaseSpec& databases, const std::vector<BatchQuery>& queries, unsigned threads,
                       ResultWriter& writer, std::ostream& out) {
  threads = std::max(1u, std::min<unsigned>(threads, static_cast<unsigned>(queries.size())));
  std::vector<std::optional<std::string>> records(queries.size());
  enum class Outcome : char { ANSWERED, MALFORMED, DATABASES_FAILED };  // MALFORMED: the query or its line
  std::vector<Outcome> outcomes(queries.size(), Outcome::ANSWERED);
  std::vector<double> seconds(queries.size(), 0);
  std::mutex mutex;
  std::condition_variable ready;
  std::atomic<std::size_t> next{0};
  std::atomic<bool> stop{false};
  std::exception_ptr fatal;

  auto worker = [&] {
    try {
      Searcher searcher(databases, /*many_queries=*/true);
      for (std::size_t i; !stop && (i = next++) < queries.size();) {
        std::ostringstream record;
        const auto& query = queries[i];
        Outcome outcome = Outcome::MALFORMED;
        try {
          if (!query.error.empty()) writer.write_error(record, query.request, query.error);
          else {
            const auto start = std::chrono::steady_clock::now();
            const SearchResult result = searcher.search(query.request);
            seconds[i] = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
            writer.write(record, query.request, result);
            outcome = Outcome::ANSWERED;
          }
        } catch (const QueryError& e) {
          writer.write_error(record, query.request, e.what());
        } catch (const Xapian::Error& e) {
          writer.write_error(record, query.request, e.get_description());
          outcome = Outcome::DATABASES_FAILED;
        } catch (const std::exception& e) {
          writer.write_error(record, query.request, e.what());
          outcome = Outcome::DATABASES_FAILED;
        }
        std::lock_guard lock(mutex);
        records[i] = record.str();
        outcomes[i] = outcome;
        ready.notify_all();
      }
    } catch (...) {
      std::lock_guard lock(mutex);
      if (!fatal) fatal = std::current_exception();
      stop = true;
      ready.notify_all();
    }
  };
  std::vector<std::thread> pool;
  for (unsigned t = 0; t < threads; ++t) pool.emplace_back(worker);

  // Write in input order as soon as each record is ready.
  BatchSummary summary;
  for (std::size_t i = 0; i < queries.size(); ++i) {
    std::string record;
    {
      std::unique_lock lock(mutex);
      ready.wait(lock, [&] { return records[i].has_value() || stop; });
      if (!records[i]) break;
      record = std::move(*records[i]);
      records[i].reset();
    }
    writer.write_record(out, record);
    out.flush();
    if (!out) {
      summary.output_closed = true;
      stop = true;
      break;
    }
    ++summary.queries;
    summary.failed += outcomes[i] != Outcome::ANSWERED ? 1 : 0;
    summary.failed_to_run += outcomes[i] == Outcome::DATABASES_FAILED ? 1 : 0;
  }
  stop = true;
  for (auto& thread : pool) thread.join();
  if (fatal) std::rethrow_exception(fatal);
  summary.seconds.assign(seconds.begin(), seconds.begin() + static_cast<std::ptrdiff_t>(summary.queries));
  return summary;
}

}  // namespace newsdex
