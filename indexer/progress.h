// Progress of a run on stderr: on a terminal, a bar redrawn in place with articles,
// articles/s, MB/s and the ETA (when the total input size is known); otherwise a log
// line every few seconds.
#pragma once

#include <chrono>
#include <cstdint>

namespace newsdex {

class ProgressReporter {
 public:
  // `total_bytes`: size of the whole input in bytes, 0 when unknown (standard input).
  // `enabled`: false prints nothing (quiet mode).
  ProgressReporter(std::uint64_t total_bytes, bool enabled);

  // Called often (every fraction of a second) with running totals: articles analysed,
  // articles read, input bytes read. Draws when due. The reader runs ahead of analysis,
  // so the bytes behind the analysed articles are estimated as bytes * analysed / read.
  void update(std::uint64_t articles_done, std::uint64_t articles_read, std::uint64_t bytes_read);
  // Clears the bar, before the final summary.
  void finish();

 private:
  using Clock = std::chrono::steady_clock;
  std::uint64_t total_;
  bool enabled_;
  bool terminal_;
  Clock::time_point start_ = Clock::now();
  Clock::time_point last_draw_{};
  bool drawn_ = false;
};

}  // namespace newsdex
