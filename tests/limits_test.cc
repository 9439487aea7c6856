// Bounded behaviour on hostile input: random bytes, enormous queries. Each test backs a
// promise of the README's "Limits and guarantees" section.
#include <gtest/gtest.h>
#include <xapian.h>

#include <chrono>
#include <random>
#include <sstream>
#include <string>

#include "diagnostics.h"
#include "query_builder.h"
#include "readers/input_format.h"
#include "text_encoding.h"

namespace newsdex {
namespace {

std::string random_bytes(std::size_t size, unsigned seed) {
  std::mt19937 random(seed);
  std::string bytes(size, '\0');
  for (char& c : bytes) c = static_cast<char>(random() & 0xFF);
  return bytes;
}

bool is_valid_utf8(std::string text) { return !repair_utf8(text); }

TEST(Limits, RandomBinaryInputNeverBreaksAReader) {
  for (const char* name : {"plain", "reuters", "jsonl", "trec"}) {
    const auto format = parse_input_format(name);
    if (!format) continue;  // a format this build does not read
    for (unsigned seed = 1; seed <= 3; ++seed) {
      std::string bytes = random_bytes(std::size_t{256} * 1024, seed);
      if (std::string_view(name) == "reuters") bytes = "<REUTERS NEWID=\"1\"><TEXT><BODY>" + bytes;
      std::istringstream in(bytes);
      Diagnostics diagnostics;
      auto reader = make_reader(*format, in, "random.bin", "random", diagnostics);
      std::size_t articles = 0;
      for (Article a; reader->next(a);) {
        ++articles;
        EXPECT_TRUE(is_valid_utf8(a.id) && is_valid_utf8(a.title) && is_valid_utf8(a.body)) << name;
      }
      // Random bytes are never valid UTF-8: an article made of them was repaired, with a warning.
      EXPECT_TRUE(articles == 0 || diagnostics.warning_count() > 0) << name << " seed " << seed;
    }
  }
}

class HugeQuery : public ::testing::Test {
 protected:
  Xapian::WritableDatabase db{std::string(), Xapian::DB_BACKEND_INMEMORY};
  QueryBuilder builder{db, "en"};
};

TEST_F(HugeQuery, HundredThousandCharacterQueryIsParsed) {
  std::string text;
  for (int i = 0; text.size() < 100000; ++i) text += "word" + std::to_string(i) + ' ';
  const auto started = std::chrono::steady_clock::now();
  const Xapian::Query query = builder.build(text);
  const auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  EXPECT_FALSE(query.empty());
  EXPECT_LT(seconds, 30.0) << "a long query must be parsed in bounded time";
}

}  // namespace
}  // namespace newsdex
