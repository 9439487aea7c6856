#include "timeline.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <map>

#include "query_builder.h"

namespace newsdex {
namespace {

using std::chrono::days;
using std::chrono::sys_days;
using std::chrono::year_month_day;

constexpr std::string_view UNIT_NAMES[] = {"day", "week", "month", "year"};

// The day a compact date key names: "YYYYMMDD", or the first of the month of "YYYYMM",
// or the first of the year of "YYYY". nullopt for anything else.
std::optional<sys_days> day_of(std::string_view key) {
  if (key.size() != 4 && key.size() != 6 && key.size() != 8) return std::nullopt;
  for (char c : key)
    if (c < '0' || c > '9') return std::nullopt;
  const auto number = [&](std::size_t at, std::size_t n) {
    unsigned v = 0;
    for (std::size_t i = at; i < at + n; ++i) v = v * 10 + static_cast<unsigned>(key[i] - '0');
    return v;
  };
  const year_month_day ymd{std::chrono::year{static_cast<int>(number(0, 4))},
                           std::chrono::month{key.size() >= 6 ? number(4, 2) : 1},
                           std::chrono::day{key.size() == 8 ? number(6, 2) : 1}};
  if (!ymd.ok()) return std::nullopt;
  return sys_days(ymd);
}

// The first day of the period of `unit` that holds `day` (ISO weeks start on Monday).
sys_days period_start(TimelineUnit unit, sys_days day) {
  const year_month_day ymd(day);
  switch (unit) {
    case TimelineUnit::DAY: return day;
    case TimelineUnit::WEEK: return day - days(std::chrono::weekday(day).iso_encoding() - 1);
    case TimelineUnit::MONTH: return sys_days(ymd.year() / ymd.month() / 1);
    case TimelineUnit::YEAR: return sys_days(ymd.year() / 1 / 1);
  }
  return day;
}

sys_days next_period(TimelineUnit unit, sys_days start) {
  const year_month_day ymd(start);
  switch (unit) {
    case TimelineUnit::DAY: return start + days(1);
    case TimelineUnit::WEEK: return start + days(7);
    case TimelineUnit::MONTH: return sys_days(ymd + std::chrono::months(1));
    case TimelineUnit::YEAR: return sys_days(ymd + std::chrono::years(1));
  }
  return start + days(1);
}

// How many periods run from the one starting at `first` to the one starting at `last`.
long period_count(TimelineUnit unit, sys_days first, sys_days last) {
  const year_month_day a(first), b(last);
  switch (unit) {
    case TimelineUnit::DAY: return (last - first).count() + 1;
    case TimelineUnit::WEEK: return (last - first).count() / 7 + 1;
    case TimelineUnit::MONTH:
      return (int(b.year()) - int(a.year())) * 12L + (long(unsigned(b.month())) - long(unsigned(a.month()))) + 1;
    case TimelineUnit::YEAR: return int(b.year()) - int(a.year()) + 1L;
  }
  return 0;
}

std::string iso_day(sys_days day) {
  const year_month_day ymd(day);
  return fmt::format("{:04}-{:02}-{:02}", int(ymd.year()), unsigned(ymd.month()), unsigned(ymd.day()));
}

// "2004", "2004-12", "2004-W51", "2004-12-31". An ISO week belongs to the year of its
// Thursday, and is numbered from the week holding that year's first Thursday.
std::string period_name(TimelineUnit unit, sys_days start) {
  const year_month_day ymd(start);
  switch (unit) {
    case TimelineUnit::DAY: return iso_day(start);
    case TimelineUnit::WEEK: {
      const sys_days thursday = start + days(3);
      const auto year = year_month_day(thursday).year();
      const long week = (thursday - sys_days(year / 1 / 1)).count() / 7 + 1;
      return fmt::format("{:04}-W{:02}", int(year), week);
    }
    case TimelineUnit::MONTH: return fmt::format("{:04}-{:02}", int(ymd.year()), unsigned(ymd.month()));
    case TimelineUnit::YEAR: return fmt::format("{:04}", int(ymd.year()));
  }
  return iso_day(start);
}

}  // namespace

std::string_view timeline_unit_name(TimelineUnit unit) { return UNIT_NAMES[static_cast<int>(unit)]; }

std::optional<TimelineUnit> timeline_unit_from_name(std::string_view name) {
  for (int i = 0; i < 4; ++i)
    if (UNIT_NAMES[i] == name) return static_cast<TimelineUnit>(i);
  return std::nullopt;
}

std::vector<Facet> timeline_facets(TimelineUnit unit) {
  switch (unit) {
    case TimelineUnit::DAY:
    case TimelineUnit::WEEK: return {Facet::DAY, Facet::MONTH};
    case TimelineUnit::MONTH: return {Facet::MONTH};
    case TimelineUnit::YEAR: return {Facet::YEAR};
  }
  return {Facet::MONTH};
}

Timeline make_timeline(TimelineUnit unit, const std::vector<FacetCounts>& counts, Xapian::doccount matches,
                       std::string_view first_day, std::string_view last_day) {
  Timeline timeline;
  timeline.unit = unit;
  if (counts.empty()) return timeline;
  // Every article has at most one publication date: what the coarsest facet did not count is undated.
  const Xapian::doccount dated = std::min(counts.back().counted, matches);
  timeline.undated = counts.back().undated.value_or(matches - dated);
  if (counts.size() > 1) timeline.month_only = dated - std::min(counts.front().counted, dated);

  std::map<sys_days, Xapian::doccount> by_period;
  for (const auto& value : counts.front().top)
    if (const auto day = day_of(value.key)) by_period[period_start(unit, *day)] += value.count;
  std::optional<sys_days> first, last;
  if (!by_period.empty()) first = by_period.begin()->first, last = by_period.rbegin()->first;
  if (const auto day = day_of(first_day)) first = std::min(first.value_or(*day), period_start(unit, *day));
  if (const auto day = day_of(last_day)) last = std::max(last.value_or(*day), period_start(unit, *day));
  if (!first || !last || *first > *last) return timeline;

  const long periods = period_count(unit, *first, *last);
  if (periods > static_cast<long>(MAX_TIMELINE_PERIODS))
    throw QueryError(fmt::format("the matches run from {} to {}: {} {}s, and a timeline shows at most {}; "
                                 "use a longer period or narrow the dates with --since and --until",
                                 iso_day(*first), iso_day(*last), periods, timeline_unit_name(unit),
                                 MAX_TIMELINE_PERIODS));
  timeline.points.reserve(static_cast<std::size_t>(periods));
  for (sys_days start = *first; start <= *last; start = next_period(unit, start)) {
    const auto it = by_period.find(start);
    timeline.points.push_back({period_name(unit, start), iso_day(start), it == by_period.end() ? 0 : it->second});
  }
  return timeline;
}

}  // namespace newsdex
