#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "core/diagnostics.h"
#include "input_files.h"
#include "input_format.h"
#include "json_lines_reader.h"
#include "plain_text_reader.h"
#include "record_scanner.h"
#include "reuters_reader.h"
#include "trec_reader.h"

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

TEST(ReutersReader, SkipsARecordOverTheSizeLimitAndReadsTheNext) {
  const std::string big(5000, 'x');
  std::istringstream in("<REUTERS NEWID=\"1\"><TEXT><TITLE>" + big + "</TITLE></TEXT></REUTERS>\n"
                        "<REUTERS NEWID=\"2\"><TEXT><TITLE>small</TITLE></TEXT></REUTERS>\n");
  Diagnostics diagnostics;
  ReaderOptions options;
  options.max_record_bytes = 1000;
  ReutersReader reader(in, "big.xml", diagnostics, options);
  const auto articles = read_all(reader);
  ASSERT_EQ(articles.size(), 1u);
  EXPECT_EQ(articles[0].id, "2");
  EXPECT_EQ(articles[0].origin.line, 2u);
  EXPECT_EQ(diagnostics.counts_by_kind().at("too-large"), 1u);
}

TEST(ReutersReader, ReadsJunkAfterTheDateAsTheDay) {
  std::istringstream in("<REUTERS NEWID=\"7\"><DATE>27-MAR-1987 08:45:34.42   C G T M</DATE>"
                        "<TEXT><TITLE>T</TITLE></TEXT></REUTERS>");
  Diagnostics diagnostics;
  ReutersReader reader(in, "junk.xml", diagnostics);
  const auto articles = read_all(reader);
  ASSERT_EQ(articles.size(), 1u);
  ASSERT_TRUE(articles[0].date);
  EXPECT_EQ(articles[0].date->to_iso(), "1987-03-27");
  EXPECT_EQ(diagnostics.warning_count(), 0u);
}

TEST(RecordScanner, StreamsRecordsAcrossChunksWithLineNumbers) {
  // Records far larger than the scanner's chunk, split at every possible place.
  std::string input = "preamble\n";
  for (int i = 0; i < 3; ++i) input += "<DOC>\n" + std::string(100000, 'a' + i) + "\n</DOC>\n";
  std::istringstream in(input);
  RecordScanner scanner(in, 1 << 20);
  std::string record;
  std::vector<std::size_t> lines;
  while (scanner.next_record("<DOC>", "</DOC>", record) == RecordScanner::Status::OK) {
    EXPECT_EQ(record.size(), 5 + 1 + 100000 + 1 + 6);
    lines.push_back(scanner.line());
  }
  EXPECT_EQ(lines, (std::vector<std::size_t>{2, 5, 8}));
}

TEST(RecordScanner, SkipsAnOverlongLineWithoutHoldingIt) {
  std::istringstream in("short\n" + std::string(300000, 'x') + "\nafter\nlast-without-newline");
  RecordScanner scanner(in, 1000);
  std::string line;
  EXPECT_EQ(scanner.next_line(line), RecordScanner::Status::OK);
  EXPECT_EQ(line, "short");
  EXPECT_EQ(scanner.next_line(line), RecordScanner::Status::TOO_LARGE);
  EXPECT_EQ(scanner.line(), 2u);
  EXPECT_EQ(scanner.next_line(line), RecordScanner::Status::OK);
  EXPECT_EQ(line, "after");
  EXPECT_EQ(scanner.line(), 3u);
  EXPECT_EQ(scanner.next_line(line), RecordScanner::Status::OK);
  EXPECT_EQ(line, "last-without-newline");
  EXPECT_EQ(scanner.next_line(line), RecordScanner::Status::END);
}

