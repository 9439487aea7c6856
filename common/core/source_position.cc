#include "core/source_position.h"

#include <fmt/format.h>

namespace newsdex {

std::string SourcePosition::to_string() const {
  if (line > 0) return fmt::format("{}:{}", file, line);
  if (record > 0) return fmt::format("{}: record {}", file, record);
  return file;
}

}  // namespace newsdex
