// Bounded behaviour on hostile input: random bytes, enormous queries. Each test backs a
// promise of docs/limits.md ("Limits and guarantees").
#include <gtest/gtest.h>
#include <xapian.h>

#include <chrono>
#include <random>
#include <sstream>
#include <string>

#include "core/diagnostics.h"
#include "query_builder.h"
#include "readers/input_format.h"
#include "core/text_encoding.h"

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

// "w1 OR w2 OR ... OR wN": every word ORed, none of them in any index.
std::string or_query(std::size_t words) {
  std::string text;
  for (std::size_t i = 1; i <= words; ++i) text += (i > 1 ? " OR w" : "w") + std::to_string(i);
  return text;
}

std::string query_error(QueryBuilder& builder, const std::string& text) {
  try {
    builder.build(text);
  } catch (const QueryError& e) {
    return e.what();
  }
  return {};
}

TEST_F(HugeQuery, AMillionTermOrQueryIsRefusedAndNamesTheLimit) {
  const std::string text = or_query(1000000);  // 10,888,892 bytes
  // Refused for its length before any analysis.
  EXPECT_EQ(query_error(builder, text), "the query is " + std::to_string(text.size()) +
                                            " bytes long; at most 1048576 are allowed (--max-query-bytes N raises "
                                            "the limit)");
  // With the length allowed, refused for its words before QueryParser sees them.
  builder.set_limits({.max_terms = DEFAULT_MAX_QUERY_TERMS, .max_bytes = 16u << 20});
  EXPECT_EQ(query_error(builder, text),
            "the query has 1000000 words; at most 12000 are allowed (--max-query-terms N raises the limit)");
}

TEST_F(HugeQuery, AQueryJustUnderTheLimitsIsParsed) {
  EXPECT_FALSE(builder.build(or_query(DEFAULT_MAX_QUERY_TERMS)).empty());
  EXPECT_NE(query_error(builder, or_query(DEFAULT_MAX_QUERY_TERMS + 1)).find("--max-query-terms"), std::string::npos);
  // Operators and field names are not words; quotes and brackets are not either.
  builder.set_limits({.max_terms = 4, .max_bytes = 64});
  EXPECT_FALSE(builder.build("title:cocoa OR (\"grain crop\" AND NOT country:BY)").empty());
  EXPECT_NE(query_error(builder, "cocoa grain crop oil brazil").find("has 5 words; at most 4"), std::string::npos);
  EXPECT_FALSE(builder.build(std::string(64, 'a')).empty());
  EXPECT_NE(query_error(builder, std::string(65, 'a')).find("is 65 bytes long; at most 64"), std::string::npos);
}

}  // namespace
}  // namespace newsdex
