#include "indexing_pipeline.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <exception>
#include <iostream>
#include <mutex>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "bounded_queue.h"
#include "document_builder.h"
#include "entities/entity_extractor.h"
#include "extract_writer.h"
#include "interrupt.h"
#include "language_detector.h"
#include "progress.h"
#include "storage/shard_layout.h"
#include "sharded_index.h"
#include "analysis/term_writer.h"

namespace newsdex {
namespace {

using Clock = std::chrono::steady_clock;

// An input with no bytes ready for this long is quiet: the articles read from it so far
// go to analysis without waiting for a full batch. Short enough for a live feed, long
// enough that a slow producer (zcat, a network copy) does not cut batches into crumbs.
constexpr double QUIET_INPUT_SECONDS = 0.5;

// A batch never holds more than this much text, whatever batch_articles says.
constexpr std::size_t MAX_BATCH_BYTES = 32u << 20;

struct Batch {
  std::size_t index = 0;          // 0, 1, 2... in reading order
  std::size_t first_sequence = 0; // sequence number of articles[0] in the run
  // Per shard: the shard's sequence number of its first article in this batch (its
  // articles of the run are numbered in reading order, so each shard's parts follow on).
  std::vector<std::size_t> shard_first_sequence;
  std::vector<Article> articles;
};

// State shared by the threads of one run.
struct Run {
  explicit Run(std::size_t capacity) : queue(capacity) {}
  BoundedQueue<Batch> queue;
  std::atomic<std::uint64_t> bytes_read{0};
  std::atomic<std::uint64_t> articles_read{0};
  std::atomic<std::uint64_t> articles_done{0};
  std::atomic<bool> stop{false};  // interrupted or failed: finish quickly

  std::mutex mutex;
  std::condition_variable changed;   // a batch finished, or a thread ended
  unsigned threads_running = 0;
  std::size_t next_to_print = 0;     // --extract: the batch whose output goes next
  int output_errno = 0;              // --extract: why standard output took no more
  std::exception_ptr failure;

  void fail(std::exception_ptr error) {
    std::lock_guard lock(mutex);
    if (!failure) failure = std::move(error);
    stop = true;
    queue.abandon();
    changed.notify_all();
  }
};

bool should_stop(Run& run) { return run.stop || interrupt_signal() != 0; }

void read_inputs(const std::vector<InputFile>& inputs, const PipelineOptions& options, Diagnostics& diagnostics,
                 Run& run, std::uint32_t shard_count) {
  Batch batch;
  std::size_t batch_bytes = 0;
  std::size_t sequence = 0;
  std::vector<std::size_t> shard_sequence(shard_count, 0);
  batch.shard_first_sequence = shard_sequence;
  auto send = [&] {
    if (batch.articles.empty()) return;
    Batch full = std::move(batch);
    batch = Batch{};
    batch.index = full.index + 1;
    batch.first_sequence = sequence;
    batch.shard_first_sequence = shard_sequence;
    batch_bytes = 0;
    run.queue.push(std::move(full));
  };
  Article article;
  for (const auto& input : inputs) {
    if (should_stop(run)) break;
    with_input_stream(
        input, diagnostics,
        [&](std::istream& in, std::string_view head) {
          const auto format = options.format ? options.format : detect_input_format(input.path, head);
          if (!format) {
            diagnostics.skipped({input.path, 0, 0}, "unknown-format", undetected_format_reason(input.path));
            return;
          }
          spdlog::debug("{}: reading as {}", input.path, input_format_name(*format));
          auto reader = make_reader(*format, in, input.path, input.default_id, diagnostics, options.reader);
          while (!should_stop(run) && reader->next(article)) {
            batch_bytes += article.title.size() + article.body.size();
            ++shard_sequence[shard_for(article.id, shard_count)];
            batch.articles.push_back(std::move(article));
            ++sequence;
            ++run.articles_read;
            if (batch.articles.size() >= options.batch_articles || batch_bytes >= MAX_BATCH_BYTES) send();
          }
        },
        &run.bytes_read, [&](double seconds) {
          // A quiet input (a live feed) hands on the articles it gave so far, so that
          // they are committed without waiting for a full batch.
          if (seconds >= QUIET_INPUT_SECONDS && !should_stop(run)) send();
          return should_stop(run);
        });
  }
  if (!should_stop(run)) send();
}

// The language an article is analysed in: the one its record gives, else the one its
// text is detected to be in, else --language. Set on the article, so that its stored
// form, its output and --extract say which language it was indexed in.
void settle_language(Article& article, const PipelineOptions& options) {
  if (!article.language.empty()) return;
  if (options.detect_language) article.language = detect_language(article.title, article.body);
  if (article.language.empty()) article.language = options.default_language;
}

// What an analysis thread does with each batch: writes it into part databases, or
// (--extract) prints what extraction finds. Each thread has its own sink, with its own
// analyser, document builder and extractor (none of them is thread-safe).
class BatchSink {
 public:
  virtual ~BatchSink() = default;
  // Settles the batch's languages, extracts entities and does the sink's work; false
  // when the run is to stop.
  virtual bool take(Batch& batch) = 0;
};

// --extract: one JSON line per article, in input order whatever thread analysed it.
class ExtractPrinter : public BatchSink {
 public:
  ExtractPrinter(const PipelineOptions& options, Run& run)
      : options_(options), run_(run), extractor_(options.people_file) {}

