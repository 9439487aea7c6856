// The column file newsdex-index writes at each commit: its columns are the ones read from
// the database's value slots, a commit writes it again, and a file that names another
// revision or is damaged is never used or read past its end.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>

#include "core/schema.h"
#include "document_builder.h"
#include "facet_counter.h"
#include "index_writer.h"
#include "search_corpus.h"
#include "storage/facet_columns.h"
#include "storage/id_term.h"
#include "test_support.h"

namespace newsdex {
namespace {

namespace fs = std::filesystem;

std::vector<ColumnKind> every_kind() {
  std::vector<ColumnKind> kinds;
  for (const Facet facet : ALL_FACETS) kinds.push_back({facet});
  kinds.push_back(ColumnKind::story());
  return kinds;
}

// A column as (key, label) lists by document, to compare two columns whatever their ids.
std::vector<std::vector<std::pair<std::string, std::string>>> by_document(const FacetColumn& column) {
  std::vector<std::vector<std::pair<std::string, std::string>>> out(column.last_docid() + 1);
  for (Xapian::docid did = 1; did <= column.last_docid(); ++did)
    for (const std::uint32_t id : column.of(did)) out[did].emplace_back(column.key(id), column.label(id));
  return out;
}

std::vector<Article> corpus() {
  auto articles = testing::random_articles(400, 20261205);
  for (const auto& a : testing::fixture_articles()) articles.push_back(a);
  return articles;
}

void add_articles(const std::string& path, const std::vector<Article>& articles) {
  IndexWriter writer(path, 1000);
  DocumentBuilder builder("en");
  for (const auto& a : articles) writer.write(id_term(a.id), builder.build(a));
  writer.commit();
}

std::string file_of(const std::string& path) { return column_file_path(path, Xapian::Database(path)); }

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// The rows of the documents `db` holds (a deleted document's row may stay in a file
// extended since: no query matches it).
std::map<Xapian::docid, std::vector<std::pair<std::string, std::string>>> live_rows(const FacetColumn& column,
                                                                                 const Xapian::Database& db) {
  std::map<Xapian::docid, std::vector<std::pair<std::string, std::string>>> out;
  for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it)
    for (const std::uint32_t id : column.of(*it)) out[*it].emplace_back(column.key(id), column.label(id));
  return out;
}

void expect_same_columns(const std::string& path) {
  const Xapian::Database db(path);
  std::string why;
  const auto file = ColumnFile::open(file_of(path), db, &why);
  ASSERT_NE(file, nullptr) << why;
  for (const ColumnKind kind : every_kind()) {
    SCOPED_TRACE(kind.facet ? std::string(facet_name(*kind.facet)) : "story");
    const auto mapped = file->column(kind);
    const auto built = build_column(db, kind);
    EXPECT_EQ(mapped->last_docid(), db.get_lastdocid());
    EXPECT_EQ(mapped->values(), built->values());
    EXPECT_EQ(by_document(*mapped), by_document(*built));
  }
}

TEST(ColumnFile, EveryColumnMappedEqualsTheOneReadFromTheDatabase) {
  testing::TempDir dir;
  const std::string path = dir / "db";
  testing::build_database(path, corpus());
  ASSERT_TRUE(fs::exists(file_of(path)));
  expect_same_columns(path);
  std::string why;
  const auto file = ColumnFile::open(file_of(path), Xapian::Database(path), &why);
  ASSERT_NE(file, nullptr) << why;
  // Not an empty comparison: the people of the corpus are there.
  EXPECT_GT(file->column({Facet::PERSON})->values(), 5U);
}

// Through newsdex-index, whose commits link copies into stories: the story column too.
TEST(ColumnFile, NewsdexIndexWritesItWithTheStoryKeys) {
  std::string jsonl;
  const std::string body =
      "The harbour authority said on Monday that the new container terminal would open next spring, "
      "doubling the port's capacity and bringing two thousand jobs to the town, officials said.";
  for (int i = 0; i < 6; ++i)
    jsonl += "{\"id\": \"copy-" + std::to_string(i) + "\", \"title\": \"Harbour\", \"body\": \"" + body +
             "\", \"date\": \"2024-03-0" + std::to_string(1 + i) + "\", \"countries\": [\"NL\"]}\n";
  jsonl += "{\"id\": \"other\", \"title\": \"Grain\", \"body\": \"Wheat prices rose.\", \"people\": [\"Ann Smith\"]}\n";
  const testing::IndexedCorpus corpus(jsonl);
  expect_same_columns(corpus.db());
  const Xapian::Database db(corpus.db());
  const auto stories = ColumnFile::open(file_of(corpus.db()), db)->column(ColumnKind::story());
  // The six copies (documents 1-6, in reading order) are one story.
  ASSERT_EQ(stories->of(1).size(), 1U);
  for (Xapian::docid did = 2; did <= 6; ++did) EXPECT_EQ(stories->key(stories->of(did)[0]), stories->key(stories->of(1)[0]));
}

// A commit that adds a few articles to a large database extends the file of the revision
// before instead of reading every document again; replaced and deleted articles' rows
// stay behind it, unread.
TEST(ColumnFile, ASmallCommitExtendsTheFileOfTheRevisionBefore) {
  std::string jsonl;
  for (int i = 0; i < 60; ++i)
    jsonl += "{\"id\": \"a" + std::to_string(i) + "\", \"title\": \"Grain " + std::to_string(i) +
             "\", \"body\": \"Wheat and maize prices moved.\", \"date\": \"1987-03-" +
             std::to_string(10 + i % 9) + "\", \"people\": [\"" + (i == 3 ? "Solo Person" : "Person " + std::to_string(i % 7)) +
             "\"], \"countries\": [\"" + (i % 2 ? "FR" : "JP") + "\"]}\n";
  const testing::IndexedCorpus corpus(jsonl);
  // a3 replaced (a new person and country), a4 deleted, b1 and b2 new: 3 of 60, copied in.
  testing::write_file(corpus.dir() / "more.jsonl",
                      "{\"id\": \"a3\", \"title\": \"Grain\", \"body\": \"Rice.\", \"people\": [\"Zoe New\"], "
                      "\"countries\": [\"BR\"]}\n"
                      "{\"id\": \"b1\", \"title\": \"Oil\", \"body\": \"Crude.\", \"people\": [\"Person 2\"]}\n"
                      "{\"id\": \"b2\", \"title\": \"Oil\", \"body\": \"Crude.\", \"countries\": [\"NO\"]}\n");
  const auto r = testing::run(NEWSDEX_INDEX_BIN,
                              {"-q", "--db", corpus.db(), corpus.dir() / "more.jsonl", "--delete", "a4"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const Xapian::Database db(corpus.db());
  EXPECT_EQ(db.get_doccount(), 61U);
  std::string why;
  const auto file = ColumnFile::open(file_of(corpus.db()), db, &why);
  ASSERT_NE(file, nullptr) << why;
  for (const ColumnKind kind : every_kind()) {
    SCOPED_TRACE(kind.facet ? std::string(facet_name(*kind.facet)) : "story");
    EXPECT_EQ(live_rows(*file->column(kind), db), live_rows(*build_column(db, kind), db));
  }
  // Extended, not written anew: the replaced version's person is still in its dictionary.
  EXPECT_EQ(file->column({Facet::PERSON})->values(), build_column(db, {Facet::PERSON})->values() + 1);
  EXPECT_EQ(file->column({Facet::COUNTRY})->last_docid(), db.get_lastdocid());
  EXPECT_GT(db.get_lastdocid(), db.get_doccount());
  // And counted by a search as they were before: a3's old country no longer, its new one.
  FacetRequest request;
  request.facets = {Facet::COUNTRY, Facet::PERSON};
  request.limit = 100;
  ColumnFacetCounter counter(corpus.db());
  ASSERT_TRUE(counter.columns_mapped(db));
  const FacetPass pass = counter.count(db, Xapian::Query::MatchAll, request);
  std::map<std::string, Xapian::doccount> by_country;
  for (const auto& v : pass.counts[0].top) by_country[v.key] = v.count;
  EXPECT_EQ(by_country, (std::map<std::string, Xapian::doccount>{{"BR", 1}, {"FR", 29}, {"JP", 29}, {"NO", 1}}));
}

TEST(ColumnFile, ACommitWritesItAgainAndAFileOfAnotherRevisionIsNotUsed) {
  testing::TempDir dir;
  const std::string path = dir / "db";
  auto articles = testing::random_articles(300, 7);
  testing::build_database(path, {articles.begin(), articles.begin() + 200});
  const std::string older = dir / "older-columns";
  fs::copy_file(file_of(path), older);

  add_articles(path, {articles.begin() + 200, articles.end()});
  const Xapian::Database db(path);
  std::string why;
  const auto file = ColumnFile::open(file_of(path), db, &why);
  ASSERT_NE(file, nullptr) << why;
  EXPECT_EQ(file->column({Facet::COUNTRY})->last_docid(), db.get_lastdocid());

  fs::copy_file(older, file_of(path), fs::copy_options::overwrite_existing);
  EXPECT_EQ(ColumnFile::open(file_of(path), db, &why), nullptr);
  EXPECT_NE(why.find("revision"), std::string::npos) << why;
  // The counter then reads the columns from the database, and counts every article.
  ColumnFacetCounter counter(path);
  EXPECT_FALSE(counter.columns_mapped(db));
  FacetRequest request;
  request.facets = {Facet::YEAR};
  const FacetPass pass = counter.count(db, Xapian::Query::MatchAll, request);
  EXPECT_EQ(pass.matches, 300U);
}

TEST(ColumnFile, DamagedFilesAreRefusedOrReportedNeverReadPastTheirEnd) {
  testing::TempDir dir;
  const std::string path = dir / "db";
  testing::build_database(path, testing::random_articles(100, 3));
  const Xapian::Database db(path);
  const std::string file = file_of(path);
  const std::string whole = slurp(file);
  std::string why;

  // Cut short: its sections lie outside it.
  testing::write_file(file, whole.substr(0, whole.size() / 2));
  EXPECT_EQ(ColumnFile::open(file, db, &why), nullptr);
  EXPECT_NE(why.find("damaged"), std::string::npos) << why;
  // Not a column file at all.
  testing::write_file(file, std::string(whole.size(), 'x'));
  EXPECT_EQ(ColumnFile::open(file, db, &why), nullptr);
  testing::write_file(file, "");
  EXPECT_EQ(ColumnFile::open(file, db, &why), nullptr);

  // Whole, but the first document's row of the first column (person) pointing past its
  // ids: counting stops with an error naming the file instead of reading out of bounds.
  // The first section starts after the header (80 bytes) and the table (11 x 48 bytes),
  // its row index with the entry of document 1 one word in.
  std::string broken = whole;
  const std::size_t begin_of_document_1 = 80 + 11 * 48 + 4;
  for (std::size_t i = 0; i < 4; ++i) broken[begin_of_document_1 + i] = '\xff';
  testing::write_file(file, broken);
  ColumnFacetCounter counter(path);
  ASSERT_TRUE(counter.columns_mapped(db));
  FacetRequest request;
  request.facets = {Facet::PERSON};
  try {
    counter.count(db, Xapian::Query::MatchAll, request);
    ADD_FAILURE() << "counted from a damaged file";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find(file), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace newsdex
