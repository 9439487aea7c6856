#include "core/calendar.h"

#include <chrono>

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

namespace {

// The number written by the `count` digits of `s` from `at`; nullopt when one is not a digit.
std::optional<unsigned> digits_at(std::string_view s, std::size_t at, std::size_t count) {
  if (at + count > s.size()) return std::nullopt;
  unsigned value = 0;
  for (std::size_t i = at; i < at + count; ++i) {
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
    value = value * 10 + static_cast<unsigned>(s[i] - '0');
  }
  return value;
}

}  // namespace

std::optional<PartialDate> partial_date_from_iso(std::string_view iso) {
  if ((iso.size() != 7 && iso.size() != 10) || iso[4] != '-' || (iso.size() == 10 && iso[7] != '-'))
    return std::nullopt;
  const auto year = digits_at(iso, 0, 4), month = digits_at(iso, 5, 2);
  const auto day = iso.size() == 10 ? digits_at(iso, 8, 2) : std::optional<unsigned>(0);
  if (!year || !month || !day) return std::nullopt;
  return PartialDate{static_cast<int>(*year), *month, *day};
}

bool is_valid_day(int year, unsigned month, unsigned day) {
  if (year < 1000 || year > 9999) return false;
  return std::chrono::year_month_day{std::chrono::year{year}, std::chrono::month{month},
                                     std::chrono::day{day}}
      .ok();
}

std::optional<long> day_number(std::string_view yyyymmdd) {
  if (yyyymmdd.size() != 8) return std::nullopt;
  const auto year = digits_at(yyyymmdd, 0, 4), month = digits_at(yyyymmdd, 4, 2), day = digits_at(yyyymmdd, 6, 2);
  if (!year || !month || !day) return std::nullopt;
  const std::chrono::year_month_day ymd{std::chrono::year{static_cast<int>(*year)}, std::chrono::month{*month},
                                        std::chrono::day{*day}};
  if (!ymd.ok()) return std::nullopt;
  return std::chrono::sys_days(ymd).time_since_epoch().count();
}

std::string iso_date_label(std::string_view compact) {
  if (compact.size() != 6 && compact.size() != 8) return std::string(compact);
  std::string label(compact.substr(0, 4));
  for (std::size_t at = 4; at < compact.size(); at += 2) label.append("-").append(compact.substr(at, 2));
  return label;
}

std::optional<DayRange> parse_day_range(std::string_view text) {
  std::string digits;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    // Hyphens only between year, month and day.
    if (c == '-' && (i == 4 || i == 7) && (digits.size() == 4 || digits.size() == 6)) continue;
    if (c < '0' || c > '9') return std::nullopt;
    digits += c;
  }
  if (digits.size() != 4 && digits.size() != 6 && digits.size() != 8) return std::nullopt;
  const int year = static_cast<int>(*digits_at(digits, 0, 4));
  if (digits.size() == 4) {
    if (year < 1000) return std::nullopt;
    return DayRange{digits + "0101", digits + "1231"};
  }
  const unsigned month = *digits_at(digits, 4, 2);
  if (digits.size() == 6) {
    if (!is_valid_day(year, month, 1)) return std::nullopt;
    unsigned last = 31;
    while (!is_valid_day(year, month, last)) --last;
    return DayRange{digits + "01", fmt::format("{}{:02}", digits, last)};
  }
  if (!is_valid_day(year, month, *digits_at(digits, 6, 2))) return std::nullopt;
  return DayRange{digits, digits};
}

}  // namespace newsdex
