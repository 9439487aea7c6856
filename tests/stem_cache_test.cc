#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "analysis/stem_cache.h"

namespace newsdex {
namespace {

const std::vector<std::string> WORDS = {"oils", "crude", "oil", "prices", "oils", "pricing", "running", "crude",
                                        "ran", "prices", "generously", "oils"};

TEST(StemCache, GivesTheStemsOfTheStemmerItWraps) {
  const Xapian::Stem plain("english");
  const Xapian::Stem cached = with_stem_cache(Xapian::Stem("english"));
  for (int round = 0; round < 2; ++round)
    for (const auto& word : WORDS) EXPECT_EQ(cached(word), plain(word)) << word;
}

TEST(StemCache, StaysRightWhenItFillsUp) {
  const Xapian::Stem plain("english");
  const Xapian::Stem cached = with_stem_cache(Xapian::Stem("english"), /*max_words=*/3);
  for (int round = 0; round < 3; ++round)
    for (const auto& word : WORDS) EXPECT_EQ(cached(word), plain(word)) << word;
}

TEST(StemCache, LeavesTheNoneStemmerAlone) {
  // QueryParser and MSet::snippet skip stemming for "none": the cache must not hide it.
  EXPECT_TRUE(with_stem_cache(Xapian::Stem("none")).is_none());
  EXPECT_FALSE(with_stem_cache(Xapian::Stem("english")).is_none());
}

}  // namespace
}  // namespace newsdex
