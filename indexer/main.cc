// newsdex-index: reads news articles and writes them into a Xapian database.
#include <spdlog/spdlog.h>
#include <xapian.h>

#include <iostream>

#include "cli.h"
#include "diagnostics.h"
#include "index_options.h"
#include "indexing_pipeline.h"

int main(int argc, char** argv) {
  using namespace newsdex;
  IndexOptions options;
  if (auto exit_code = parse_index_options(argc, argv, options)) return *exit_code;

  try {
    Diagnostics diagnostics;
    const auto inputs = expand_inputs(options.inputs, diagnostics);
    std::optional<IndexWriter> writer;
    if (!options.pipeline.extract_only) writer.emplace(options.db, options.commit_every);
    const PipelineSummary summary =
        run_indexing(inputs, options.pipeline, writer ? &*writer : nullptr, diagnostics);
    spdlog::info("{} articles read from {} inputs: {} added, {} replaced, {} deleted, {} skipped, {} warnings",
                 summary.articles_read, inputs.size(), summary.written.added, summary.written.replaced,
                 summary.written.deleted, diagnostics.skipped_count(), diagnostics.warning_count());
    if (options.strict && (diagnostics.skipped_count() > 0 || diagnostics.warning_count() > 0)) {
      spdlog::error("--strict: the input had problems (see above)");
      return cli::EXIT_RUNTIME_ERROR;
    }
    return cli::EXIT_OK;
  } catch (const Xapian::Error& e) {
    spdlog::error("{}", e.get_description());
  } catch (const std::exception& e) {
    spdlog::error("{}", e.what());
  }
  return cli::EXIT_RUNTIME_ERROR;
}