TEST(JsonLinesReader, ReadsDefaultsAndSurvivesEveryBrokenLine) {
  std::ifstream in(NEWSDEX_FIXTURES_DIR "/jsonl/articles.jsonl", std::ios::binary);
  ASSERT_TRUE(in);
  Diagnostics diagnostics;
  JsonLinesReader reader(in, "articles.jsonl", "articles", diagnostics);
  const auto articles = read_all(reader);
  std::vector<std::string> ids;
  ids.reserve(articles.size());
  for (const auto& a : articles) ids.push_back(a.id);
  EXPECT_EQ(ids, (std::vector<std::string>{"j1", "j3", "j4", "articles:6", "j8", "j1"}));

  const Article& j1 = articles[0];
  EXPECT_EQ(j1.title, "Grain embargo talks resume in Geneva");
  EXPECT_TRUE(j1.body.starts_with("Talks on the grain embargo"));
  ASSERT_TRUE(j1.date);
  EXPECT_EQ(j1.date->to_iso(), "2023-03-01");
  EXPECT_EQ(j1.authors, (std::vector<std::string>{"Jane Doe", "John Roe"}));
  EXPECT_EQ(j1.source, "Example Wire");
  EXPECT_EQ(j1.url, "https://example.com/j1");
  EXPECT_EQ(j1.language, "en");
  EXPECT_EQ(j1.given.people, std::vector<std::string>{"Alexander Lukashenko"});
  EXPECT_EQ(j1.people, std::vector<std::string>{"Alexander Lukashenko"}) << "given people fill the facet";
  EXPECT_EQ(j1.given.places, (std::vector<std::string>{"Belarus", "cn"}));
  EXPECT_EQ(j1.countries, (std::vector<std::string>{"BY", "CN"}));
  EXPECT_EQ(j1.origin.line, 1u);

  EXPECT_EQ(articles[1].title, "Caf\xEF\xBF\xBD prices rise") << "invalid UTF-8 repaired, article kept";
  EXPECT_FALSE(articles[2].date) << "unparseable date: kept without a date";
  const Article& no_id = articles[3];
  EXPECT_EQ(no_id.body, "First paragraph about cocoa.\n\nSecond paragraph.");
  ASSERT_TRUE(no_id.date) << "Unix time";
  EXPECT_EQ(no_id.date->to_iso(), "2023-03-01");
  EXPECT_EQ(articles[4].title, "Control  byte");
  EXPECT_EQ(articles[5].origin.line, 11u);

  const auto kinds = diagnostics.counts_by_kind();
  EXPECT_EQ(kinds.at("malformed-json"), 3u) << "unclosed brace, 5000-deep nesting, not an object";
  EXPECT_EQ(kinds.at("empty"), 1u);
  EXPECT_EQ(kinds.at("invalid-utf8"), 1u);
  EXPECT_EQ(kinds.at("bad-date"), 1u);
  EXPECT_EQ(kinds.at("control-bytes"), 1u);
  EXPECT_EQ(diagnostics.skipped_count(), 4u);
}

TEST(JsonLinesReader, MapsOtherSchemasWithFieldOptions) {
  std::ifstream in(NEWSDEX_FIXTURES_DIR "/jsonl/custom_schema.jsonl", std::ios::binary);
  Diagnostics diagnostics;
  ReaderOptions options;
  options.fields = {{"id", "story_id"}, {"title", "hed"}, {"body", "story.body"},
                    {"date", "when"}, {"source", "meta.site"}};
  JsonLinesReader reader(in, "custom_schema.jsonl", "custom_schema", diagnostics, options);
  const auto articles = read_all(reader);
  ASSERT_EQ(articles.size(), 1u);
  EXPECT_EQ(articles[0].id, "c1");
  EXPECT_EQ(articles[0].title, "Custom schema story");
  EXPECT_EQ(articles[0].body, "A walrus escaped from the zoo.");
  EXPECT_EQ(articles[0].source, "Zoo News");
  ASSERT_TRUE(articles[0].date);
  EXPECT_EQ(articles[0].date->to_iso(), "2023-03-01");
  EXPECT_EQ(diagnostics.warning_count() + diagnostics.skipped_count(), 0u);
}

