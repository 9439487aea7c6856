// Problems found in the input, reported like a compiler reports code
// ("file:line: warning: ...") on stderr through spdlog, and counted for the summary.
// What the input holds (file names, messages quoting it) is printed inert (printable.h).
// Thread-safe: the readers and the analysis threads report into one instance.
#pragma once

#include <cstddef>
#include <map>
#include <mutex>
#include <string>
#include <string_view>

#include "core/source_position.h"

namespace newsdex {

class Diagnostics {
 public:
  // Something was wrong with a record, but it was kept (repaired UTF-8, unparseable
  // date...). `kind` is a short stable name used in the summary ("invalid-utf8"). The
  // first WARNINGS_SHOWN_PER_KIND of a kind are printed, then one line saying the rest
  // are counted only, as a compiler stops repeating itself: a corpus with one fault in
  // every third record (the BBC CSV's 451 repaired encodings) would bury the rest of the
  // output. With debug logging (-v) every one is printed. Every one is counted.
  void warning(const SourcePosition& where, std::string_view kind, std::string_view message);
  static constexpr std::size_t WARNINGS_SHOWN_PER_KIND = 20;

  // A record, or a whole file, could not be used and was skipped.
  void skipped(const SourcePosition& where, std::string_view kind, std::string_view message);

  std::size_t warning_count() const;
  std::size_t skipped_count() const;
  // Counts by kind, warnings and skips together, for the final summary.
  std::map<std::string, std::size_t> counts_by_kind() const;
  // The same, for the skips alone and for the warnings alone: the summary lists each
  // kind beside the count it belongs to ("3 skipped (3 malformed-json), 0 warnings").
  std::map<std::string, std::size_t> skipped_by_kind() const;
  std::map<std::string, std::size_t> warnings_by_kind() const;

 private:
  mutable std::mutex mutex_;
  std::size_t warnings_ = 0;
  std::size_t skipped_ = 0;
  std::map<std::string, std::size_t> by_kind_;
  std::map<std::string, std::size_t> skipped_by_kind_;
  std::map<std::string, std::size_t> warnings_by_kind_;
};

}  // namespace newsdex
