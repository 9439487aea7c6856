#include "article.h"

#include <fmt/format.h>

namespace newsdex {

std::string PartialDate::to_iso() const {
  if (has_day()) return fmt::format("{:04}-{:02}-{:02}", year, month, day);
  return fmt::format("{:04}-{:02}", year, month);
}

std::string PartialDate::to_compact() const {
  if (has_day()) return fmt::format("{:04}{:02}{:02}", year, month, day);
  return fmt::format("{:04}{:02}", year, month);
}

}  // namespace newsdex
