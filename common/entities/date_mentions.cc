#include "entities/date_mentions.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <chrono>
#include <string_view>

#include "core/calendar.h"

namespace newsdex {
namespace {

using namespace std::chrono;

// 1..12 for an English month name or its news abbreviation ("Sept", "Feb"), else 0.
unsigned month_number(std::string_view folded) {
  static constexpr std::array<std::string_view, 12> FULL = {"january", "february", "march",     "april",
                                                             "may",     "june",     "july",      "august",
                                                             "september", "october", "november", "december"};
  for (unsigned i = 0; i < 12; ++i) {
    const auto full = FULL[i];
    if (folded == full) return i + 1;
    if (folded.size() >= 3 && folded.size() < full.size() && full.starts_with(folded) &&
        (folded.size() == 3 || folded == "sept"))
      return i + 1;
  }
  return 0;
}

// 0 (Sunday) .. 6 for an English weekday name, else -1.
int weekday_number(std::string_view folded) {
  static constexpr std::array<std::string_view, 7> DAYS = {"sunday",   "monday", "tuesday", "wednesday",
                                                            "thursday", "friday", "saturday"};
  for (int i = 0; i < 7; ++i)
    if (folded == DAYS[static_cast<std::size_t>(i)]) return i;
  return -1;
}

// A day of the month: "1".."31", also "1st", "26th".
unsigned day_number(const EntityToken& t) {
  std::string_view s = t.folded;
  for (std::string_view suffix : {"st", "nd", "rd", "th"})
    if (s.size() > 2 && s.ends_with(suffix)) s.remove_suffix(2);
  if (s.empty() || s.size() > 2) return 0;
  unsigned d = 0;
  if (std::from_chars(s.data(), s.data() + s.size(), d).ec != std::errc{} ||
      std::from_chars(s.data(), s.data() + s.size(), d).ptr != s.data() + s.size())
    return 0;
  return d >= 1 && d <= 31 ? d : 0;
}

// A four-digit year between 1800 and 2199.
int year_number(const EntityToken& t) {
  if (!t.number || t.folded.size() != 4) return 0;
  int y = 0;
  std::from_chars(t.folded.data(), t.folded.data() + 4, y);
  return y >= 1800 && y < 2200 ? y : 0;
}

sys_days to_days(const PartialDate& d) {
  return sys_days{year{d.year} / month{d.month} / day{d.has_day() ? d.day : 1}};
}

PartialDate from_days(sys_days days, bool month_only = false) {
  const year_month_day ymd{days};
  return PartialDate{int(ymd.year()), unsigned(ymd.month()), month_only ? 0u : unsigned(ymd.day())};
}

// The year that puts month/day closest to the publication day: "Feb 26" in an article of
// March 1987 is 1987, "December 30" in an article of January 1988 is 1987.
int nearest_year(unsigned m, unsigned d, const PartialDate& published) {
  const sys_days pub = to_days(published);
  int best = published.year;
  long best_distance = -1;
  for (int y = published.year - 1; y <= published.year + 1; ++y) {
    if (!is_valid_day(y, m, d == 0 ? 1 : d)) continue;
    const long distance = std::labs((to_days(PartialDate{y, m, d == 0 ? 1u : d}) - pub).count());
    if (best_distance < 0 || distance < best_distance) {
      best = y;
      best_distance = distance;
    }
  }
  return best;
}

bool is(const EntityToken& t, std::string_view word) { return t.folded == word; }

// Words before a bare month name that make it a date ("in March", "since February",
// "end of June"), as opposed to "March" the verb or "May" the modal.
bool introduces_month(const EntityToken& t) {
  static constexpr std::array<std::string_view, 14> WORDS = {
      "in", "since", "until", "till", "by", "from", "during", "through", "early", "late", "mid", "of", "before", "after"};
  return std::find(WORDS.begin(), WORDS.end(), t.folded) != WORDS.end();
}

}  // namespace

void find_date_mentions(const std::vector<EntityToken>& tokens, const std::optional<PartialDate>& published,
                        std::vector<PartialDate>& found) {
  auto add = [&](const PartialDate& d) {
    if (d.year < 1000 || d.month < 1 || d.month > 12) return;
    if (d.has_day() && !is_valid_day(d.year, d.month, d.day)) return;
    if (std::find(found.begin(), found.end(), d) == found.end()) found.push_back(d);
  };
  const std::size_t n = tokens.size();
  auto joined = [&](std::size_t i) { return (tokens[i].gap_after & (GAP_STOP | GAP_PARAGRAPH)) == 0; };
  // "year" after "last"/"next"/"this", as in "September last year": the offset, or nullopt.
  auto year_phrase = [&](std::size_t at) -> std::optional<int> {
    if (at + 1 >= n || !is(tokens[at + 1], "year")) return std::nullopt;
    if (is(tokens[at], "last")) return -1;
    if (is(tokens[at], "next")) return 1;
    if (is(tokens[at], "this")) return 0;
    return std::nullopt;
  };
  // A day `d` of month `m` written up to token `last` ("March 1", "1 March"); a year may
  // follow it, else the year nearest the publication date. Returns the last token used.
  auto add_day = [&](unsigned m, unsigned d, std::size_t last) {
    int y = 0;
    std::size_t used = last;
    if (last + 1 < n && joined(last) && (y = year_number(tokens[last + 1]))) used = last + 1;
    if (y == 0 && published) y = nearest_year(m, d, *published);
    if (y != 0) add(PartialDate{y, m, d});
    return used;
  };

  for (std::size_t i = 0; i < n; ++i) {
    const EntityToken& t = tokens[i];
    // Month name first: "March 1", "Feb 26, 1987", "March 2023", "September last year".
    if (const unsigned m = t.upper_initial ? month_number(t.folded) : 0; m != 0) {
      // "May" and "March" are also words; abbreviations must not be "Mar"/"Jun" lookalikes.
      if (i + 1 < n && joined(i) && day_number(tokens[i + 1]) && !tokens[i + 1].possessive &&
          (tokens[i + 1].gap_after & GAP_HYPHEN) == 0) {
        i = add_day(m, day_number(tokens[i + 1]), i + 1);
        continue;
      }
      if (i + 1 < n && joined(i)) {
        if (const int y = year_number(tokens[i + 1])) {
          add(PartialDate{y, m, 0});
          ++i;
          continue;
        }
        if (const auto offset = year_phrase(i + 1); offset && published) {
          add(PartialDate{published->year + *offset, m, 0});
          i += 2;
          continue;
        }
      }
      if (published && i > 0 && joined(i - 1) && introduces_month(tokens[i - 1]) && m != 5 &&
          t.folded.size() > 3) {
        add(PartialDate{nearest_year(m, 0, *published), m, 0});
        continue;
      }
      continue;
    }
    // Day first: "26 February 2023", "1 March".
    if (const unsigned d = day_number(t); d != 0 && i + 1 < n && joined(i) && tokens[i + 1].upper_initial) {
      if (const unsigned m = month_number(tokens[i + 1].folded)) {
        i = add_day(m, d, i + 1);
        continue;
      }
    }
    if (!published) continue;
    const sys_days pub = to_days(*published);
    // A weekday: the one on or before the publication day ("said on Wednesday"), after it
    // with "next", strictly before it with "last". An explicit date right after it
    // ("Wednesday (March 1)") is taken by the month rule on the next tokens instead.
    if (const int w = t.upper_initial ? weekday_number(t.folded) : -1; w >= 0) {
      const std::size_t next = i + 1;
      if (next < n && (month_number(tokens[next].folded) != 0 || day_number(tokens[next]) != 0)) continue;
      const weekday wanted{static_cast<unsigned>(w)};
      const bool next_week = i > 0 && joined(i - 1) && is(tokens[i - 1], "next");
      const bool last_week = i > 0 && joined(i - 1) && is(tokens[i - 1], "last");
      sys_days when = pub;
      if (next_week) {
        when = pub + days{1};
        while (weekday{when} != wanted) when += days{1};
      } else {
        if (last_week) when -= days{1};
        while (weekday{when} != wanted) when -= days{1};
      }
      add(from_days(when));
      continue;
    }
    if (is(t, "yesterday")) {
      add(from_days(pub - days{1}));
    } else if (is(t, "tomorrow")) {
      add(from_days(pub + days{1}));
    } else if ((is(t, "last") || is(t, "next")) && i + 1 < n && joined(i)) {
      const int sign = is(t, "last") ? -1 : 1;
      if (is(tokens[i + 1], "week")) {
        // The calendar week before (after) the publication week; recorded by the month
        // of its Monday, as a week has no precision of its own in the facet.
        const sys_days monday = pub - days{(weekday{pub}.iso_encoding() - 1)};
        add(from_days(monday + days{7 * sign}, true));
        ++i;
      } else if (is(tokens[i + 1], "month")) {
        const year_month ym = year_month{year{published->year}, month{published->month}} + months{sign};
        add(PartialDate{int(ym.year()), unsigned(ym.month()), 0});
        ++i;
      }
    }
  }
}

}  // namespace newsdex
