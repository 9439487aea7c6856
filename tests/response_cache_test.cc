#include "response_cache.h"

#include <gtest/gtest.h>

#include <string>

namespace newsdex {
namespace {

TEST(ResponseCache, AnswersARepeatedRequestOnlyAtTheRevisionItWasComputedFrom) {
  ResponseCache cache(10);
  cache.store("q=grain", "r1", "answer at r1");
  EXPECT_EQ(cache.find("q=grain", "r1"), "answer at r1");
  EXPECT_EQ(cache.find("q=grain", "r2"), std::nullopt) << "a commit must make older answers miss";
  EXPECT_EQ(cache.find("q=oil", "r1"), std::nullopt);
  // The next revision's answer, computed ahead, does not displace the one still served.
  cache.store("q=grain", "r2", "answer at r2");
  EXPECT_EQ(cache.find("q=grain", "r2"), "answer at r2");
  EXPECT_EQ(cache.find("q=grain", "r1"), "answer at r1");
  EXPECT_EQ(cache.size(), 2u);
  cache.store("q=grain", "r1", "again at r1");
  EXPECT_EQ(cache.find("q=grain", "r1"), "again at r1");
  EXPECT_EQ(cache.size(), 2u);
}

TEST(ResponseCache, AnEmptyRevisionIsNeverKeptNorMatched) {
  ResponseCache cache(10);
  cache.store("q=grain", "", "answer");
  EXPECT_EQ(cache.size(), 0u);
  EXPECT_EQ(cache.find("q=grain", ""), std::nullopt);
}

TEST(ResponseCache, KeepsTheNewestNAndForgetsTheLeastRecentlyUsed) {
  ResponseCache cache(2);
  cache.store("a", "r", "A");
  cache.store("b", "r", "B");
  EXPECT_EQ(cache.find("a", "r"), "A");  // a is now more recent than b
  cache.store("c", "r", "C");
  EXPECT_EQ(cache.size(), 2u);
  EXPECT_EQ(cache.find("b", "r"), std::nullopt);
  EXPECT_EQ(cache.find("a", "r"), "A");
  EXPECT_EQ(cache.find("c", "r"), "C");
}

TEST(ResponseCache, StaysWithinItsBudgetOfBytes) {
  ResponseCache cache(1000, 800);
  for (int i = 0; i < 20; ++i) cache.store("q" + std::to_string(i), "r", std::string(100, 'x'));
  EXPECT_LE(cache.bytes(), 800u);
  EXPECT_EQ(cache.size(), 8u);
  EXPECT_EQ(cache.find("q19", "r"), std::string(100, 'x'));
  EXPECT_EQ(cache.find("q11", "r"), std::nullopt);
  cache.store("big", "r", std::string(101, 'x'));  // over an eighth of the budget
  EXPECT_EQ(cache.find("big", "r"), std::nullopt);
  EXPECT_EQ(cache.bytes(), 800u);
}

TEST(ResponseCache, ReplacingAnAnswerCountsItsBytesOnce) {
  ResponseCache cache(10, 1000);
  cache.store("q", "r1", std::string(50, 'x'));
  cache.store("q", "r1", std::string(70, 'y'));
  EXPECT_EQ(cache.size(), 1u);
  EXPECT_EQ(cache.bytes(), 70u);
}

TEST(ResponseCache, TheMostRecentRequestsAreListedOnceEachNewestFirst) {
  ResponseCache cache(10);
  SearchRequest grain, oil;
  grain.query = "grain";
  oil.query = "oil";
  cache.store("q=grain", "r1", "A", grain);
  cache.store("q=oil", "r1", "B", oil);
  cache.store("q=grain", "r2", "C", grain);
  const auto recent = cache.most_recent(10);
  ASSERT_EQ(recent.size(), 2u);
  EXPECT_EQ(recent[0].key, "q=grain");
  EXPECT_EQ(recent[0].request.query, "grain");
  EXPECT_EQ(recent[1].key, "q=oil");
  EXPECT_EQ(cache.most_recent(1).size(), 1u);
}

TEST(ResponseCache, NoEntriesMeansOff) {
  ResponseCache cache(0);
  EXPECT_FALSE(cache.enabled());
  cache.store("q", "r", "answer");
  EXPECT_EQ(cache.find("q", "r"), std::nullopt);
}

}  // namespace
}  // namespace newsdex
