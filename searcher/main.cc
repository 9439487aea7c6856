// newsdex-search: ranked and faceted queries against a newsdex database, one at a time
// or in batches.
#include <spdlog/spdlog.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <xapian.h>

#include <cerrno>
#include <cstring>
#include <csignal>
#include <fstream>
#include <iostream>
#include <thread>

#include "batch.h"
#include "cli.h"
#include "printable.h"
#include "query_builder.h"
#include "search_options.h"
#include "text_formatter.h"

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
      std::cout << article_json_line(*article) << '\n';
    }
    first = false;
  }
  std::cout.flush();
  if (!std::cout) return output_failed();
  return missing ? cli::EXIT_RUNTIME_ERROR : cli::EXIT_OK;
}

int run(const SearchOptions& options) {
  const bool colour = options.colour == ColourMode::ALWAYS ||
                      (options.colour == ColourMode::AUTO && ::isatty(STDOUT_FILENO));
  if (!options.show.empty()) return show_articles(options, colour);
  if (options.batch.empty()) {
    Searcher searcher(options.db);
    const SearchResult result = searcher.search(options.request);
    make_writer(options.format, {colour, false, terminal_width(), options.fields})->write(std::cout, options.request, result);
    std::cout.flush();
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
  const BatchSummary summary = run_batch(options.db, queries, threads, *writer, std::cout);
  if (summary.output_closed) return output_failed();
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
