// The table of frequent terms kept in a database's metadata (common/storage/frequent_terms.h):
// its counts are the posting lists' own after every kind of commit, a compacting one and
// one that adds to the database in place, with replacements and deletions.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <random>

#include "storage/frequent_terms.h"
#include "storage/subject_terms.h"
#include "test_support.h"

namespace newsdex {
namespace {

using testing::run;
using testing::TempDir;

// `count` articles from ids first.., each of 30 words drawn from a vocabulary of 60, a
// person and a country.
std::string articles(int first, int count, unsigned seed) {
  static const std::vector<std::string> PEOPLE = {"Angela Merkel", "Tony Blair", "Jacques Chirac"};
  static const std::vector<std::string> COUNTRIES = {"DE", "GB", "FR", "US"};
  std::mt19937 random(seed);
  std::string jsonl;
  for (int i = first; i < first + count; ++i) {
    std::string body;
    for (int w = 0; w < 30; ++w) body += "word" + std::to_string(random() % 60) + " ";
    jsonl += nlohmann::json({{"id", "a" + std::to_string(i)},
                             {"title", "Report " + std::to_string(random() % 5)},
                             {"body", body},
                             {"people", {PEOPLE[random() % PEOPLE.size()]}},
                             {"countries", {COUNTRIES[random() % COUNTRIES.size()]}}})
                 .dump() +
             "\n";
  }
  return jsonl;
}

// Every count of the table is the database's own, and the table lists every subject term
// (there are fewer than FREQUENT_TERMS here).
void expect_exact(const std::string& db_path) {
  const Xapian::Database db(db_path);
  const auto table = read_frequent_terms(db);
  std::size_t subject_terms = 0;
  for_each_subject_term(db.allterms_begin(), db.allterms_end(), [&](std::string&& term, const Xapian::TermIterator& it) {
    ++subject_terms;
    const auto found = table.find(term);
    ASSERT_NE(found, table.end()) << term;
    EXPECT_EQ(found->second, it.get_termfreq()) << term;
  });
  EXPECT_GT(subject_terms, 60u);
  for (const auto& [term, count] : table) {
    EXPECT_EQ(count, db.get_termfreq(term)) << term;
    TermKind kind;
    std::string_view key;
    EXPECT_TRUE(classify_subject_term(term, kind, key)) << term;
  }
}

TEST(FrequentTerms, CountsAreExactAfterEveryKindOfCommit) {
  TempDir dir;
  const std::string db = dir / "news.db";
  testing::write_file(dir.path() / "first.jsonl", articles(0, 200, 1));
  auto r = run(NEWSDEX_INDEX_BIN, {"-v", "--db", db, dir / "first.jsonl"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("frequent terms counted"), std::string::npos) << r.err;
  expect_exact(db);

  // A few articles, one of them replacing an earlier one, and a deletion: written in
  // place, and the table's counts read again.
  testing::write_file(dir.path() / "update.jsonl", articles(198, 6, 2));
  r = run(NEWSDEX_INDEX_BIN, {"-v", "--db", db, dir / "update.jsonl", "--delete", "a5"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err.find("compaction"), std::string::npos) << r.err;  // the in-place commit
  expect_exact(db);
  EXPECT_EQ(Xapian::Database(db).get_doccount(), 203u);

  // Many more: a compacting commit counts every term again.
  testing::write_file(dir.path() / "more.jsonl", articles(1000, 300, 3));
  r = run(NEWSDEX_INDEX_BIN, {"-v", "--db", db, dir / "more.jsonl"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("compaction"), std::string::npos) << r.err;
  expect_exact(db);
}

}  // namespace
}  // namespace newsdex