TEST(JsonLinesReader, KeepsACategoryAsTheGivenTopicsAndDerivesAMissingTitle) {
  std::istringstream in("{\"id\": \"t1\", \"text\": \"Otter opens a bank account.\\nStaff were surprised.\", "
                        "\"category\": \"business\"}\n"
                        "{\"id\": \"t2\", \"title\": \"Given\", \"body\": \"Text.\", \"topics\": [\"a\", \"b\"]}\n");
  Diagnostics diagnostics;
  JsonLinesReader reader(in, "t.jsonl", "t", diagnostics);
  const auto articles = read_all(reader);
  ASSERT_EQ(articles.size(), 2u);
  EXPECT_EQ(articles[0].given.topics, std::vector<std::string>{"business"});
  EXPECT_EQ(articles[0].title, "Otter opens a bank account.");
  EXPECT_TRUE(articles[0].title_derived);
  EXPECT_EQ(articles[1].given.topics, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(articles[1].title, "Given");
  EXPECT_FALSE(articles[1].title_derived);
}

TEST(JsonLinesReader, GivenPlacesMayBeRegionsOfTheirCountry) {
  std::istringstream in(
      "{\"id\": \"p1\", \"body\": \"Text.\", \"countries\": [\"Scotland\", \"us-ca\", \"Georgia\", \"GB\"]}\n");
  Diagnostics diagnostics;
  JsonLinesReader reader(in, "p.jsonl", "p", diagnostics);
  const auto articles = read_all(reader);
  ASSERT_EQ(articles.size(), 1u);
  // Georgia is a country before it is a US state; Scotland and California are regions.
  EXPECT_EQ(articles[0].countries, (std::vector<std::string>{"GB", "US", "GE"}));
  EXPECT_EQ(articles[0].regions, (std::vector<std::string>{"GB-SCT", "US-CA"}));
  EXPECT_EQ(diagnostics.warning_count(), 0u);
}

TEST(JsonLinesReader, GivenPlacesWrittenAsSlugsAreTheNamesTheySpell) {
  // As Reuters writes its places, and as JSON converted from it carries them.
  std::istringstream in(
      "{\"id\": \"s1\", \"body\": \"Text.\", \"places\": [\"new-zealand\", \"hong-kong\", \"usa\", \"no-such-land\"]}\n");
  Diagnostics diagnostics;
  JsonLinesReader reader(in, "s.jsonl", "s", diagnostics);
  const auto articles = read_all(reader);
  ASSERT_EQ(articles.size(), 1u);
  EXPECT_EQ(articles[0].countries, (std::vector<std::string>{"NZ", "HK", "US"}));
  EXPECT_EQ(articles[0].given.places.front(), "new-zealand");  // the label stays as given
  EXPECT_EQ(diagnostics.counts_by_kind().at("unknown-country"), 1u);  // no-such-land
}

TEST(JsonLinesReader, NestingDeepEnoughToExhaustARecursiveParserIsRejected) {
  std::string line = "{\"id\": \"deep\", \"title\": \"t\", \"x\": ";
  line += std::string(1000000, '[') + std::string(1000000, ']') + "}\n";
  std::istringstream in(line + "{\"id\": \"ok\", \"title\": \"fine\"}\n");
  Diagnostics diagnostics;
  ReaderOptions options;
  options.max_record_bytes = 4u << 20;
  JsonLinesReader reader(in, "deep.jsonl", "deep", diagnostics, options);
  const auto articles = read_all(reader);
  ASSERT_EQ(articles.size(), 1u);
  EXPECT_EQ(articles[0].id, "ok");
  EXPECT_EQ(diagnostics.counts_by_kind().at("malformed-json"), 1u);
}

TEST(TrecReader, ReadsApWsjAndLaTimesDocumentsAndReportsBrokenOnes) {
  std::ifstream in(NEWSDEX_FIXTURES_DIR "/trec/newswire.trec", std::ios::binary);
  ASSERT_TRUE(in);
  Diagnostics diagnostics;
  TrecReader reader(in, "newswire.trec", diagnostics);
  const auto articles = read_all(reader);
  ASSERT_EQ(articles.size(), 4u);

  EXPECT_EQ(articles[0].id, "AP880212-0001");
  EXPECT_EQ(articles[0].source, "AP");
  EXPECT_EQ(articles[0].title,
            "Reports Former Saigon Officials Released from Re-education Camp Eds: Also in Monday AMs report.");
  ASSERT_TRUE(articles[0].date);
  EXPECT_EQ(articles[0].date->to_iso(), "1988-02-12");
  EXPECT_TRUE(articles[0].body.starts_with("More than 150 former officers"));
  EXPECT_EQ(articles[0].origin.line, 1u);

  EXPECT_EQ(articles[1].id, "WSJ870324-0001");
  EXPECT_EQ(articles[1].title, "John Blair Is Near Accord To Sell Unit, Sources Say");
  ASSERT_TRUE(articles[1].date);
  EXPECT_EQ(articles[1].date->to_iso(), "1987-03-24");
  EXPECT_NE(articles[1].body.find("John Blair & Co."), std::string::npos) << "entities decoded";

  EXPECT_EQ(articles[2].id, "LA010189-0001");
  EXPECT_EQ(articles[2].title, "OUTTAKES: MATERIAL MOLL");
  ASSERT_TRUE(articles[2].date);
  EXPECT_EQ(articles[2].date->to_iso(), "1989-01-01");
  EXPECT_EQ(articles[2].body, "Madonna is the best-selling female artist.\nSecond paragraph.");

  EXPECT_EQ(articles[3].id, "FT911-3");
  EXPECT_FALSE(articles[3].date);
  EXPECT_NE(articles[3].title.find("Caf\xEF\xBF\xBD"), std::string::npos);

  const auto kinds = diagnostics.counts_by_kind();
  EXPECT_EQ(kinds.at("no-id"), 1u);
  EXPECT_EQ(kinds.at("malformed-record"), 1u) << "the unclosed last <DOC>";
  EXPECT_EQ(kinds.at("bad-date"), 1u);
  EXPECT_EQ(kinds.at("invalid-utf8"), 1u);
}

TEST(InputFormat, DetectsFormatsByNameAndContent) {
  EXPECT_EQ(detect_input_format("corpus/reut2-003.sgm", ""), InputFormat::REUTERS);
  EXPECT_EQ(detect_input_format("x.xml", "<?xml?>\n<REUTERS NEWID=\"1\">"), InputFormat::REUTERS);
  EXPECT_EQ(detect_input_format("crawl.jsonl.gz", "anything"), InputFormat::JSON_LINES);
  EXPECT_EQ(detect_input_format("-", "  {\"id\": 1}"), InputFormat::JSON_LINES);
  EXPECT_EQ(detect_input_format("ap880212", "\n<DOC>\n<DOCNO>"), InputFormat::TREC);
  EXPECT_EQ(detect_input_format("story.txt", "Title: x\n\nbody"), InputFormat::PLAIN);
  EXPECT_EQ(detect_input_format("STORY.TXT.gz", "x"), InputFormat::PLAIN);
  EXPECT_EQ(detect_input_format("README", "a,b,c\n1,2,3\n"), InputFormat::PLAIN);
  EXPECT_EQ(detect_input_format("ap880212.0001", "Title"), InputFormat::PLAIN) << "a number is no extension";
  EXPECT_EQ(detect_input_format("notes.md", "# Notes"), std::nullopt);
  EXPECT_EQ(detect_input_format("page.html", "<html>"), std::nullopt);
  EXPECT_EQ(detect_input_format("blob", std::string_view("\x7f" "ELF\0\0", 6)), std::nullopt);
  EXPECT_NE(undetected_format_reason("dir/notes.md").find("unknown file type '.md'"), std::string::npos);
  EXPECT_EQ(detect_input_format("EXPORT.CSV", "Title,Body\n"), InputFormat::CSV) << "extensions in any case";
  EXPECT_EQ(detect_input_format("Crawl.JSONL", "x"), InputFormat::JSON_LINES);
  EXPECT_EQ(parse_input_format("trec"), InputFormat::TREC);
  EXPECT_EQ(parse_input_format("jsonl"), InputFormat::JSON_LINES);
  EXPECT_FALSE(parse_input_format("pdf"));
}

TEST(PlainTextReader, SkipsAFileOverTheSizeLimit) {
  std::istringstream in("Title\n\n" + std::string(5000, 'x'));
  Diagnostics diagnostics;
  ReaderOptions options;
  options.max_record_bytes = 1000;
  PlainTextReader reader(in, "huge.txt", "huge", diagnostics, options);
  EXPECT_TRUE(read_all(reader).empty());
  EXPECT_EQ(diagnostics.counts_by_kind().at("too-large"), 1u);
}

}  // namespace
}  // namespace newsdex