  bool take(Batch& batch) override {
    std::ostringstream out;
    for (auto& article : batch.articles) {
      settle_language(article, options_);
      if (options_.extract_entities) extractor_.extract(article);
      write_extract_line(out, article);
    }
    std::unique_lock lock(run_.mutex);
    run_.changed.wait(lock, [&] { return run_.next_to_print == batch.index || run_.stop; });
    if (run_.stop) return false;
    std::cout << out.str();
    std::cout.flush();
    if (!std::cout) {
      // A reader that went away (`| head -1`) or a full disk: nothing more can be said.
      run_.output_errno = errno != 0 ? errno : EIO;
      run_.stop = true;
      run_.queue.abandon();
      run_.changed.notify_all();
      return false;
    }
    ++run_.next_to_print;
    run_.articles_done += batch.articles.size();
    run_.changed.notify_all();
    return true;
  }

 private:
  const PipelineOptions& options_;
  Run& run_;
  EntityExtractor extractor_;
};

// Indexing: one part database per shard that gets articles from the batch, staged with
// the shard's writer for its next commit. Document ids follow reading order within each
// shard: the last version of an article id read wins.
class PartSink : public BatchSink {
 public:
  PartSink(const PipelineOptions& options, std::span<IndexWriter* const> shards, Diagnostics& diagnostics, Run& run)
      : options_(options), shards_(shards), diagnostics_(diagnostics), run_(run),
        builder_(options.default_language), extractor_(options.people_file) {}

  bool take(Batch& batch) override {
    const auto shard_count = static_cast<std::uint32_t>(shards_.size());
    std::vector<std::optional<PartWriter>> parts(shard_count);
    std::vector<Xapian::docid> first(shard_count), next(shard_count);
    for (std::uint32_t k = 0; k < shard_count; ++k)
      first[k] = next[k] = shards_[k]->docid_base() + static_cast<Xapian::docid>(batch.shard_first_sequence[k]) + 1;
    // Per shard, the articles in its part so far (index in the batch, document id).
    std::vector<std::vector<std::pair<std::size_t, Xapian::docid>>> in_part(shard_count);
    for (std::size_t i = 0; i < batch.articles.size(); ++i) {
      // Counted article by article, not per batch: the progress bar moves as articles
      // are analysed instead of jumping a thousand at a time.
      ++run_.articles_done;
      Article& article = batch.articles[i];
      const std::uint32_t k = shard_for(article.id, shard_count);
      if (!parts[k]) parts[k].emplace(shards_[k]->new_part_path());
      const Xapian::docid docid = next[k]++;
      const std::optional<Xapian::Document> doc = build(article);
      if (!doc) continue;
      try {
        parts[k]->add(docid, article.id, *doc);
        in_part[k].emplace_back(i, docid);
      } catch (const Xapian::DatabaseError& e) {
        // The disk (full, failing, over a file size limit), not the article: the run stops.
        throw std::runtime_error(parts[k]->path() + ": cannot write: " + e.get_description());
      } catch (const Xapian::Error& e) {
        diagnostics_.skipped(article.origin, "index-error", e.get_description());
        // Xapian dropped the part's other documents with this one: they are written again.
        parts[k]->restart();
        for (const auto& [j, kept] : in_part[k])
          parts[k]->add(kept, batch.articles[j].id, builder_.build(batch.articles[j]));
      }
    }
    for (std::uint32_t k = 0; k < shard_count; ++k)
      if (parts[k]) stage(*parts[k], first[k], next[k] - 1, *shards_[k]);
    std::lock_guard lock(run_.mutex);
    run_.changed.notify_all();
    return true;
  }

 private:
  // The article analysed into its document; nullopt (with the reason reported) when it
  // cannot be.
  std::optional<Xapian::Document> build(Article& article) {
    try {
      settle_language(article, options_);
      if (options_.extract_entities) extractor_.extract(article);
      Xapian::Document doc = builder_.build(article);
      if (builder_.last_truncated())
        diagnostics_.warning(article.origin, "truncated",
                             fmt::format("text cut at {} words: the words after it are not searchable",
                                         MAX_WORDS_PER_ARTICLE));
      return doc;
    } catch (const Xapian::Error& e) {
      diagnostics_.skipped(article.origin, "index-error", e.get_description());
    } catch (const std::exception& e) {
      diagnostics_.skipped(article.origin, "index-error", e.what());
    }
    return std::nullopt;
  }

