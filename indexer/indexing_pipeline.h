// The path of every article: input files -> one reader thread (streaming, in input order)
// -> bounded queue of batches -> analysis threads (entity extraction, analysis, a Xapian
// document, written into the thread's own part database) -> the one IndexWriter, which
// merges parts into the database at each commit. Produces the run's summary.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/diagnostics.h"
#include "index_writer.h"
#include "input_files.h"
#include "readers/input_format.h"

namespace newsdex {

struct PipelineOptions {
  std::optional<InputFormat> format;  // nullopt: detect per file
  std::string default_language = "en";  // for articles whose language is neither given nor detected
  bool detect_language = true;  // false (--no-detect-language): no detection, the default applies
  bool extract_entities = true;  // false (--no-entities): skip EntityExtractor::extract
  bool extract_only = false;  // print what extraction finds (JSON lines) instead of writing
  std::string people_file;    // --people: canonical names and aliases for extraction, or ""
  ReaderOptions reader;
  unsigned threads = 0;                 // analysis threads; 0: one per core
  std::size_t batch_articles = 1000;    // articles per batch, and per part database
  // Commit after this many articles... With commit_every_grows (the default, unless
  // --commit-every is given), after twice as many as the database held at its last
  // commit when that is more: a compacting commit rewrites the whole database, so commits
  // spaced by its size rewrite each article about 1.5 times over a long run (the
  // compactions' sizes grow threefold, 1 + 1/3 + 1/9 + ...), not once per commit.
  std::size_t commit_every = 250000;
  bool commit_every_grows = true;
  // ...or this many seconds after the last commit ended, whichever comes first. With
  // commit_interval_stretches (the default, unless --commit-interval is given), at least
  // three times as long as the last commit took.
  double commit_seconds = 300;
  bool commit_interval_stretches = true;
  bool show_progress = true;            // progress bar / periodic log lines on stderr
};

struct PipelineSummary {
  std::size_t inputs = 0;
  std::size_t articles_read = 0;
  std::uint64_t bytes_read = 0;   // input bytes (compressed bytes for .gz)
  WriteCounts written;
  double seconds = 0;             // wall time of the run
  int interrupted_by = 0;         // the signal that stopped the run, or 0
  int output_errno = 0;           // --extract: the error that stopped standard output (EPIPE: the reader left)
};

// The staged articles that call for a commit when the database held `committed` articles
// at its last one (the --commit-interval clock aside).
inline std::size_t articles_per_commit(const PipelineOptions& options, std::size_t committed) {
  return options.commit_every_grows ? std::max(options.commit_every, 2 * committed) : options.commit_every;
}

// The seconds after the end of a commit that took `last_commit_seconds` at which staged
// articles are committed whatever their count. A commit that compacts a large archive
// takes minutes (at 1.8 million articles, three of them): on a fixed 5-minute clock a long
// run would spend most of its time committing, and each commit would rewrite the archive
// for a few minutes' articles; by default the commits it calls take at most a quarter of
// the time.
inline double seconds_per_commit(const PipelineOptions& options, double last_commit_seconds) {
  return options.commit_interval_stretches ? std::max(options.commit_seconds, 3 * last_commit_seconds)
                                           : options.commit_seconds;
}

// Reads every input and writes its articles through `shards` (or, with extract_only,
// prints them to stdout in input order and `shards` may be empty): one writer per shard,
// article id -> shards[shard_for(id, shards.size())] (sharded_index.h), one writer for a
// single database. Problems are reported to `diagnostics`; the run goes on past them.
// Commits at the end, and when interrupted (SIGINT, SIGTERM: see interrupt.h) commits
// what is done and returns early.
PipelineSummary run_indexing(const std::vector<InputFile>& inputs, const PipelineOptions& options,
                             std::span<IndexWriter* const> shards, Diagnostics& diagnostics);

// A single database (or none, with extract_only).
inline PipelineSummary run_indexing(const std::vector<InputFile>& inputs, const PipelineOptions& options,
                                    IndexWriter* writer, Diagnostics& diagnostics) {
  IndexWriter* const one[] = {writer};
  return run_indexing(inputs, options, std::span<IndexWriter* const>(one, writer ? 1 : 0), diagnostics);
}

}  // namespace newsdex
