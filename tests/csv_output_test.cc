// --format csv and --fields: the tables parse back with Python's csv module (commas,
// quotes and line breaks inside cells included), a batch asking for one thing is one
// table, and JSON hits carry exactly the fields asked for.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "test_support.h"

namespace newsdex {
namespace {

// The tables of a CSV text as Python's csv module reads them: a list of tables (split at
// empty rows), each a list of rows.
nlohmann::json parse_csv(const std::string& csv) {
  const auto r = testing::run("/usr/bin/python3",
                              {"-c",
                               "import csv, io, json, sys\n"
                               "tables, table = [], []\n"
                               "for row in csv.reader(io.StringIO(sys.stdin.read(), newline='')):\n"
                               "    if row: table.append(row)\n"
                               "    elif table: tables.append(table); table = []\n"
                               "if table: tables.append(table)\n"
                               "print(json.dumps(tables))\n"},
                              csv);
  if (r.exit_code != 0) throw std::runtime_error("python3 csv: " + r.err);
  return nlohmann::json::parse(r.out);
}

class CsvOutput : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    std::string jsonl;
    jsonl += nlohmann::json{{"id", "a1"}, {"title", "Grain, \"wheat\" and rye"}, {"date", "2005-01-10"},
                            {"body", "Grain prices rose.\nSecond line, with a comma."},
                            {"people", {"Ann Lee", "Bo Chan"}}, {"countries", {"FR"}}}.dump() + "\n";
    jsonl += nlohmann::json{{"id", "a2"}, {"title", "Grain falls"}, {"date", "2005-03-02"},
                            {"body", "Grain prices fell."}, {"countries", {"FR", "DE"}}}.dump() + "\n";
    corpus_ = new testing::IndexedCorpus(jsonl);
  }
  static void TearDownTestSuite() { delete corpus_; }
  static testing::IndexedCorpus* corpus_;
};
testing::IndexedCorpus* CsvOutput::corpus_ = nullptr;

TEST_F(CsvOutput, HitsFacetsAndTimelineAreTablesThatParseBack) {
  const auto r = corpus_->search({"grain", "--sort", "date", "--fields", "id,title,body,people,date", "--facet",
                                  "country", "--timeline", "month", "--format", "csv"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("\r\n"), std::string::npos) << "RFC 4180 lines end in CRLF";
  const auto tables = parse_csv(r.out);
  ASSERT_EQ(tables.size(), 3u) << tables.dump();
  EXPECT_EQ(tables[0], nlohmann::json::parse(R"([
      ["id", "title", "body", "people", "date"],
      ["a1", "Grain, \"wheat\" and rye", "Grain prices rose.\nSecond line, with a comma.", "Ann Lee; Bo Chan", "2005-01-10"],
      ["a2", "Grain falls", "Grain prices fell.", "", "2005-03-02"]])"));
  EXPECT_EQ(tables[1], nlohmann::json::parse(R"([
      ["facet", "value", "label", "count"], ["country", "FR", "France", "2"], ["country", "DE", "Germany", "1"]])"));
  EXPECT_EQ(tables[2], nlohmann::json::parse(R"([
      ["unit", "period", "start", "count"], ["month", "2005-01", "2005-01-01", "1"],
      ["month", "2005-02", "2005-02-01", "0"], ["month", "2005-03", "2005-03-01", "1"]])"));
}

TEST_F(CsvOutput, ABatchAskingForOneThingIsOneTableWithTheQueryIds) {
  const auto r = corpus_->search({"--batch", "-", "--limit", "0", "--timeline", "year", "--format", "csv"},
                                 "q1\tgrain\nq2\trose\n");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(parse_csv(r.out), nlohmann::json::parse(R"([[
      ["qid", "unit", "period", "start", "count"],
      ["q1", "year", "2005", "2005-01-01", "2"],
      ["q2", "year", "2005", "2005-01-01", "1"]]])"));
  const auto counts = corpus_->search({"--batch", "-", "--limit", "0", "--format", "csv"}, "q1\tgrain\nq2\tfell\n");
  EXPECT_EQ(parse_csv(counts.out), nlohmann::json::parse(R"([[
      ["qid", "query", "total", "total_exact"], ["q1", "grain", "2", "true"], ["q2", "fell", "1", "true"]]])"));
}

TEST_F(CsvOutput, JsonHitsCarryExactlyTheFieldsAskedForAndBadFieldsAreNamed) {
  auto r = corpus_->search({"rose", "--fields", "id,body,mentioned_dates", "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto hit = nlohmann::json::parse(r.out)["hits"][0];
  EXPECT_EQ(hit, nlohmann::json::parse(R"({"id": "a1", "body": "Grain prices rose.\nSecond line, with a comma.",
                                           "mentioned_dates": []})"));
  r = corpus_->search({"rose", "--fields", "id,colour", "--format", "csv"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--fields: unknown field 'colour' (rank,id,score,"), std::string::npos) << r.err;
  r = corpus_->search({"rose", "--fields", "id"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--fields chooses what json, jsonl and csv hits carry"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace newsdex
