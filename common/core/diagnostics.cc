#include "core/diagnostics.h"

#include <spdlog/spdlog.h>

#include "core/printable.h"

namespace newsdex {

void Diagnostics::warning(const SourcePosition& where, std::string_view kind, std::string_view message) {
  std::size_t of_kind = 0;
  {
    std::lock_guard lock(mutex_);
    ++warnings_;
    ++by_kind_[std::string(kind)];
    of_kind = ++warnings_by_kind_[std::string(kind)];
  }
  if (of_kind <= WARNINGS_SHOWN_PER_KIND || spdlog::should_log(spdlog::level::debug))
    spdlog::warn("{}: {} [{}]", printable(where.to_string()), printable(message), kind);
  else if (of_kind == WARNINGS_SHOWN_PER_KIND + 1)
    spdlog::warn("more [{}] warnings are counted in the summary, not shown (-v shows them all)", kind);
}

void Diagnostics::skipped(const SourcePosition& where, std::string_view kind, std::string_view message) {
  spdlog::error("{}: {}; skipped [{}]", printable(where.to_string()), printable(message), kind);
  std::lock_guard lock(mutex_);
  ++skipped_;
  ++by_kind_[std::string(kind)];
  ++skipped_by_kind_[std::string(kind)];
}

std::size_t Diagnostics::warning_count() const {
  std::lock_guard lock(mutex_);
  return warnings_;
}

std::size_t Diagnostics::skipped_count() const {
  std::lock_guard lock(mutex_);
  return skipped_;
}

std::map<std::string, std::size_t> Diagnostics::counts_by_kind() const {
  std::lock_guard lock(mutex_);
  return by_kind_;
}

std::map<std::string, std::size_t> Diagnostics::skipped_by_kind() const {
  std::lock_guard lock(mutex_);
  return skipped_by_kind_;
}

std::map<std::string, std::size_t> Diagnostics::warnings_by_kind() const {
  std::lock_guard lock(mutex_);
  return warnings_by_kind_;
}

}  // namespace newsdex
