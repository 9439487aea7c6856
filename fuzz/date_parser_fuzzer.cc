// The date parser on arbitrary text: whatever it returns is a real calendar date, and
// the date's own ISO form parses back to the same date.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/date_parser.h"
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace newsdex;
  static DateParser parser;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto date = parser.parse(text);
  if (!date) return 0;
  if (date->has_day()) {
    NEWSDEX_FUZZ_CHECK(is_valid_day(date->year, date->month, date->day), date->to_iso());
  } else {
    NEWSDEX_FUZZ_CHECK(date->month >= 1 && date->month <= 12 && date->year >= 1000 && date->year <= 9999,
                       date->to_iso());
  }
  const std::string iso = date->to_iso();
  const auto again = parser.parse(iso);
  NEWSDEX_FUZZ_CHECK(again && *again == *date, iso);
  return 0;
}
