// The date forms of calendar.h: ISO and compact spellings, labels and day ranges.
#include "core/calendar.h"

#include <gtest/gtest.h>

namespace newsdex {
namespace {

TEST(PartialDate, IsoAndCompactFormsRoundTrip) {
  for (const PartialDate date : {PartialDate{1987, 3, 2}, PartialDate{2005, 12, 0}, PartialDate{1000, 1, 31}}) {
    const auto back = partial_date_from_iso(date.to_iso());
    ASSERT_TRUE(back) << date.to_iso();
    EXPECT_EQ(*back, date);
    EXPECT_EQ(iso_date_label(date.to_compact()), date.to_iso());
  }
  EXPECT_EQ((PartialDate{1987, 3, 2}.to_compact()), "19870302");
  EXPECT_EQ((PartialDate{2005, 12, 0}.to_iso()), "2005-12");
  for (const char* bad : {"", "1987", "1987-3-2", "1987/03/02", "1987-03-02T10", "19870302", "abcd-ef"})
    EXPECT_FALSE(partial_date_from_iso(bad)) << bad;
  EXPECT_EQ(iso_date_label("1987"), "1987");  // a year is its own label
}

TEST(DayNumber, CountsDaysFromTheEpochAndRejectsImpossibleDays) {
  EXPECT_EQ(day_number("19700101"), 0);
  EXPECT_EQ(day_number("19700302"), 60);
  EXPECT_EQ(day_number("20000301").value() - day_number("20000228").value(), 2);  // 2000 was a leap year
  for (const char* bad : {"19870230", "1987030", "1987-3-2", "198703xx"}) EXPECT_FALSE(day_number(bad)) << bad;
}

TEST(DayRange, YearsMonthsAndDays) {
  const struct {
    const char* text;
    const char* first;
    const char* last;
  } cases[] = {
      {"2023", "20230101", "20231231"},     {"2023-02", "20230201", "20230228"},
      {"2024-02", "20240201", "20240229"},  {"2023-03-05", "20230305", "20230305"},
      {"20230305", "20230305", "20230305"}, {"202304", "20230401", "20230430"},
  };
  for (const auto& c : cases) {
    const auto range = parse_day_range(c.text);
    ASSERT_TRUE(range) << c.text;
    EXPECT_EQ(range->first, c.first) << c.text;
    EXPECT_EQ(range->last, c.last) << c.text;
  }
  for (const char* bad : {"", "23", "2023-13", "2023-02-29", "2023-3-1", "March", "2023--01", "2023-01-01x"})
    EXPECT_FALSE(parse_day_range(bad)) << bad;
}

}  // namespace
}  // namespace newsdex
