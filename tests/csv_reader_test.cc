// The CSV reader: RFC 4180 quoting, header mapping, delimiters, and every broken row
// reported with its line and skipped alone.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "csv_reader.h"
#include "core/diagnostics.h"
#include "input_format.h"

namespace newsdex {
namespace {

std::vector<Article> read_csv(const std::string& text, Diagnostics& diagnostics, const ReaderOptions& options = {},
                              const std::string& name = "in.csv") {
  std::istringstream in(text);
  CsvReader reader(in, name, "in", diagnostics, options);
  std::vector<Article> articles;
  for (Article a; reader.next(a);) articles.push_back(a);
  return articles;
}

TEST(CsvReader, ReadsQuotesNewlinesCrlfAByteOrderMarkAndAnyColumnOrder) {
  std::ifstream in(NEWSDEX_FIXTURES_DIR "/csv/articles.csv", std::ios::binary);
  ASSERT_TRUE(in);
  Diagnostics diagnostics;
  CsvReader reader(in, "articles.csv", "articles", diagnostics);
  std::vector<Article> articles;
  for (Article a; reader.next(a);) articles.push_back(a);
  ASSERT_EQ(articles.size(), 4u);
  EXPECT_EQ(articles[0].id, "y1");
  EXPECT_EQ(articles[0].title, "Yukos unit sold");
  EXPECT_EQ(articles[0].body, "Yukos shares fell again, traders said.");
  ASSERT_TRUE(articles[0].date);
  EXPECT_EQ(articles[0].date->to_iso(), "2005-02-14");
  EXPECT_EQ(articles[0].given.topics, std::vector<std::string>{"business"});
  EXPECT_EQ(articles[0].origin.line, 2u);

  EXPECT_EQ(articles[1].id, "p1");
  EXPECT_EQ(articles[1].title, "Minister stays, for now");
  EXPECT_EQ(articles[1].body, "The minister said: \"We will not resign.\"\nA second paragraph, after a quoted newline.");
  EXPECT_EQ(articles[2].id, "t1") << "the row with one field too many is skipped";
  EXPECT_EQ(articles[2].origin.line, 6u);
  EXPECT_FALSE(articles[2].date) << "an empty date cell is no date, and no warning";
  EXPECT_EQ(articles[2].title, "No title here.") << "derived from the text";
  EXPECT_TRUE(articles[2].title_derived);
  EXPECT_FALSE(articles[0].title_derived);
  EXPECT_EQ(articles[3].id, "e1");
  EXPECT_EQ(articles[3].origin.line, 8u) << "blank lines between rows are passed over";

  EXPECT_EQ(diagnostics.skipped_count(), 1u);
  EXPECT_EQ(diagnostics.counts_by_kind().at("malformed-csv"), 1u);
  EXPECT_EQ(diagnostics.warning_count(), 0u);
}

TEST(CsvReader, WithoutAnIdColumnArticlesAreNamedByFileAndLine) {
  Diagnostics diagnostics;
  const auto articles = read_csv("text,category\n\"One, two\",sport\n\"Three\nfour\",tech\nfive,tech\n", diagnostics);
  ASSERT_EQ(articles.size(), 3u);
  EXPECT_EQ(articles[0].id, "in:2");
  EXPECT_EQ(articles[1].id, "in:3");
  EXPECT_EQ(articles[1].body, "Three\nfour");
  EXPECT_EQ(articles[2].id, "in:5");
  EXPECT_EQ(articles[2].given.topics, std::vector<std::string>{"tech"});
}

TEST(CsvReader, DelimitersAreGuessedFromTheHeaderOrGiven) {
  Diagnostics diagnostics;
  auto semicolons = read_csv("title;body;countries\nA; Hello, world ;France|DE\n", diagnostics);
  ASSERT_EQ(semicolons.size(), 1u);
  EXPECT_EQ(semicolons[0].body, "Hello, world");
  EXPECT_EQ(semicolons[0].countries, (std::vector<std::string>{"FR", "DE"}));

  auto tabs = read_csv("title\tbody\nA, b\tC; d\n", diagnostics);
  ASSERT_EQ(tabs.size(), 1u);
  EXPECT_EQ(tabs[0].title, "A, b");

  ReaderOptions pipes;
  pipes.csv_delimiter = '|';
  auto given = read_csv("title|body\nA|B, C; D\n", diagnostics, pipes);
  ASSERT_EQ(given.size(), 1u);
  EXPECT_EQ(given[0].body, "B, C; D");

  // A .tsv file is read with tabs whatever its header holds.
  std::istringstream in("title\tbody\nA,B\tC,D\n");
  auto reader = make_reader(InputFormat::CSV, in, "x.tsv", "x", diagnostics);
  Article article;
  ASSERT_TRUE(reader->next(article));
  EXPECT_EQ(article.title, "A,B");
  EXPECT_EQ(diagnostics.warning_count() + diagnostics.skipped_count(), 0u);
}

TEST(CsvReader, FieldOptionsMapOtherColumnsLikeJsonLines) {
  Diagnostics diagnostics;
  ReaderOptions options;
  options.fields = {{"title", "Hed"}, {"text", "story"}, {"author", "writers"}};
  const auto articles =
      read_csv("writers,story,hed,title\nTessa Wong and George Wright,The story,The headline,not this\n", diagnostics, options);
  ASSERT_EQ(articles.size(), 1u);
  EXPECT_EQ(articles[0].title, "The headline");
  EXPECT_EQ(articles[0].body, "The story");
  EXPECT_EQ(articles[0].authors, (std::vector<std::string>{"Tessa Wong", "George Wright"}));
}

TEST(CsvReader, AHeaderWithoutATextColumnSkipsTheFileWithAMessage) {
  Diagnostics diagnostics;
  EXPECT_TRUE(read_csv("id,category\n1,sport\n", diagnostics).empty());
  EXPECT_EQ(diagnostics.skipped_count(), 1u);
  EXPECT_EQ(diagnostics.counts_by_kind().at("malformed-csv"), 1u);
}

TEST(CsvReader, AnUnterminatedQuoteSkipsTheRestOfTheFileOnce) {
  Diagnostics diagnostics;
  const auto articles = read_csv("title,body\nA,fine\nB,\"never closed\nC,more\nD,more\n", diagnostics);
  ASSERT_EQ(articles.size(), 1u);
  EXPECT_EQ(articles[0].title, "A");
  EXPECT_EQ(diagnostics.skipped_count(), 1u);
}

TEST(CsvReader, ARowOverTheSizeLimitIsSkippedAndTheNextRead) {
  Diagnostics diagnostics;
  ReaderOptions options;
  options.max_record_bytes = 100;
  std::string text = "title,body\nA,\"" + std::string(50, 'x') + "\n" + std::string(80, 'y') + "\"\nB,short\n";
  const auto articles = read_csv(text, diagnostics, options);
  ASSERT_EQ(articles.size(), 1u);
  EXPECT_EQ(articles[0].title, "B");
  EXPECT_EQ(articles[0].origin.line, 4u);
  EXPECT_EQ(diagnostics.counts_by_kind().at("too-large"), 1u);
}

TEST(CsvReader, HostileBytesNeverCrashIt) {
  Diagnostics diagnostics;
  for (const std::string& text : {std::string("\""), std::string("\"\"\""), std::string(",,,\n\"\n"),
                                 std::string("body\n\"a\"b\"c\"\n"), std::string("\xEF\xBB\xBF"),
                                 std::string("body\n\xff\xfe,\n"), std::string("body,\n\r\n\r\n")}) {
    (void)read_csv(text, diagnostics);
  }
  SUCCEED();
}

TEST(CsvReader, IsDetectedByItsNameOrByAHeaderOfKnownFieldsWithoutOne) {
  EXPECT_EQ(detect_input_format("corpora/bbc-train.csv", "text,category\n"), InputFormat::CSV);
  EXPECT_EQ(detect_input_format("dump.tsv.gz", "title\tbody\n"), InputFormat::CSV);
  // With no extension (standard input is "-"), a header of known field names, one of
  // them the text's, is CSV; anything else stays a plain article.
  EXPECT_EQ(detect_input_format("-", "text,category\n\"A story\",news\n"), InputFormat::CSV);
  EXPECT_EQ(detect_input_format("export", "\xEF\xBB\xBF\"Title\"; \"Body\"\r\nA;B\r\n"), InputFormat::CSV);
  EXPECT_EQ(detect_input_format("export", "title,headline\n"), InputFormat::PLAIN) << "no text column";
  EXPECT_EQ(detect_input_format("export", "text\n"), InputFormat::PLAIN) << "one cell is a line of text";
  EXPECT_EQ(detect_input_format("export", "Text, body and soul\n"), InputFormat::PLAIN);
  EXPECT_EQ(detect_input_format("notes.md", "title,body\n"), std::nullopt) << "an extension still decides";
  EXPECT_EQ(parse_input_format("csv"), InputFormat::CSV);
  EXPECT_EQ(input_format_name(InputFormat::CSV), "csv");
}

}  // namespace
}  // namespace newsdex
