// newsdex-search as a program: every output format parsed back, batches (order, per-query
// errors), bad-query messages and exit codes, --help, and a reader that closes the pipe.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <sstream>

#include "query_builder.h"
#include "result_writer.h"
#include "search_corpus.h"
#include "test_support.h"

namespace newsdex {
namespace {

using nlohmann::json;
using testing::run;

class SearchCli : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new testing::TempDir();
    testing::build_database(db(), testing::fixture_articles(), {"lukashenko"});
  }
  static void TearDownTestSuite() { delete dir_; }
  static std::string db() { return *dir_ / "news.db"; }
  static testing::CommandResult search(std::vector<std::string> args, const std::string& input = {}) {
    args.insert(args.begin(), {"--db", db()});
    return run(NEWSDEX_SEARCH_BIN, args, input);
  }
  static std::vector<std::string> lines(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) out.push_back(line);
    return out;
  }
  static testing::TempDir* dir_;
};
testing::TempDir* SearchCli::dir_ = nullptr;

TEST_F(SearchCli, JsonIsOneObjectWithHitsAndFacets) {
  const auto r = search({"cocoa", "--format", "json", "--facet", "country,source", "--facet-limit", "2"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ASSERT_EQ(lines(r.out).size(), 1u);
  const auto j = json::parse(r.out);
  EXPECT_EQ(j["query"], "cocoa");
  EXPECT_EQ(j["total"], 4);
  EXPECT_EQ(j["total_exact"], true);
  ASSERT_EQ(j["hits"].size(), 4u);
  for (const auto& hit : j["hits"]) {
    for (const char* key : {"rank", "id", "score", "title", "date", "people", "countries", "snippet"})
      EXPECT_TRUE(hit.contains(key)) << key;
  }
  EXPECT_EQ(j["hits"][0]["rank"], 1);
  EXPECT_EQ(j["facets"]["source"]["distinct"], 3);
  EXPECT_EQ(j["facets"]["source"]["values"][0]["label"], "Reuters");
  EXPECT_EQ(j["facets"]["source"]["values"][0]["count"], 2);
  EXPECT_EQ(j["facets"]["country"]["values"].size(), 2u);
}

TEST_F(SearchCli, DateFacetsKeepCompactKeysAndShowIsoLabels) {
  const auto r = search({"cocoa", "--format", "json", "--facet", "month,day"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = json::parse(r.out);
  for (const char* facet : {"month", "day"}) {
    ASSERT_FALSE(j["facets"][facet]["values"].empty()) << facet;
    for (const auto& value : j["facets"][facet]["values"]) {
      const std::string key = value["value"], label = value["label"];
      ASSERT_EQ(key.size(), std::string(facet) == "month" ? 6u : 8u) << key;
      std::string expected = key.substr(0, 4) + "-" + key.substr(4, 2);
      if (key.size() == 8) expected += "-" + key.substr(6, 2);
      EXPECT_EQ(label, expected);
    }
  }
}

TEST_F(SearchCli, JsonLinesAreOneHitPerLine) {
  const auto r = search({"grain", "--format", "jsonl"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto all = lines(r.out);
  ASSERT_GE(all.size(), 3u);
  for (std::size_t i = 0; i < all.size(); ++i) {
    const auto j = json::parse(all[i]);
    EXPECT_EQ(j["rank"], i + 1);
    EXPECT_EQ(j["query"], "grain");
  }
}

TEST_F(SearchCli, TrecRunHasSixFieldsAndNoSpaceInIds) {
  const auto r = search({"cocoa", "--format", "trec"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto all = lines(r.out);
  ASSERT_EQ(all.size(), 4u);
  bool saw_odd_id = false;
  for (std::size_t i = 0; i < all.size(); ++i) {
    std::istringstream fields(all[i]);
    std::string qid, q0, doc, rank, score, tag, extra;
    fields >> qid >> q0 >> doc >> rank >> score >> tag;
    EXPECT_FALSE(fields >> extra) << all[i];
    EXPECT_EQ(q0, "Q0");
    EXPECT_EQ(rank, std::to_string(i + 1));
    EXPECT_GT(std::stod(score), 0);
    saw_odd_id |= doc == "ctrl_id_1";
  }
  EXPECT_TRUE(saw_odd_id) << r.out;
}

TEST_F(SearchCli, TextIsAlignedAndPlainWhenNotATerminal) {
  const auto r = search({"cocoa", "--limit", "2"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto all = lines(r.out);
  ASSERT_GE(all.size(), 3u);
  EXPECT_EQ(all[0], "4 articles match 'cocoa'; showing 1-2:");
  EXPECT_EQ(all[1].substr(0, 6), "   1  ");
  EXPECT_EQ(r.out.find('\x1b'), std::string::npos) << "no colour codes in a pipe";
  const auto coloured = search({"cocoa", "--color", "always"});
  EXPECT_NE(coloured.out.find("\x1b[1;33m"), std::string::npos) << "highlighted matches";
}

TEST_F(SearchCli, ControlCharactersNeverReachTheTerminal) {
  const auto r = search({"bell"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("Control characters"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find('\x1b'), std::string::npos);
  EXPECT_EQ(r.out.find('\x07'), std::string::npos);
  const auto j = json::parse(search({"bell", "--format", "json"}).out);
  EXPECT_EQ(j["hits"][0]["id"], "ctrl id\t1");
}

// Bug: C1 controls (U+009B CSI, U+009D OSC, U+009C ST; `&#x9b;` in Reuters and TREC
// files) reached the terminal in titles and snippets, even with --color never.
TEST(ResultWriters, C1ControlsNeverReachTheTerminal) {
  SearchRequest request;
  request.query = "q \xc2\x9b" "2J";
  SearchResult result;
  Hit hit;
  hit.rank = 1;
  hit.article.id = "id\xc2\x9c";
  hit.article.title = "Title \xc2\x9b" "31m red \xc2\x9d" "0;pwned\xc2\x9c end \xc2\xa3" "5";
  hit.snippet = std::string("a \xc2\x9b") + SNIPPET_MARK_START + "b" + SNIPPET_MARK_END + " \xc2\x85";
  result.hits.push_back(hit);
  result.total = 1;
  result.total_exact = true;
  for (bool colour : {false, true}) {
    std::ostringstream out;
    make_writer(OutputFormat::TEXT, {colour, false, 80, {}})->write(out, request, result);
    const std::string text = out.str();
    for (unsigned char c1 = 0x80; c1 <= 0x9f; ++c1)
      EXPECT_EQ(text.find(std::string("\xc2") + static_cast<char>(c1)), std::string::npos) << int(c1) << ": " << text;
    EXPECT_NE(text.find("red 0;pwned end \xc2\xa3" "5"), std::string::npos) << "other characters stay: " << text;
  }
}

TEST(ResultWriters, EveryJsonLineIsValidWhateverTheText) {
  SearchRequest request;
  request.query = "bad \xff query";
  SearchResult result;
  Hit hit;
  hit.rank = 1;
  hit.article.id = "id\x01\xfe";
  hit.article.title = "Title \x1b[31m \xc3\x28 broken";
  hit.snippet = std::string("a ") + SNIPPET_MARK_START + "b" + SNIPPET_MARK_END + " \xe2\x82";
  result.hits.push_back(hit);
  result.total = 1;
  for (auto format : {OutputFormat::JSON, OutputFormat::JSONL}) {
    std::ostringstream out;
    make_writer(format, {false, true, 80, {}})->write(out, request, result);
    std::istringstream in(out.str());
    for (std::string line; std::getline(in, line);) {
      json j;
      ASSERT_NO_THROW(j = json::parse(line)) << line;
      if (j.contains("snippet")) {
        EXPECT_EQ(j["snippet"].get<std::string>().substr(0, 3), "a b");
      }
    }
  }
}

TEST_F(SearchCli, BatchKeepsInputOrderAndReportsErrorsInPlace) {
  std::string input;
  std::vector<std::string> expected_qids;
  for (int i = 0; i < 40; ++i) {
    const std::string qid = "q" + std::to_string(i);
    expected_qids.push_back(qid);
    input += qid + "\t" + (i == 7 ? "cocoa \"crop" : i % 3 == 0 ? "cocoa" : i % 3 == 1 ? "grain" : "lukashenko") + "\n";
  }
  input += "{\"qid\": \"j1\", \"query\": \"cocoa\", \"filters\": [\"country:GH\"], \"facets\": [\"source\"], \"limit\": 1}\n";
  input += "{\"qid\": \"j2\", \"query\": \"cocoa\", \"facets\": \"planet\"}\n";
  expected_qids.emplace_back("j1");
  expected_qids.emplace_back("j2");
  const auto r = search({"--batch", "-", "--format", "json", "--threads", "2"}, input);
  EXPECT_EQ(r.exit_code, 2) << "some queries failed";
  const auto all = lines(r.out);
  ASSERT_EQ(all.size(), expected_qids.size()) << r.out;
  for (std::size_t i = 0; i < all.size(); ++i) {
    const auto j = json::parse(all[i]);
    EXPECT_EQ(j["qid"], expected_qids[i]);
    const bool should_fail = i == 7 || expected_qids[i] == "j2";
    EXPECT_EQ(j.contains("error"), should_fail) << all[i];
  }
  EXPECT_NE(json::parse(all[7])["error"].get<std::string>().find("column 7"), std::string::npos);
  const auto j1 = json::parse(all[40]);
  EXPECT_EQ(j1["total"], 1);
  EXPECT_EQ(j1["hits"][0]["id"], "cocoa-2");
  EXPECT_EQ(j1["facets"]["source"]["values"][0]["count"], 1);
}

TEST_F(SearchCli, BatchTrecRunForEvaluation) {
  const auto r = search({"--batch", "-", "--format", "trec", "--or"}, "t1\tcocoa crop\nt2\toil prices\n");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto all = lines(r.out);
  ASSERT_FALSE(all.empty());
  EXPECT_EQ(all.front().substr(0, 6), "t1 Q0 ");
  EXPECT_EQ(all.back().substr(0, 6), "t2 Q0 ");
}

TEST_F(SearchCli, BadQueriesExitWith2AndSayWhatAndWhere) {
  const struct {
    std::vector<std::string> args;
    std::string message;
  } cases[] = {
      {{"cocoa \"crop"}, "unbalanced '\"' at column 7"},
      {{"(cocoa"}, "unbalanced '(' at column 1"},
      {{"planet:mars"}, "unknown field 'planet:' at column 1"},
      {{"date:2023-14"}, "bad date '2023-14'"},
      {{"cocoa", "--filter", "country:Atlantis"}, "unknown country"},
      {{"cocoa", "--since", "yesterday"}, "bad --since"},
      {{"cocoa", "--facet", "planet"}, "unknown facet 'planet'"},
      {{"cocoa", "--bm25", "1.2"}, "bad --bm25"},
      {{"cocoa", "--format", "xml"}, "unknown --format"},
  };
  for (const auto& c : cases) {
    const auto r = search(c.args);
    EXPECT_EQ(r.exit_code, 2) << c.message;
    EXPECT_NE(r.err.find(c.message), std::string::npos) << r.err;
    EXPECT_TRUE(r.out.empty());
  }
}

TEST_F(SearchCli, AQueryOverTheWordLimitExitsWith2AndNamesTheOption) {
  // The default limit, the words given as separate arguments.
  std::vector<std::string> args{"--format", "json"};
  for (std::size_t i = 1; i <= DEFAULT_MAX_QUERY_TERMS + 1; ++i) {
    if (i > 1) args.emplace_back("OR");
    args.push_back("w" + std::to_string(i));
  }
  auto r = search(args);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("the query has 12001 words; at most 12000 are allowed (--max-query-terms N raises the limit)"),
            std::string::npos)
      << r.err;
  EXPECT_TRUE(r.out.empty());

  // At a limit the query runs; over it, it does not.
  r = search({"--max-query-terms", "3", "--format", "json", "cocoa OR crop OR brazil"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_GT(json::parse(r.out)["total"].get<int>(), 0);
  r = search({"--max-query-terms", "2", "cocoa OR crop OR brazil"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("has 3 words; at most 2 are allowed"), std::string::npos) << r.err;
  r = search({"--max-query-bytes", "23", "cocoa OR crop OR brazil"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  r = search({"--max-query-bytes", "22", "cocoa OR crop OR brazil"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("is 23 bytes long; at most 22 are allowed (--max-query-bytes N raises the limit)"),
            std::string::npos)
      << r.err;
  EXPECT_EQ(search({"--max-query-terms", "0", "cocoa"}).exit_code, 2);
}

// A million ORed words (10.9 MB) can reach newsdex-search only in a batch (Linux caps
// one argument at 128 KiB). That query gets an error record of its own, naming the limit
// and the option that raises it, and the batch goes on.
TEST_F(SearchCli, AMillionTermQueryInABatchIsRefusedAndTheBatchGoesOn) {
  std::string batch = "big\tw1";
  for (int i = 2; i <= 1000000; ++i) batch += " OR w" + std::to_string(i);
  batch += "\nsmall\tcocoa\n";
  const struct {
    std::vector<std::string> options;
    std::string message;
  } cases[] = {
      {{}, "the query is 10888892 bytes long; at most 1048576 are allowed (--max-query-bytes N raises the limit)"},
      {{"--max-query-bytes", "16000000"},
       "the query has 1000000 words; at most 12000 are allowed (--max-query-terms N raises the limit)"},
  };
  for (const auto& c : cases) {
    std::vector<std::string> args{"--batch", "-", "--format", "json"};
    args.insert(args.end(), c.options.begin(), c.options.end());
    const auto r = search(args, batch);
    EXPECT_EQ(r.exit_code, 2) << r.err;
    const auto records = lines(r.out);
    ASSERT_EQ(records.size(), 2u) << r.err;
    const auto big = json::parse(records[0]);
    EXPECT_EQ(big["qid"], "big");
    EXPECT_EQ(big["error"], c.message);
    const auto small = json::parse(records[1]);
    EXPECT_EQ(small["qid"], "small");
    EXPECT_FALSE(small.contains("error"));
    EXPECT_EQ(small["total"], 4);
  }
}

TEST_F(SearchCli, EmptyResultSaysSoAndSuggests) {
  const auto r = search({"lukashenkp"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, "No articles match 'lukashenkp'.\nDid you mean lukashenko?\n");
  const auto j = json::parse(search({"lukashenkp", "--format", "json"}).out);
  EXPECT_EQ(j["total"], 0);
  EXPECT_EQ(j["suggestion"], "lukashenko");
}

TEST_F(SearchCli, HelpListsEveryOption) {
  const auto r = run(NEWSDEX_SEARCH_BIN, {"--help"});
  EXPECT_EQ(r.exit_code, 0);
  for (const char* option : {"--db", "--limit", "--offset", "--filter", "--since", "--until", "--sort", "--recency",
                             "--like", "--expand", "--bm25", "--facet", "--facet-limit", "--locale", "--format",
                             "--batch", "--threads", "--max-query-terms", "--max-query-bytes", "person:", "country:",
                             "date:", "Exit status"})
    EXPECT_NE(r.out.find(option), std::string::npos) << option;
}

TEST_F(SearchCli, AClosedPipeEndsQuietly) {
  std::string input;
  for (int i = 0; i < 400; ++i) input += "q" + std::to_string(i) + "\tcocoa OR grain OR oil\n";
  testing::write_file(*dir_ / "many.tsv", input);
  const std::string command = "set -o pipefail; '" + std::string(NEWSDEX_SEARCH_BIN) + "' --db '" + db() +
                              "' --batch '" + (*dir_ / "many.tsv") + "' --format jsonl | head -1 > /dev/null";
  const auto r = run("/bin/bash", {"-c", command});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "");
}

}  // namespace
}  // namespace newsdex
