#include "progress.h"

#include <unistd.h>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <cmath>
#include <cstdio>

namespace newsdex {
namespace {

constexpr auto TERMINAL_PERIOD = std::chrono::milliseconds(250);
constexpr auto LOG_PERIOD = std::chrono::seconds(5);
constexpr int BAR_WIDTH = 24;

std::string duration(double seconds) {
  const long s = std::lround(seconds);
  if (s >= 3600) return fmt::format("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60);
  return fmt::format("{}:{:02}", s / 60, s % 60);
}

}  // namespace

ProgressReporter::ProgressReporter(std::uint64_t total_bytes, bool enabled)
    : total_(total_bytes), enabled_(enabled), terminal_(::isatty(STDERR_FILENO) == 1) {}

void ProgressReporter::update(std::uint64_t articles, std::uint64_t articles_read, std::uint64_t bytes_read) {
  if (!enabled_) return;
  const auto now = Clock::now();
  if (now - last_draw_ < (terminal_ ? std::chrono::duration_cast<Clock::duration>(TERMINAL_PERIOD)
                                    : std::chrono::duration_cast<Clock::duration>(LOG_PERIOD)))
    return;
  const bool first = last_draw_ == Clock::time_point{};
  last_draw_ = now;
  if (first && !terminal_) return;  // the first log line after LOG_PERIOD, not at once
  const double elapsed = std::chrono::duration<double>(now - start_).count();
  if (elapsed <= 0) return;
  const double bytes = articles_read == 0 ? 0.0
                                          : static_cast<double>(bytes_read) * static_cast<double>(articles) /
                                                static_cast<double>(articles_read);
  const double rate = static_cast<double>(articles) / elapsed;
  const double mb_rate = bytes / 1e6 / elapsed;
  std::string eta;
  std::string bar;
  if (total_ > 0 && bytes > 0) {
    const double fraction = std::min(1.0, bytes / static_cast<double>(total_));
    eta = fmt::format(", ETA {}", duration(elapsed / fraction - elapsed));
    const int filled = static_cast<int>(fraction * BAR_WIDTH);
    bar = fmt::format("[{}{}] {:3.0f}% ", std::string(static_cast<std::size_t>(filled), '#'),
                      std::string(static_cast<std::size_t>(BAR_WIDTH - filled), '.'), fraction * 100);
  }
  const std::string line = fmt::format("{}{} articles, {:.0f} articles/s, {:.1f} MB/s{}", bar, articles, rate,
                                       mb_rate, eta);
  if (terminal_) {
    std::fprintf(stderr, "\r\033[K%s", line.c_str());
    std::fflush(stderr);
    drawn_ = true;
  } else {
    spdlog::info("{}", line);
  }
}

void ProgressReporter::finish() {
  if (drawn_) {
    std::fprintf(stderr, "\r\033[K");
    std::fflush(stderr);
    drawn_ = false;
  }
}

}  // namespace newsdex
