// newsdex-index: reads news articles and writes them into a Xapian database.
#include <spdlog/spdlog.h>
#include <xapian.h>

#include <fmt/format.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <iostream>
#include <map>

#include "cli/cli.h"
#include "core/printable.h"
#include "core/diagnostics.h"
#include "index_options.h"
#include "indexing_pipeline.h"
#include "interrupt.h"
#include "reshard.h"
#include "sharded_index.h"

namespace {

// " (3 malformed-json, 1 too-large)", or "" when there is none.
std::string by_kind(const std::map<std::string, std::size_t>& counts) {
  std::string out;
  for (const auto& [kind, count] : counts) {
    if (!out.empty()) out += ", ";
    out += fmt::format("{} {}", count, kind);
  }
  return out.empty() ? out : " (" + out + ")";
}

}  // namespace

int main(int argc, char** argv) {
  using namespace newsdex;
  // A closed pipe must surface as a failed write we can handle, not as a signal.
  std::signal(SIGPIPE, SIG_IGN);
  IndexOptions options;
  if (auto exit_code = parse_index_options(argc, argv, options)) return *exit_code;

  try {
    Diagnostics diagnostics;
    const auto inputs = expand_inputs(options.inputs, diagnostics);
    // A bad record or one missing file among many is the input's problem and the run goes
    // on; but when no input named exists at all (a typo, a wrong directory), there is
    // nothing to do, and a script must not read success.
    if (none_exists(options.inputs, diagnostics)) {
      if (options.inputs.size() == 1) spdlog::error("nothing to index: {} does not exist", options.inputs.front());
      else spdlog::error("nothing to index: none of the {} inputs named exists", options.inputs.size());
      return cli::EXIT_RUNTIME_ERROR;
    }
    if (!options.reshard.empty()) {
      const ReshardSummary copied = reshard_index(options.reshard, options.db, std::max(1u, options.shards));
      spdlog::info("{} articles copied into {} ({} {})", copied.articles, options.db, copied.shards,
                   copied.shards == 1 ? "database" : "shards");
      return cli::EXIT_OK;
    }
    // Before the database is opened, which can take a while (creating it, recovering a
    // run that was cut): a signal meanwhile stops the run at its start, with its message,
    // instead of ending the process without a word.
    install_interrupt_handlers();
    std::optional<ShardedIndex> index;
    if (!options.pipeline.extract_only) index.emplace(options.db, options.shards);
    for (const auto& id : options.deletions) index->remove(id);
    const PipelineSummary summary = run_indexing(
        inputs, options.pipeline, index ? index->writers() : std::span<IndexWriter* const>(), diagnostics);
    // --extract into a pipe whose reader left ends quietly, as `cat` does; any other
    // failed write (a full disk, a closed stdout) is an error.
    if (summary.output_errno == EPIPE) return cli::EXIT_OK;
    if (summary.output_errno != 0) {
      spdlog::error("cannot write the extracted articles: {}", std::strerror(summary.output_errno));
      return cli::EXIT_RUNTIME_ERROR;
    }
    const double seconds = summary.seconds > 0 ? summary.seconds : 1e-9;
    const std::string not_found =
        summary.written.not_found == 0 ? "" : fmt::format(" ({} not found)", summary.written.not_found);
    spdlog::info("{} articles read from {} input{}: {} added, {} replaced, {} deleted{}, {} skipped{}, {} warnings{}; "
                 "{:.1f} s, {:.0f} articles/s, {:.1f} MB/s",
                 summary.articles_read, summary.inputs, summary.inputs == 1 ? "" : "s", summary.written.added, summary.written.replaced,
                 summary.written.deleted, not_found, diagnostics.skipped_count(), by_kind(diagnostics.skipped_by_kind()),
                 diagnostics.warning_count(), by_kind(diagnostics.warnings_by_kind()), summary.seconds, static_cast<double>(summary.articles_read) / seconds,
                 static_cast<double>(summary.bytes_read) / 1e6 / seconds);
    if (summary.interrupted_by != 0) {
      spdlog::warn("interrupted by {}: what was indexed so far is committed; run the same command again to "
                   "complete the job",
                   signal_name(summary.interrupted_by));
      return 128 + summary.interrupted_by;
    }
    // An id to delete that the database does not hold leaves it as asked (like rm -f):
    // named on stderr and counted, fatal only with --strict.
    if (options.strict &&
        (diagnostics.skipped_count() > 0 || diagnostics.warning_count() > 0 || summary.written.not_found > 0)) {
      spdlog::error("--strict: the input had problems (see above)");
      return cli::EXIT_RUNTIME_ERROR;
    }
    return cli::EXIT_OK;
  } catch (const Xapian::Error& e) {
    spdlog::error("{}", printable(e.get_description()));
  } catch (const std::exception& e) {
    spdlog::error("{}", printable(e.what()));
  }
  return cli::EXIT_RUNTIME_ERROR;
}
