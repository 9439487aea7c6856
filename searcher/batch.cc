#include "batch.h"

#include <nlohmann/json.hpp>
#include <xapian.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <optional>
#include <sstream>
#include <thread>

#include "query_builder.h"

namespace newsdex {
namespace {

using json = nlohmann::json;

std::vector<Facet> facets_from_json(const json& j) {
  std::vector<std::string> names;
  if (j.is_string()) {
    std::stringstream list(j.get<std::string>());
    for (std::string name; std::getline(list, name, ',');)
      if (!name.empty()) names.push_back(name);
  } else {
    names = j.get<std::vector<std::string>>();
  }
  std::vector<Facet> facets;
  for (const auto& name : names) {
    const auto facet = facet_from_name(name);
    if (!facet) throw std::invalid_argument("unknown facet '" + name + "'");
    facets.push_back(*facet);
  }
  return facets;
}

void read_json_query(const std::string& line, BatchQuery& query) {
  const json j = json::parse(line);
  if (!j.is_object()) throw std::invalid_argument("not a JSON object");
  auto& r = query.request;
  if (auto it = j.find("qid"); it != j.end()) r.qid = it->is_string() ? it->get<std::string>() : it->dump();
  if (auto it = j.find("query"); it != j.end()) r.query = it->get<std::string>();
  if (auto it = j.find("filters"); it != j.end()) r.filters = it->get<std::vector<std::string>>();
  if (auto it = j.find("facets"); it != j.end()) r.facets.facets = facets_from_json(*it);
  if (auto it = j.find("facet_limit"); it != j.end()) r.facets.limit = it->get<std::size_t>();
  if (auto it = j.find("limit"); it != j.end()) r.limit = it->get<Xapian::doccount>();
  if (auto it = j.find("offset"); it != j.end()) r.offset = it->get<Xapian::doccount>();
  if (auto it = j.find("since"); it != j.end()) r.since = it->get<std::string>();
  if (auto it = j.find("until"); it != j.end()) r.until = it->get<std::string>();
  if (auto it = j.find("like"); it != j.end()) r.like_id = it->get<std::string>();
  if (auto it = j.find("sort"); it != j.end()) {
    const auto sort = it->get<std::string>();
    if (sort == "relevance") r.sort = SortOrder::RELEVANCE;
    else if (sort == "date") r.sort = SortOrder::DATE;
    else if (sort == "-date") r.sort = SortOrder::DATE_DESC;
    else throw std::invalid_argument("unknown sort '" + sort + "'");
  }
}

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
      query.request.query = line;
    }
    queries.push_back(std::move(query));
  }
  return queries;
}

BatchSummary run_batch(const DatabaseSpec& databases, const std::vector<BatchQuery>& queries, unsigned threads,
                       ResultWriter& writer, std::ostream& out) {
  threads = std::max(1u, std::min<unsigned>(threads, static_cast<unsigned>(queries.size())));
  std::vector<std::optional<std::string>> records(queries.size());
  std::vector<char> failed(queries.size(), 0);
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
        bool error = true;
        try {
          if (!query.error.empty()) writer.write_error(record, query.request, query.error);
          else {
            const auto start = std::chrono::steady_clock::now();
            const SearchResult result = searcher.search(query.request);
            seconds[i] = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
            writer.write(record, query.request, result);
            error = false;
          }
        } catch (const QueryError& e) {
          writer.write_error(record, query.request, e.what());
        } catch (const Xapian::Error& e) {
          writer.write_error(record, query.request, e.get_description());
        } catch (const std::exception& e) {
          writer.write_error(record, query.request, e.what());
        }
        std::lock_guard lock(mutex);
        records[i] = record.str();
        failed[i] = error;
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
    out << record;
    out.flush();
    if (!out) {
      summary.output_closed = true;
      stop = true;
      break;
    }
    ++summary.queries;
    summary.failed += failed[i] ? 1 : 0;
  }
  stop = true;
  for (auto& thread : pool) thread.join();
  if (fatal) std::rethrow_exception(fatal);
  summary.seconds.assign(seconds.begin(), seconds.begin() + static_cast<std::ptrdiff_t>(summary.queries));
  return summary;
}

}  // namespace newsdex