  // Finishes a part holding document ids first..last and stages it with its shard's writer.
  static void stage(PartWriter& part, Xapian::docid first, Xapian::docid last, IndexWriter& shard) {
    PartInfo info;
    try {
      info = part.finish();
    } catch (const Xapian::Error& e) {
      throw std::runtime_error(part.path() + ": cannot write: " + e.get_description());
    }
    info.first = first;
    info.last = last;
    shard.add_part(std::move(info));
  }

  const PipelineOptions& options_;
  std::span<IndexWriter* const> shards_;
  Diagnostics& diagnostics_;
  Run& run_;
  DocumentBuilder builder_;
  EntityExtractor extractor_;
};

// One analysis thread: takes batches until the queue ends or the run stops.
void analyse(const PipelineOptions& options, std::span<IndexWriter* const> shards, Diagnostics& diagnostics,
             Run& run) {
  std::unique_ptr<BatchSink> sink;
  if (options.extract_only) sink = std::make_unique<ExtractPrinter>(options, run);
  else sink = std::make_unique<PartSink>(options, shards, diagnostics, run);
  while (auto batch = run.queue.pop()) {
    if (should_stop(run) || !sink->take(*batch)) break;
  }
}

// A run that stops on an error (a write error, most often: a full disk) has committed what
// it committed; the message says so, and how to complete the job.
[[noreturn]] void stop_writing_run(const std::exception_ptr& failure) {
  try {
    std::rethrow_exception(failure);
  } catch (const std::exception& e) {
    throw std::runtime_error(std::string(e.what()) +
                             "; the database keeps its last commit: run the same command again once the cause is "
                             "fixed to complete the job");
  }
}

}  // namespace

PipelineSummary run_indexing(const std::vector<InputFile>& inputs, const PipelineOptions& options,
                             std::span<IndexWriter* const> shards, Diagnostics& diagnostics) {
  const auto start = Clock::now();
  const bool writing = !shards.empty();
  PipelineSummary summary;
  summary.inputs = inputs.size();
  const unsigned threads = options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency());
  Run run(std::size_t{2} * threads);
  ProgressReporter progress(total_input_bytes(inputs), options.show_progress);

  auto guarded = [&run](auto work) {
    return [&run, work] {
      try {
        work();
      } catch (const Xapian::Error& e) {
        run.fail(std::make_exception_ptr(std::runtime_error(e.get_description())));
      } catch (...) {
        run.fail(std::current_exception());
      }
      std::lock_guard lock(run.mutex);
      --run.threads_running;
      run.changed.notify_all();
    };
  };
  std::vector<std::thread> pool;
  run.threads_running = threads + 1;
  pool.emplace_back(guarded([&] {
    read_inputs(inputs, options, diagnostics, run, static_cast<std::uint32_t>(std::max<std::size_t>(1, shards.size())));
    run.queue.close();
  }));
  for (unsigned i = 0; i < threads; ++i)
    pool.emplace_back(guarded([&] { analyse(options, shards, diagnostics, run); }));

  // This thread commits, reports progress and watches for Ctrl-C.
  auto last_commit = Clock::now();
  double last_commit_seconds = 0;
  bool commit_failed = false;
  while (true) {
    {
      std::unique_lock lock(run.mutex);
      run.changed.wait_for(lock, std::chrono::milliseconds(200));
      if (run.threads_running == 0) break;
    }
    if (interrupt_signal() != 0 && !run.stop) {
      run.stop = true;
      run.queue.abandon();
      run.changed.notify_all();
    }
    progress.update(run.articles_done, run.articles_read, run.bytes_read);
    if (!writing || run.stop) continue;
    const bool due = std::chrono::duration<double>(Clock::now() - last_commit).count() >=
                     seconds_per_commit(options, last_commit_seconds);
    const std::size_t ready = committable_articles(shards);
    if (ready > 0 && (ready >= articles_per_commit(options, committed_articles(shards)) || due)) {
      const auto commit_start = Clock::now();
      try {
        commit_shards(shards);
      } catch (...) {
        // The analysis threads are stopped and joined before the failure is reported; the
        // database keeps its last commit.
        commit_failed = true;
        run.fail(std::current_exception());
      }
      last_commit = Clock::now();
      last_commit_seconds = std::chrono::duration<double>(last_commit - commit_start).count();
    }
  }
  for (auto& thread : pool) thread.join();
  progress.finish();
  summary.interrupted_by = interrupt_signal();
  if (run.failure && (commit_failed || !summary.interrupted_by)) {
    if (writing) stop_writing_run(run.failure);
    std::rethrow_exception(run.failure);
  }
  if (writing) {
    try {
      commit_shards(shards);
    } catch (...) {
      stop_writing_run(std::current_exception());
    }
    summary.written = total_counts(shards);
  }
  summary.articles_read = run.articles_read;
  summary.bytes_read = run.bytes_read;
  summary.output_errno = run.output_errno;
  summary.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  return summary;
}

}  // namespace newsdex
