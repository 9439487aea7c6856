// Calendar dates in the forms newsdex keeps them: PartialDate (a day, or only a month),
// its ISO ("YYYY-MM-DD") and compact ("YYYYMMDD", terms and value slots) spellings, and
// the day ranges that --since, --until and "date:" name. Every conversion between these
// forms is here; reading dates as input formats write them is date_parser.h's job.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace newsdex {

// A calendar date as precise as the source allows: a day, or only a month.
struct PartialDate {
  int year = 0;
  unsigned month = 0;  // 1..12
  unsigned day = 0;    // 1..31, or 0 when only the month is known

  bool has_day() const { return day != 0; }
  // "YYYY-MM-DD" or "YYYY-MM".
  std::string to_iso() const;
  // "YYYYMMDD" or "YYYYMM", the form used in terms and value slots.
  std::string to_compact() const;
  friend bool operator==(const PartialDate&, const PartialDate&) = default;
};

// The date of our own "YYYY-MM-DD" or "YYYY-MM" (PartialDate::to_iso); nullopt for any
// other text.
std::optional<PartialDate> partial_date_from_iso(std::string_view iso);

// True when year/month/day form a real calendar day (1000 <= year <= 9999).
bool is_valid_day(int year, unsigned month, unsigned day);

// Days since 1970-01-01 of a compact "YYYYMMDD" date (the date slot's form); nullopt
// when it is not one.
std::optional<long> day_number(std::string_view yyyymmdd);

// A compact date key ("198703", "19870302") as an ISO date ("1987-03", "1987-03-02"),
// for labels; any other text unchanged.
std::string iso_date_label(std::string_view compact);

// A first and last publication day as "YYYYMMDD" (inclusive), parsed from "YYYY",
// "YYYY-MM" or "YYYY-MM-DD" (also without hyphens). nullopt when the text is not a date.
struct DayRange {
  std::string first;
  std::string last;
};
std::optional<DayRange> parse_day_range(std::string_view text);

}  // namespace newsdex
