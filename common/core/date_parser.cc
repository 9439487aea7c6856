#include "core/date_parser.h"

#include <unicode/calendar.h>
#include <unicode/smpdtfmt.h>
#include <unicode/timezone.h>
#include <unicode/uchar.h>

#include <chrono>
#include <charconv>
#include <string>
#include <vector>

#include "core/ascii_text.h"

namespace newsdex {
namespace {

bool read_number(std::string_view s, std::size_t at, std::size_t len, int& out) {
  if (at + len > s.size()) return false;
  for (std::size_t i = at; i < at + len; ++i)
    if (s[i] < '0' || s[i] > '9') return false;
  return std::from_chars(s.data() + at, s.data() + at + len, out).ec == std::errc{};
}

// ISO 8601 and the compact digit forms, which need no locale: the common case, fast.
std::optional<PartialDate> parse_numeric(std::string_view s) {
  int y = 0, m = 0, d = 0;
  if (read_number(s, 0, 4, y) && s.size() >= 7 && s[4] == '-' && read_number(s, 5, 2, m)) {
    if (s.size() >= 10 && s[7] == '-' && read_number(s, 8, 2, d)) {
      if (s.size() > 10 && s[10] != 'T' && s[10] != ' ' && s[10] != 't') return std::nullopt;
      if (is_valid_day(y, m, d)) return PartialDate{y, unsigned(m), unsigned(d)};
      return std::nullopt;
    }
    if (s.size() == 7 && m >= 1 && m <= 12 && is_valid_day(y, unsigned(m), 1)) return PartialDate{y, unsigned(m), 0};
    return std::nullopt;
  }
  if (s.size() == 8 && read_number(s, 0, 4, y) && read_number(s, 4, 2, m) && read_number(s, 6, 2, d)) {
    if (is_valid_day(y, m, d)) return PartialDate{y, unsigned(m), unsigned(d)};
    return std::nullopt;
  }
  // TREC's six-digit YYMMDD (AP: "880212"); two-digit years before 30 are 20xx.
  if (s.size() == 6 && read_number(s, 0, 2, y) && read_number(s, 2, 2, m) && read_number(s, 4, 2, d)) {
    y += y < 30 ? 2000 : 1900;
    if (is_valid_day(y, m, d)) return PartialDate{y, unsigned(m), unsigned(d)};
  }
  return std::nullopt;
}

}  // namespace

struct DateParser::Impl {
  // Patterns tried in order; ICU parses month and day names case-insensitively.
  std::vector<std::unique_ptr<icu::SimpleDateFormat>> formats;

  Impl() {
    static const char* const PATTERNS[] = {
        "d-MMM-yyyy HH:mm:ss.SS",      // Reuters-21578
        "d-MMM-yyyy",
        "EEE, d MMM yyyy HH:mm:ss Z",  // RFC 2822
        "d MMM yyyy HH:mm:ss Z",
        "EEE, d MMM yyyy",
        "MMMM d, yyyy",                // "March 1, 2023", "February 12, 1988"
        "MMM d, yyyy",
        "d MMMM yyyy",                 // "1 March 2023"
        "d MMM yyyy",
        "EEEE, MMMM d, yyyy",
        "MMMM yyyy",                   // month precision
    };
    for (const char* pattern : PATTERNS) {
      UErrorCode status = U_ZERO_ERROR;
      auto format = std::make_unique<icu::SimpleDateFormat>(icu::UnicodeString(pattern),
                                                            icu::Locale::getEnglish(), status);
      if (U_FAILURE(status)) continue;
      format->setLenient(false);
      format->adoptTimeZone(icu::TimeZone::createTimeZone("UTC"));
      formats.push_back(std::move(format));
    }
  }

  std::optional<PartialDate> parse_with_icu(std::string_view text) {
    const icu::UnicodeString input = icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), text.size()));
    // ICU 72 divides by zero (SIGFPE) on a fractional-seconds field of 35 or more digits
    // (its power of ten overflows int32 to 0); no date field has more than 9 digits.
    for (int32_t i = 0, run = 0; i < input.length(); i = input.moveIndex32(i, 1)) {
      run = u_isdigit(input.char32At(i)) ? run + 1 : 0;
      if (run > 9) return std::nullopt;
    }
    for (auto& format : formats) {
      icu::ParsePosition position(0);
      UDate when = format->parse(input, position);
      if (position.getErrorIndex() >= 0 || position.getIndex() == 0) continue;
      // The whole text must be consumed but for trailing punctuation or a time zone name.
      icu::UnicodeString rest = input.tempSubString(position.getIndex()).trim();
      if (rest.length() > 5) continue;
      UErrorCode status = U_ZERO_ERROR;
      std::unique_ptr<icu::Calendar> calendar(format->getCalendar()->clone());
      calendar->setTime(when, status);
      int year = calendar->get(UCAL_YEAR, status);
      int month = calendar->get(UCAL_MONTH, status) + 1;
      int day = calendar->get(UCAL_DATE, status);
      if (U_FAILURE(status)) continue;
      icu::UnicodeString pattern;
      format->toPattern(pattern);
      const bool month_only = pattern.indexOf(u'd') < 0;
      if (!is_valid_day(year, unsigned(month), unsigned(day))) continue;
      return PartialDate{year, unsigned(month), month_only ? 0u : unsigned(day)};
    }
    return std::nullopt;
  }
};

DateParser::DateParser() : impl_(std::make_unique<Impl>()) {}
DateParser::~DateParser() = default;
DateParser::DateParser(DateParser&&) noexcept = default;
DateParser& DateParser::operator=(DateParser&&) noexcept = default;

std::optional<PartialDate> DateParser::parse(std::string_view text) {
  text = trim_space(text);
  if (text.empty() || text.size() > 100) return std::nullopt;
  if (auto numeric = parse_numeric(text)) return numeric;
  if (text.front() >= '0' && text.front() <= '9' && text.size() <= 10 &&
      text.find_first_not_of("0123456789-/") == std::string_view::npos)
    return std::nullopt;
  // Runs of spaces ("3-MAR-1987  09:15:05.40") would defeat the strict ICU patterns.
  std::string single_spaced;
  for (char c : text) {
    if (c == ' ' && !single_spaced.empty() && single_spaced.back() == ' ') continue;
    single_spaced += c;
  }
  return impl_->parse_with_icu(single_spaced);
}

}  // namespace newsdex
