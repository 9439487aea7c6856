#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "diagnostics.h"
#include "input_files.h"
#include "plain_text_reader.h"
#include "reuters_reader.h"

namespace newsdex {
namespace {

std::vector<Article> read_all(ArticleReader& reader) {
  std::vector<Article> articles;
  for (Article a; reader.next(a);) articles.push_back(a);
  return articles;
}

TEST(PlainTextReader, ReadsTheSeedArticleBylineTitleAndBody) {
  std::ifstream in(NEWSDEX_SEEDS_DIR "/000_350c6e58df6e67c7.txt");
  ASSERT_TRUE(in);
  Diagnostics diagnostics;
  PlainTextReader reader(in, "seed.txt", "000_350c6e58df6e67c7", diagnostics);
  const auto articles = read_all(reader);
  ASSERT_EQ(articles.size(), 1u);
  const Article& a = articles[0];
  EXPECT_EQ(a.id, "000_350c6e58df6e67c7");
  EXPECT_EQ(a.authors, (std::vector<std::string>{"Tessa Wong", "George Wright"}));
  EXPECT_EQ(a.source, "BBC");
  EXPECT_TRUE(a.title.starts_with("The two leaders, China and Belarus"));
  EXPECT_TRUE(a.body.starts_with("Chinese President Xi Jinping"));
  EXPECT_EQ(diagnostics.warning_count(), 0u);
}

TEST(PlainTextReader, ReadsAHeaderBlock) {
  std::ifstream in(NEWSDEX_FIXTURES_DIR "/plain/with_header.txt");
  Diagnostics diagnostics;
  PlainTextReader reader(in, "with_header.txt", "fallback", diagnostics);
  const auto articles = read_all(reader);
  ASSERT_EQ(articles.size(), 1u);
  EXPECT_EQ(articles[0].id, "wire-42");
  EXPECT_EQ(articles[0].title, "Grain embargo talks resume");
  ASSERT_TRUE(articles[0].date);
  EXPECT_EQ(articles[0].date->to_iso(), "2023-03-02");
  EXPECT_EQ(articles[0].authors, std::vector<std::string>{"Jane Doe"});
  EXPECT_EQ(articles[0].source, "Example Wire");
  EXPECT_EQ(articles[0].language, "en");
  EXPECT_EQ(articles[0].body, "Talks on the grain embargo resumed in Geneva on Wednesday.");
}

TEST(PlainTextReader, SkipsAnEmptyFileWithAMessage) {
  std::istringstream in("   \n\n");
  Diagnostics diagnostics;
  PlainTextReader reader(in, "empty.txt", "empty", diagnostics);
  EXPECT_TRUE(read_all(reader).empty());
  EXPECT_EQ(diagnostics.skipped_count(), 1u);
}

TEST(ReutersReader, ReadsSgmlRecordsWithEntitiesLatin1AndBrokenOnes) {
  std::ifstream in(NEWSDEX_FIXTURES_DIR "/reuters/reut2-mini.sgm", std::ios::binary);
  Diagnostics diagnostics;
  ReutersReader reader(in, "reut2-mini.sgm", diagnostics);
  const auto articles = read_all(reader);
  ASSERT_EQ(articles.size(), 2u);  // record 3 has no NEWID, record 4 no text

  const Article& cocoa = articles[0];
  EXPECT_EQ(cocoa.id, "1");
  EXPECT_EQ(cocoa.title, "BAHIA COCOA REVIEW");
  EXPECT_EQ(cocoa.dateline, "SALVADOR, Feb 26");
  ASSERT_TRUE(cocoa.date);
  EXPECT_EQ(cocoa.date->to_iso(), "1987-02-26");
  EXPECT_NE(cocoa.body.find("<in its>"), std::string::npos);
  EXPECT_NE(cocoa.body.find("Müller"), std::string::npos) << "Latin-1 must become UTF-8";
  EXPECT_FALSE(cocoa.body.ends_with("Reuter")) << "sign-off stripped";
  EXPECT_EQ(cocoa.given.places, (std::vector<std::string>{"el-salvador", "usa"}));
  EXPECT_EQ(cocoa.given.topics, std::vector<std::string>{"cocoa"});
  EXPECT_TRUE(cocoa.people.empty() && cocoa.countries.empty()) << "labels are never extracted facets";
  EXPECT_EQ(cocoa.origin.line, 2u);

  const Article& brief = articles[1];
  EXPECT_EQ(brief.id, "2");
  EXPECT_EQ(brief.title, "STANDARD OIL <SRD> TO FORM FINANCIAL UNIT");
  EXPECT_FALSE(brief.date);
  EXPECT_EQ(brief.origin.line, 20u);

  EXPECT_EQ(diagnostics.skipped_count(), 2u);
  EXPECT_EQ(diagnostics.counts_by_kind().at("bad-date"), 1u);
}

TEST(ReutersReader, ReadsEveryArticleOfTheBundledXmlFile) {
  std::ifstream in(NEWSDEX_SEEDS_DIR "/reut2-000.xml", std::ios::binary);
  Diagnostics diagnostics;
  ReutersReader reader(in, "reut2-000.xml", diagnostics);
  const auto articles = read_all(reader);
  EXPECT_EQ(articles.size(), 1000u);
  EXPECT_EQ(diagnostics.skipped_count(), 0u);
  for (const auto& a : articles) ASSERT_TRUE(a.date) << a.id;
}

TEST(ExpandInputs, WalksDirectoriesInOrderAndReportsMissingFiles) {
  Diagnostics diagnostics;
  const auto files = expand_inputs({NEWSDEX_FIXTURES_DIR "/plain", "/nonexistent/file"}, diagnostics);
  ASSERT_EQ(files.size(), 1u);
  EXPECT_EQ(files[0].default_id, "with_header");
  EXPECT_EQ(diagnostics.skipped_count(), 1u);
}

}  // namespace
}  // namespace newsdex
