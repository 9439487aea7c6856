// Publication dates as input formats write them, to a calendar day (UTC).
#pragma once

#include <memory>
#include <optional>
#include <string_view>

#include "core/calendar.h"

namespace newsdex {

// Understands ISO 8601 ("2023-03-01", "2023-03-01T10:00:00Z", "2023-03", "20230301"),
// Reuters-21578 ("26-FEB-1987 15:01:01.79"), RFC 2822 ("Wed, 01 Mar 2023 10:00:00 +0000"),
// TREC newswire ("880212", "February 12, 1988") and English long forms ("1 March 2023",
// "March 1, 2023"). Month names through ICU. Not thread-safe: one parser per thread.
class DateParser {
 public:
  DateParser();
  ~DateParser();
  DateParser(DateParser&&) noexcept;
  DateParser& operator=(DateParser&&) noexcept;

  // The date, or nullopt when the text is not a date it understands or not a real day.
  std::optional<PartialDate> parse(std::string_view text);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace newsdex
