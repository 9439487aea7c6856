// Significant terms: JLH scores of a fixture whose counts are known by construction, the
// minimum number of matches, and the query's own words left out.
#include <set>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "test_support.h"

namespace newsdex {
namespace {

TEST(SignificantTerms, JlhOverTheMatchesAgainstTheArchive) {
  // 10 Yukos articles and 30 others. rosneft and bid: in all 10 matches and nowhere else,
  // fg 1, bg 0.25: (1 - 0.25) * (1 / 0.25) = 3. auction, held: half of each set: no
  // more common in the matches, so not listed. gazprom: 2 matches only, under the
  // minimum of 3. The country RU on the 10 matches scores 3 too; Mikhail Khodorkovsky in
  // 6 matches and 1 other: (0.6 - 0.175) * (0.6 / 0.175).
  std::string jsonl;
  for (int i = 0; i < 10; ++i) {
    nlohmann::json a = {{"id", "y" + std::to_string(i)}, {"title", "Yukos report"},
                        {"body", std::string("Rosneft bid. Weather fine.") + (i < 5 ? " Auction held." : "") +
                                     (i < 2 ? " Gazprom." : "")},
                        {"countries", {"RU"}}};
    if (i < 6) a["people"] = {"Mikhail Khodorkovsky"};
    jsonl += a.dump() + "\n";
  }
  for (int i = 0; i < 30; ++i) {
    nlohmann::json a = {{"id", "o" + std::to_string(i)}, {"title", "Other report"},
                        {"body", std::string("Weather fine.") + (i < 15 ? " Auction held." : "")}};
    if (i == 0) a["people"] = {"Mikhail Khodorkovsky"};
    jsonl += a.dump() + "\n";
  }
  testing::IndexedCorpus corpus(jsonl);
  const auto r = corpus.search({"yukos", "--significant-terms", "10", "--limit", "0", "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto s = nlohmann::json::parse(r.out)["significant_terms"];
  EXPECT_EQ(s["sample"], 10);
  EXPECT_EQ(s["archive"], 40);
  std::vector<std::string> got;
  for (const auto& t : s["terms"]) got.push_back(t["kind"].get<std::string>() + ":" + t["value"].get<std::string>());
  EXPECT_EQ(got, (std::vector<std::string>{"word:bid", "word:rosneft", "country:RU", "person:mikhail khodorkovsky"}))
      << s.dump();
  ASSERT_EQ(s["terms"].size(), 4u);
  EXPECT_NEAR(s["terms"][0]["score"].get<double>(), 3.0, 1e-12);
  EXPECT_EQ(s["terms"][0]["matches"], 10);
  EXPECT_EQ(s["terms"][0]["archive"], 10);
  EXPECT_NEAR(s["terms"][2]["score"].get<double>(), 3.0, 1e-12);
  EXPECT_EQ(s["terms"][2]["label"], "Russia");
  EXPECT_NEAR(s["terms"][3]["score"].get<double>(), (0.6 - 0.175) * (0.6 / 0.175), 1e-12);
  EXPECT_EQ(s["terms"][3]["label"], "Mikhail Khodorkovsky");

  const auto text = corpus.search({"yukos", "--significant-terms", "2", "--limit", "0"});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_EQ(text.out, "10 articles match 'yukos'.\n"
                      "significant terms (in 10 best matches against 40 articles, by JLH):\n"
                      "  bid         10 of 10, 10 in the archive  3.000\n"
                      "  rosneft     10 of 10, 10 in the archive  3.000\n");
}

// With more matches than the sample, the foreground is the best SIGNIFICANT_SAMPLE of
// them, and the page shown is the one a search without --significant-terms shows (both
// are read from one ranking). Words that sort apart from the others in a term list (one
// that begins with a digit, one with a letter outside ASCII) are counted like any word.
TEST(SignificantTerms, TheBestHundredMatchesAreTheSampleAndThePageIsUnchanged) {
  std::string jsonl;
  for (int i = 0; i < 150; ++i) {
    // "grain" once more in each of the first articles, so the ranking is fixed.
    std::string body = "Grain harvest news.";
    for (int k = 0; k < (150 - i) / 10; ++k) body += " Grain.";
    body += " Silo 1987 Mühle.";
    jsonl += nlohmann::json({{"id", "g" + std::to_string(i)}, {"title", "Harvest"}, {"body", body}}).dump() + "\n";
  }
  for (int i = 0; i < 150; ++i)
    jsonl += nlohmann::json({{"id", "o" + std::to_string(i)}, {"title", "Other"}, {"body", "Weather fine."}}).dump() +
             "\n";
  testing::IndexedCorpus corpus(jsonl);
  const std::vector<std::string> page = {"grain", "--offset", "5", "--limit", "3", "--format", "json", "--fields", "id"};
  auto with = page;
  with.insert(with.end(), {"--significant-terms", "5"});
  const auto plain = corpus.search(page), signif = corpus.search(with);
  ASSERT_EQ(plain.exit_code, 0) << plain.err;
  ASSERT_EQ(signif.exit_code, 0) << signif.err;
  const auto a = nlohmann::json::parse(plain.out), b = nlohmann::json::parse(signif.out);
  ASSERT_EQ(a["hits"].size(), 3u);
  EXPECT_EQ(a["hits"], b["hits"]);
  const auto& s = b["significant_terms"];
  EXPECT_EQ(s["sample"], 100);
  EXPECT_EQ(s["archive"], 300);
  std::set<std::string> words;
  for (const auto& t : s["terms"]) {
    words.insert(t["value"].get<std::string>());
    EXPECT_EQ(t["matches"], 100) << t.dump();
    EXPECT_EQ(t["archive"], 150) << t.dump();
  }
  for (const char* word : {"silo", "1987", "muhle", "harvest"}) EXPECT_TRUE(words.contains(word)) << word << s.dump();
}

}  // namespace
}  // namespace newsdex
