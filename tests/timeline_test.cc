// Timelines: matches per day, ISO week, month and year, checked against brute force over
// stored articles (both ways of counting), the ISO week calendar at year ends, and what
// the programs print: bars, JSON series, one series per batch query, an undated archive.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <map>

#include "query_builder.h"
#include "search_corpus.h"
#include "searcher.h"
#include "storage/stored_article.h"
#include "test_support.h"
#include "timeline.h"

namespace newsdex {
namespace {

using std::chrono::sys_days;
using std::chrono::year_month_day;

// The period of `d` for `unit`, computed its own way: ISO week from the Thursday of the
// week (Monday-based), as ISO 8601 defines it.
std::string brute_period(TimelineUnit unit, const PartialDate& d) {
  char text[32];
  switch (unit) {
    case TimelineUnit::YEAR: std::snprintf(text, sizeof text, "%04d", d.year); return text;
    case TimelineUnit::MONTH: std::snprintf(text, sizeof text, "%04d-%02u", d.year, d.month); return text;
    case TimelineUnit::DAY: return d.to_iso();
    case TimelineUnit::WEEK: {
      const sys_days day{std::chrono::year{d.year} / std::chrono::month{d.month} / std::chrono::day{d.day}};
      const unsigned weekday = std::chrono::weekday(day).iso_encoding();  // Monday 1 .. Sunday 7
      const sys_days thursday = day + std::chrono::days(4 - static_cast<int>(weekday));
      const year_month_day t(thursday);
      const int ordinal = (thursday - sys_days(t.year() / 1 / 1)).count();  // 0-based day of year
      std::snprintf(text, sizeof text, "%04d-W%02d", int(t.year()), ordinal / 7 + 1);
      return text;
    }
  }
  return {};
}

class Timelines : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new testing::TempDir();
    testing::build_database(*dir_ / "random.db", testing::random_articles(2000, 20240101));
  }
  static void TearDownTestSuite() { delete dir_; }
  static std::string path() { return *dir_ / "random.db"; }
  static testing::TempDir* dir_;
};
testing::TempDir* Timelines::dir_ = nullptr;

TEST_F(Timelines, CountsPerPeriodEqualBruteForceWithEmptyPeriodsAndUndatedApart) {
  const TimelineUnit units[] = {TimelineUnit::DAY, TimelineUnit::WEEK, TimelineUnit::MONTH, TimelineUnit::YEAR};
  for (const char* query : {"grain", "cocoa OR coffee", "*"}) {
    // Brute force: every match's stored date.
    Xapian::Database db(path());
    QueryBuilder builder(db, "en");
    Xapian::Enquire enquire(db);
    enquire.set_query(std::string(query) == "*" ? Xapian::Query(std::string()) : builder.build(query));
    const auto mset = enquire.get_mset(0, db.get_doccount());
    std::vector<Article> matches;
    for (auto it = mset.begin(); it != mset.end(); ++it) matches.push_back(decode_stored_article(it.get_document().get_data()));
    for (const TimelineUnit unit : units) {
      for (const FacetMethod method : {FacetMethod::COLUMNS, FacetMethod::SLOTS}) {
        SCOPED_TRACE(std::string(query) + " by " + std::string(timeline_unit_name(unit)) +
                     (method == FacetMethod::COLUMNS ? " (columns)" : " (slots)"));
        std::map<std::string, Xapian::doccount> want;
        Xapian::doccount undated = 0, month_only = 0;
        const bool needs_day = unit == TimelineUnit::DAY || unit == TimelineUnit::WEEK;
        for (const auto& a : matches) {
          if (!a.date) ++undated;
          else if (needs_day && !a.date->has_day()) ++month_only;
          else ++want[brute_period(unit, *a.date)];
        }
        Searcher searcher(path());
        SearchRequest request;
        request.query = query;
        request.limit = 0;
        request.timeline = unit;
        request.facet_method = method;
        const auto result = searcher.search(request);
        ASSERT_TRUE(result.timeline);
        const Timeline& t = *result.timeline;
        EXPECT_EQ(t.undated, undated);
        EXPECT_EQ(t.month_only, month_only);
        ASSERT_FALSE(t.points.empty());
        EXPECT_EQ(t.points.front().period, want.begin()->first);
        EXPECT_EQ(t.points.back().period, want.rbegin()->first);
        std::map<std::string, Xapian::doccount> got;
        for (std::size_t i = 0; i < t.points.size(); ++i) {
          if (i > 0) {
            EXPECT_LT(t.points[i - 1].start, t.points[i].start) << "in date order, each period once";
          }
          if (t.points[i].count > 0) got[t.points[i].period] = t.points[i].count;
        }
        EXPECT_EQ(got, want);
        if (unit == TimelineUnit::MONTH) {
          // Zero-filled: 2020-01 .. 2023-12 is every month of four years.
          EXPECT_EQ(t.points.size(), 48u);
        }
      }
    }
  }
}

