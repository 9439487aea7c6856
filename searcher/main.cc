// newsdex-search: ranked and faceted queries against a newsdex database, one at a time
// or in batches.
#include <spdlog/spdlog.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <xapian.h>

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <csignal>
#include <fstream>
#include <map>
#include <mutex>
#include <iostream>
#include <thread>

#include "core/article_json.h"
#include "batch.h"
#include "cli/cli.h"
#include "graph_file.h"
#include "core/printable.h"
#include "query_builder.h"
#include "search_options.h"
#include "text_formatter.h"
#include "timeline_chart.h"

namespace {

using namespace newsdex;

// Output that could not be written: a reader that went away (`... | head -1`) ends the
// program quietly; anything else is an error worth reporting.
int output_failed() {
  if (errno == EPIPE) return cli::EXIT_OK;
  spdlog::error("cannot write the results: {}", std::strerror(errno));
  return cli::EXIT_RUNTIME_ERROR;
}

// The width to wrap whole articles and draw timelines to: the terminal's, or 80 columns.
std::size_t terminal_width() {
  winsize size{};
  if (::isatty(STDOUT_FILENO) && ::ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) return size.ws_col;
  return 80;
}

// --show: each article whole; an id the database does not hold is named, and the exit
// status is then 1, as `cat` does for a missing file.
int show_articles(const SearchOptions& options, bool colour) {
  Searcher searcher(options.db);
  bool missing = false, first = true;
  for (const auto& id : options.show) {
    const auto article = searcher.article(id);
    if (!article) {
      spdlog::error("no article with id '{}'", printable(id));
      missing = true;
      continue;
    }
    if (options.format == OutputFormat::TEXT) {
      if (!first) std::cout << '\n';
      write_article_text(std::cout, *article, terminal_width(), colour);
    } else {
      std::cout << article_json_line(*article, ARTICLE_JSON_SHOW) << '\n';
    }
    first = false;
  }
  std::cout.flush();
  if (!std::cout) return output_failed();
  return missing ? cli::EXIT_RUNTIME_ERROR : cli::EXIT_OK;
}

// Writes a file through `write(std::ostream&)`; one that cannot be written is an error.
template <typename Write>
void write_output_file(const std::string& path, const char* what, Write&& write) {
  std::ofstream file(path);
  if (file) write(file);
  file.close();
  if (!file) throw std::runtime_error(fmt::format("{}: cannot write the {}: {}", path, what, std::strerror(errno)));
}

// What a chart calls a query: its words, or its id when it has none.
std::string series_name(const SearchRequest& request) {
  return request.query.empty() ? request.qid : request.query;
}

// Passes every record on to `inner` and keeps each query's timeline, for --chart in a batch.
class TimelineCollector : public ResultWriter {
 public:
  explicit TimelineCollector(ResultWriter& inner) : inner_(inner) {}
  void write(std::ostream& out, const SearchRequest& request, const SearchResult& result) override {
    if (result.timeline) {
      std::lock_guard lock(mutex_);
      timelines_[request.qid] = *result.timeline;
    }
    inner_.write(out, request, result);
  }
  void write_error(std::ostream& out, const SearchRequest& request, const std::string& message) override {
    inner_.write_error(out, request, message);
  }
  void write_record(std::ostream& out, const std::string& record) override { inner_.write_record(out, record); }
  // The series of the queries that ran, in input order.
  std::vector<ChartSeries> series(const std::vector<BatchQuery>& queries) const {
    std::vector<ChartSeries> out;
    for (const auto& query : queries)
      if (const auto it = timelines_.find(query.request.qid); it != timelines_.end())
        out.push_back({series_name(query.request), it->second});
    return out;
  }

 private:
  ResultWriter& inner_;
  std::mutex mutex_;
  std::map<std::string, Timeline> timelines_;
};

int run(const SearchOptions& options) {
  const bool colour = options.colour == ColourMode::ALWAYS ||
                      (options.colour == ColourMode::AUTO && ::isatty(STDOUT_FILENO));
  if (!options.show.empty()) return show_articles(options, colour);
  if (options.batch.empty()) {
    Searcher searcher(options.db);
    const SearchResult result = searcher.search(options.request);
    make_writer(options.format, {colour, false, terminal_width(), options.fields})->write(std::cout, options.request, result);
    std::cout.flush();
    if (!options.chart.empty() && result.timeline) {
      const std::string unit(timeline_unit_name(result.timeline->unit));
      write_output_file(options.chart, "chart", [&](std::ostream& out) {
        write_timeline_svg(out, {{series_name(options.request), *result.timeline}},
                           fmt::format("Articles per {}: {}", unit, series_name(options.request)));
      });
    }
    if (!options.graph.empty() && result.cooccurrence)
      write_output_file(options.graph, "graph", [&](std::ostream& out) {
        write_graph(out, *result.cooccurrence, *graph_format_for(options.graph));
      });
    return std::cout ? cli::EXIT_OK : output_failed();
  }

  std::ifstream file;
  if (options.batch != "-") {
    file.open(options.batch);
    if (!file) throw std::runtime_error(options.batch + ": cannot read the batch file");
  }
  const auto queries = read_batch(options.batch == "-" ? std::cin : file, options.request);
  const unsigned threads = options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency());
  const auto writer = make_writer(options.format, {colour, true, terminal_width(), options.fields});
  TimelineCollector collector(*writer);
  const BatchSummary summary = run_batch(options.db, queries, threads, collector, std::cout);
  if (summary.output_closed) return output_failed();
  if (!options.chart.empty()) {
    const auto series = collector.series(queries);
    const std::string unit = series.empty() ? "period" : std::string(timeline_unit_name(series.front().timeline.unit));
    write_output_file(options.chart, "chart", [&](std::ostream& out) {
      write_timeline_svg(out, series, fmt::format("Articles per {}", unit));
    });
  }
  if (!options.timings.empty()) {
    std::ofstream timings(options.timings);
    for (std::size_t i = 0; i < summary.seconds.size(); ++i)
      timings << queries[i].request.qid << '\t' << static_cast<long>(summary.seconds[i] * 1e6) << '\n';
    if (!timings) throw std::runtime_error(options.timings + ": cannot write the timings");
  }
  spdlog::debug("{} queries, {} failed", summary.queries, summary.failed);
  if (summary.failed) {
    spdlog::warn("{} of {} queries failed", summary.failed, summary.queries);
    // A database that failed (a shard down, a timeout) is a runtime error, whatever else
    // was malformed; only malformed queries alone are a usage error.
    return summary.failed_to_run ? cli::EXIT_RUNTIME_ERROR : cli::EXIT_USAGE_ERROR;
  }
  return cli::EXIT_OK;
}

}  // namespace

int main(int argc, char** argv) {
  // A closed pipe must surface as a failed write we can handle, not as a signal.
  std::signal(SIGPIPE, SIG_IGN);
  SearchOptions options;
  if (auto exit_code = parse_search_options(argc, argv, options)) return *exit_code;

  try {
    return run(options);
  } catch (const QueryError& e) {
    spdlog::error("{}", printable(e.what()));
    return cli::EXIT_USAGE_ERROR;
  } catch (const Xapian::Error& e) {
    spdlog::error("{}", printable(e.get_description()));
  } catch (const std::exception& e) {
    spdlog::error("{}", printable(e.what()));
  }
  return cli::EXIT_RUNTIME_ERROR;
}