TEST(TimelineCalendar, IsoWeeksAtTheTurnOfTheYear) {
  FacetCounts days;
  days.facet = Facet::DAY;
  for (const char* key : {"20041231", "20050102", "20050103", "20081229", "20100104"})
    days.top.push_back({key, key, 1});
  days.counted = 5;
  FacetCounts months;
  months.facet = Facet::MONTH;
  months.counted = 6;  // one more article, dated to the month only
  const Timeline t = make_timeline(TimelineUnit::WEEK, {days, months}, 8);
  EXPECT_EQ(t.undated, 2u);
  EXPECT_EQ(t.month_only, 1u);
  std::map<std::string, Xapian::doccount> got;
  for (const auto& p : t.points)
    if (p.count) got[p.period] = p.count;
  // Friday 2004-12-31 and Sunday 2005-01-02 are in week 53 of 2004; Monday 2008-12-29
  // starts week 1 of 2009; Monday 2010-01-04 starts week 1 of 2010.
  const std::map<std::string, Xapian::doccount> want = {{"2004-W53", 2}, {"2005-W01", 1}, {"2009-W01", 1}, {"2010-W01", 1}};
  EXPECT_EQ(got, want);
  EXPECT_EQ(t.points.front().start, "2004-12-27");
  EXPECT_EQ(t.points.back().start, "2010-01-04");
}

TEST(TimelineCalendar, ASeriesTooLongIsRefusedWithTheWayOut) {
  FacetCounts days;
  days.facet = Facet::DAY;
  days.top = {{"10000101", "", 1}, {"20050101", "", 1}};
  days.counted = 2;
  FacetCounts months = days;
  months.facet = Facet::MONTH;
  try {
    make_timeline(TimelineUnit::DAY, {days, months}, 2);
    FAIL() << "a day timeline over a thousand years was drawn";
  } catch (const QueryError& e) {
    EXPECT_NE(std::string(e.what()).find("1000-01-01 to 2005-01-01"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("--since"), std::string::npos) << e.what();
  }
  FacetCounts years = days;
  years.facet = Facet::YEAR;
  years.top = {{"1000", "", 1}, {"2005", "", 1}};
  EXPECT_EQ(make_timeline(TimelineUnit::YEAR, {years}, 2).points.size(), 1006u);
}

// Through the program: bars in text, the series in JSON, widened to --since/--until, one
// series per batch query, and an archive without dates says so.
TEST(TimelineCli, TextBarsJsonSeriesBatchesAndAnUndatedArchive) {
  std::string jsonl;
  const std::vector<std::pair<std::string, int>> months = {{"2005-01-10", 4}, {"2005-03-02", 2}};
  int n = 0;
  for (const auto& [date, count] : months)
    for (int i = 0; i < count; ++i)
      jsonl += "{\"id\": \"y" + std::to_string(n++) + "\", \"title\": \"Yukos auction\", \"date\": \"" + date +
               "\", \"body\": \"The Yukos unit was sold.\"}\n";
  jsonl += "{\"id\": \"g\", \"title\": \"Gazprom\", \"date\": \"2005-02-01\", \"body\": \"Gazprom bought it.\"}\n";
  jsonl += "{\"id\": \"u\", \"title\": \"Yukos again\", \"body\": \"Undated Yukos story.\"}\n";
  testing::IndexedCorpus corpus(jsonl);

  auto r = corpus.search({"yukos", "--timeline", "month", "--limit", "0"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "7 articles match 'yukos'.\n"
                   "timeline by month, 2005-01 to 2005-03 (1 undated):\n"
                   "  2005-01  " + [] { std::string s; for (int i = 0; i < 67; ++i) s += "\u2588"; return s; }() + " 4\n"
                   "  2005-02   0\n"
                   "  2005-03  " + [] { std::string s; for (int i = 0; i < 34; ++i) s += "\u2588"; return s; }() + " 2\n");

  r = corpus.search({"yukos", "--timeline", "month", "--limit", "0", "--format", "json", "--since", "2004-12"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["timeline"]["unit"], "month");
  EXPECT_EQ(j["timeline"]["undated"], 0) << "--since leaves out the undated article";
  const auto& periods = j["timeline"]["periods"];
  ASSERT_EQ(periods.size(), 4u) << periods.dump();
  EXPECT_EQ(periods[0], (nlohmann::json{{"period", "2004-12"}, {"start", "2004-12-01"}, {"count", 0}}));
  EXPECT_EQ(periods[1]["count"], 4);
  EXPECT_EQ(periods[3]["count"], 2);

  r = corpus.search({"--batch", "-", "--timeline", "month", "--limit", "0", "--format", "jsonl"},
                    "a\tyukos\n{\"qid\": \"b\", \"query\": \"gazprom\", \"timeline\": \"year\"}\n");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::istringstream lines(r.out);
  std::map<std::string, nlohmann::json> by_qid;
  for (std::string line; std::getline(lines, line);) {
    const auto record = nlohmann::json::parse(line);
    by_qid[record["qid"].get<std::string>()] = record["timeline"];
  }
  ASSERT_EQ(by_qid.size(), 2u) << r.out;
  EXPECT_EQ(by_qid["a"]["periods"].size(), 3u);
  EXPECT_EQ(by_qid["b"]["unit"], "year");
  EXPECT_EQ(by_qid["b"]["periods"], (nlohmann::json::array({{{"period", "2005"}, {"start", "2005-01-01"}, {"count", 1}}})));

  r = corpus.search({"--timeline", "fortnight"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("unknown --timeline 'fortnight' (day, week, month or year)"), std::string::npos) << r.err;

  testing::IndexedCorpus undated("{\"id\": \"a\", \"title\": \"Notes\", \"body\": \"Yukos notes.\"}\n");
  r = undated.search({"yukos", "--timeline", "week", "--limit", "0"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "1 article matches 'yukos'.\ntimeline by week: no match is dated (1 undated)\n");
}

}  // namespace
}  // namespace newsdex
