// What the archive corrects in its articles' people, through the real newsdex-index and
// newsdex-search: a name it knows, written without evidence, names the person
// (indexer/known_names.h); a person named by surname alone takes the full name it knows
// best (indexer/surname_resolver.h). In the facet, in person: filters and in the stored
// article; in one run and in a later one.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "test_support.h"

namespace newsdex {
namespace {

using json = nlohmann::json;

std::string article_on(const std::string& id, const std::string& date, const std::string& text) {
  return json{{"id", id}, {"title", "Politics"}, {"body", text}, {"date", date}}.dump() + "\n";
}

std::string article(const std::string& id, const std::string& text) { return article_on(id, "2005-03-01", text); }

// Filler articles naming nobody, so that a later small run is copied into the archive
// instead of compacted with it (index_writer.cc).
std::string fillers(int n) {
  std::string out;
  for (int i = 0; i < n; ++i)
    out += article("filler-" + std::to_string(i), "The weather stayed dry across the region on day " +
                                                       std::to_string(i) + " of the month.");
  return out;
}

// The person facet over every article: label -> articles.
std::map<std::string, int> person_facet(const testing::IndexedCorpus& corpus) {
  const auto r = corpus.search({"--format", "jsonl", "--limit", "0", "--facet", "person", "--facet-limit", "50", "*"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  std::map<std::string, int> counts;
  std::istringstream lines(r.out);
  for (std::string line; std::getline(lines, line);) {
    const json j = json::parse(line);
    if (!j.contains("facets")) continue;
    for (const auto& value : j["facets"]["person"]["values"]) counts[value["label"].get<std::string>()] = value["count"].get<int>();
  }
  return counts;
}

// The stored people of each article a search with --fields id,people printed: id -> people.
std::map<std::string, std::vector<std::string>> people_in(const testing::CommandResult& r) {
  EXPECT_EQ(r.exit_code, 0) << r.err;
  std::map<std::string, std::vector<std::string>> out;
  std::istringstream lines(r.out);
  for (std::string line; std::getline(lines, line);) {
    const json j = json::parse(line);
    if (j.contains("id")) out[j["id"].get<std::string>()] = j["people"].get<std::vector<std::string>>();
  }
  return out;
}

std::map<std::string, std::vector<std::string>> people_of(const testing::IndexedCorpus& corpus, const std::string& query) {
  return people_in(corpus.search({"--format", "jsonl", "--limit", "100", "--fields", "id,people", query}));
}

std::map<std::string, std::vector<std::string>> people_of(const std::string& db, const std::string& query) {
  return people_in(testing::run(NEWSDEX_SEARCH_BIN,
                                {"--db", db, "--format", "jsonl", "--limit", "100", "--fields", "id,people", query}));
}

// Indexes `first`, then `later`, into DIR/news.db by two runs of newsdex-index; its path.
std::string index_two_runs(const testing::TempDir& dir, const std::string& first, const std::string& later) {
  const std::string db = dir / "news.db";
  testing::write_file(dir / "first.jsonl", first);
  testing::write_file(dir / "later.jsonl", later);
  for (const char* file : {"first.jsonl", "later.jsonl"}) {
    const auto r = testing::run(NEWSDEX_INDEX_BIN, {"-q", "--db", db, dir / file});
    EXPECT_EQ(r.exit_code, 0) << r.err;
  }
  return db;
}

TEST(SurnameResolver, ABareSurnameTakesTheFullNameTheArchiveNamesMost) {
  const testing::IndexedCorpus corpus(article("full-1", "Prime Minister Tony Blair said taxes would not rise.") +
                                      article("full-2", "Tony Blair said the unions had been heard.") +
                                      article("wife", "Cherie Blair said the school would open in May.") +
                                      article("bare", "Mr Blair said the vote in parliament would be close."));
  const auto facet = person_facet(corpus);
  EXPECT_EQ(facet.count("Blair"), 0u) << "the bare surname is no person of its own";
  EXPECT_EQ(facet.at("Tony Blair"), 3);
  EXPECT_EQ(facet.at("Cherie Blair"), 1);
  const auto found = people_of(corpus, "person:\"Tony Blair\"");
  ASSERT_EQ(found.count("bare"), 1u) << "person: finds the article that named him by surname";
  EXPECT_EQ(found.at("bare"), std::vector<std::string>{"Tony Blair"});
}

TEST(SurnameResolver, ASurnameTwoFullNamesShareAlikeStaysBare) {
  const testing::IndexedCorpus corpus(article("tony-1", "Prime Minister Tony Blair said taxes would not rise.") +
                                      article("tony-2", "Tony Blair said the unions had been heard.") +
                                      article("cherie-1", "Cherie Blair said the school would open in May.") +
                                      article("cherie-2", "Cherie Blair said the charity had raised money.") +
                                      article("bare", "Mr Blair said the vote in parliament would be close."));
  const auto facet = person_facet(corpus);
  EXPECT_EQ(facet.at("Blair"), 1);
  EXPECT_EQ(facet.at("Tony Blair"), 2);
  EXPECT_EQ(facet.at("Cherie Blair"), 2);
}

TEST(SurnameResolver, ASurnameStandsForTheFullNameNamedAroundTheArticlesDate) {
  // Over the whole archive George Bush and Laura Bush are named alike; around each bare
  // mention's date only one of them is.
  const testing::IndexedCorpus corpus(
      article_on("george-1", "1987-03-02", "Vice President George Bush said the talks would go on.") +
      article_on("george-2", "1987-04-06", "George Bush said the trade bill was too harsh.") +
      article_on("laura-1", "2004-05-03", "Laura Bush said the library would open in May.") +
      article_on("laura-2", "2004-06-07", "Laura Bush said the school had raised money.") +
      article_on("bare-1987", "1987-05-04", "Mr Bush said the vote in the Senate would be close.") +
      article_on("bare-2004", "2004-07-05", "Mrs Bush said the charity would grow."));
  const auto george = people_of(corpus, "person:\"George Bush\"");
  ASSERT_EQ(george.count("bare-1987"), 1u);
  EXPECT_EQ(george.at("bare-1987"), std::vector<std::string>{"George Bush"});
  EXPECT_EQ(george.count("bare-2004"), 0u);
  const auto laura = people_of(corpus, "person:\"Laura Bush\"");
  ASSERT_EQ(laura.count("bare-2004"), 1u);
  EXPECT_EQ(laura.at("bare-2004"), std::vector<std::string>{"Laura Bush"});
  EXPECT_EQ(person_facet(corpus).count("Bush"), 0u);
}

TEST(SurnameResolver, AnEarlierArticleLearnsTheFullNameNamedAroundItsDate) {
  // The first run names George Bush once, too little to resolve "Mr Bush". The later run
  // names him once more in 1987, and Laura Bush five times in 2004: over the whole
  // archive she dominates, but around 1987 he is the only Bush named.
  testing::TempDir dir;
  const std::string db = index_two_runs(
      dir,
      fillers(20) + article_on("george-1", "1987-03-02", "Vice President George Bush said the talks would go on.") +
          article_on("bare-1987", "1987-05-04", "Mr Bush said the vote in the Senate would be close."),
      article_on("george-2", "1987-04-06", "George Bush said the trade bill was too harsh.") +
          article_on("laura-1", "2004-05-03", "Laura Bush said the library would open in May.") +
          article_on("laura-2", "2004-06-07", "Laura Bush said the school had raised money.") +
          article_on("laura-3", "2004-06-08", "Laura Bush said the books had arrived.") +
          article_on("laura-4", "2004-06-09", "Laura Bush said the visit went well.") +
          article_on("laura-5", "2004-06-10", "Laura Bush said the garden was open.") +
          article_on("bare-2004", "2004-07-05", "Mrs Bush said the charity would grow."));
  const auto george = people_of(db, "person:\"George Bush\"");
  ASSERT_EQ(george.count("bare-1987"), 1u);
  EXPECT_EQ(george.at("bare-1987"), std::vector<std::string>{"George Bush"});
  const auto laura = people_of(db, "person:\"Laura Bush\"");
  EXPECT_EQ(laura.count("bare-2004"), 1u);
  EXPECT_EQ(laura.count("bare-1987"), 0u);
}

TEST(SurnameResolver, OneArticleIsNoEvidence) {
  const testing::IndexedCorpus corpus(article("full", "Prime Minister Tony Blair said taxes would not rise.") +
                                      article("bare", "Mr Blair said the vote in parliament would be close."));
  const auto facet = person_facet(corpus);
  EXPECT_EQ(facet.at("Blair"), 1);
  EXPECT_EQ(facet.at("Tony Blair"), 1);
}

TEST(SurnameResolver, AGivenNameAloneIsNoSurname) {
  // "Sir John" alone names a John; that Elton John is named twice does not make him it,
  // since more articles name people whose given name is John.
  const testing::IndexedCorpus corpus(article("elton-1", "Singer Elton John said the tour would go on.") +
                                      article("elton-2", "Elton John said he would sing in Paris.") +
                                      article("major-1", "John Major said the party would unite.") +
                                      article("major-2", "John Major said the vote was lost.") +
                                      article("smith", "John Smith said the budget was wrong.") +
                                      article("sir", "Sir John said the inquiry would report in June."));
  const auto found = people_of(corpus, "person:\"Elton John\"");
  EXPECT_EQ(found.count("sir"), 0u);
}

TEST(SurnameResolver, AnArticleThatWritesTheSurnameAsAnothersKeepsIt) {
  const testing::IndexedCorpus corpus(article("full-1", "Prime Minister Tony Blair said taxes would not rise.") +
                                      article("full-2", "Tony Blair said the unions had been heard.") +
                                      article("judge", "Mr Justice Blair said the appeal had failed."));
  const auto found = people_of(corpus, "person:\"Tony Blair\"");
  EXPECT_EQ(found.count("judge"), 0u);
  EXPECT_EQ(found.size(), 2u);
}

TEST(SurnameResolver, ALaterRunResolvesItsArticlesWithTheArchive) {
  testing::TempDir dir;
  const std::string db = index_two_runs(dir,
                                        fillers(20) + article("full-1", "Prime Minister Tony Blair said taxes would not rise.") +
                                            article("full-2", "Tony Blair said the unions had been heard."),
                                        article("bare", "Mr Blair said the vote in parliament would be close."));
  const auto found = people_of(db, "person:\"Tony Blair\"");
  ASSERT_EQ(found.count("bare"), 1u);
  EXPECT_EQ(found.at("bare"), std::vector<std::string>{"Tony Blair"});
}

TEST(SurnameResolver, AnEarlierArticleLearnsTheFullNameFromALaterRun) {
  const std::string bare = article("bare", "Mr Blair said the vote in parliament would be close.");
  const std::string full = article("full-1", "Prime Minister Tony Blair said taxes would not rise.") +
                           article("full-2", "Tony Blair said the unions had been heard.");
  // A small later run is copied into the archive; a large one is compacted with it.
  for (const int before : {20, 0}) {
    testing::TempDir dir;
    const auto found = people_of(index_two_runs(dir, fillers(before) + bare, full), "person:\"Tony Blair\"");
    ASSERT_EQ(found.count("bare"), 1u) << before << " articles before";
    EXPECT_EQ(found.at("bare"), std::vector<std::string>{"Tony Blair"});
    EXPECT_EQ(found.size(), 3u);
  }
}

TEST(SurnameResolver, TheFacetCountsAnEarlierArticleUnderItsNewName) {
  // The copying commit's column file must not keep the article's earlier row.
  testing::TempDir dir;
  const std::string db =
      index_two_runs(dir, fillers(20) + article("bare", "Mr Blair said the vote in parliament would be close."),
                     article("full-1", "Prime Minister Tony Blair said taxes would not rise.") +
                         article("full-2", "Tony Blair said the unions had been heard."));
  for (const char* method : {"auto", "slots"}) {
    const auto r = testing::run(NEWSDEX_SEARCH_BIN, {"--db", db, "--format", "jsonl", "--limit", "0", "--facet",
                                                     "person", "--facet-method", method, "*"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const json j = json::parse(r.out.substr(0, r.out.find('\n')));
    ASSERT_EQ(j["facets"]["person"]["values"].size(), 1u) << method << ": " << r.out;
    EXPECT_EQ(j["facets"]["person"]["values"][0]["label"], "Tony Blair");
    EXPECT_EQ(j["facets"]["person"]["values"][0]["count"], 3);
  }
}

// A name with no listed given name, found with evidence in two articles ("Sprinter
// Haralabos Kenteris said"), and written plainly in others.
const std::string KENTERIS_NAMED = article("named-1", "Greek sprinter Haralabos Kenteris said he had done nothing wrong.") +
                                   article("named-2", "The athlete Haralabos Kenteris said he would appeal.");
const std::string KENTERIS_PLAIN =
    article("plain", "The hearing into Haralabos Kenteris and Katerina Thanou was put off until June.");

TEST(KnownNames, AnArticleThatWritesANameTheArchiveKnowsNamesThePerson) {
  const testing::IndexedCorpus corpus(KENTERIS_NAMED + KENTERIS_PLAIN +
                                      article("inside", "The Haralabos Kenteris Stadium was put up for sale.") +
                                      article("lower", "a haralabos kenteris fan club met in the hall."));
  const auto found = people_of(corpus, "person:\"Haralabos Kenteris\"");
  ASSERT_EQ(found.count("plain"), 1u) << "the name written without evidence names him";
  EXPECT_EQ(found.at("plain"), (std::vector<std::string>{"Haralabos Kenteris", "Katerina Thanou"})) << "in order of mention";
  EXPECT_EQ(found.count("inside"), 0u) << "inside a longer name it is not his";
  EXPECT_EQ(found.count("lower"), 0u) << "not written as a name";
  EXPECT_EQ(person_facet(corpus).at("Haralabos Kenteris"), 3);
}

TEST(KnownNames, ANameFoundOnceOrInFewOfTheArticlesWritingItIsNoEvidence) {
  // Found once: not enough, without a listed given name.
  EXPECT_EQ(people_of(testing::IndexedCorpus(article("named", "Greek sprinter Haralabos Kenteris said he had done nothing wrong.") +
                                             KENTERIS_PLAIN),
                      "person:\"Haralabos Kenteris\"")
                .count("plain"),
            0u);
  // Found twice among eleven articles that write it: the extractor's evidence was more
  // likely wrong twice than right.
  std::string plain;
  for (int i = 0; i < 9; ++i)
    plain += article("plain-" + std::to_string(i), "The hearing into Haralabos Kenteris and Katerina Thanou was put off until day " +
                                                       std::to_string(i) + ".");
  EXPECT_EQ(people_of(testing::IndexedCorpus(KENTERIS_NAMED + plain), "person:\"Haralabos Kenteris\"").size(), 2u);
}

TEST(KnownNames, AnEarlierArticleIsNamedWhenALaterRunMakesTheNameKnown) {
  // A small later run is copied into the archive; a large one is compacted with it.
  for (const int before : {20, 0}) {
    testing::TempDir dir;
    const auto found =
        people_of(index_two_runs(dir, fillers(before) + KENTERIS_PLAIN, KENTERIS_NAMED), "person:\"Haralabos Kenteris\"");
    ASSERT_EQ(found.count("plain"), 1u) << before << " articles before";
    EXPECT_EQ(found.at("plain"), (std::vector<std::string>{"Haralabos Kenteris", "Katerina Thanou"}));
    EXPECT_EQ(found.size(), 3u);
  }
}

TEST(KnownNames, TheSecondArticleToNameThePersonMakesTheNameKnownToTheArchive) {
  const std::string named_1 = KENTERIS_NAMED.substr(0, KENTERIS_NAMED.find('\n') + 1);
  const std::string named_2 = KENTERIS_NAMED.substr(KENTERIS_NAMED.find('\n') + 1);
  for (const int before : {20, 0}) {
    testing::TempDir dir;
    const auto found = people_of(index_two_runs(dir, fillers(before) + named_1 + KENTERIS_PLAIN, named_2),
                                 "person:\"Haralabos Kenteris\"");
    EXPECT_EQ(found.count("plain"), 1u) << before << " articles before";
  }
}

TEST(KnownNames, ALaterRunsArticleIsNamedFromTheArchive) {
  testing::TempDir dir;
  const auto found =
      people_of(index_two_runs(dir, fillers(20) + KENTERIS_NAMED, KENTERIS_PLAIN), "person:\"Haralabos Kenteris\"");
  ASSERT_EQ(found.count("plain"), 1u);
  EXPECT_EQ(found.at("plain"), (std::vector<std::string>{"Haralabos Kenteris", "Katerina Thanou"}));
}

TEST(KnownNames, ABareSurnameInTheArticleJoinsTheName) {
  const testing::IndexedCorpus corpus(
      KENTERIS_NAMED +
      article("plain", "The hearing into Haralabos Kenteris was put off. Mr Kenteris said he would wait."));
  const auto found = people_of(corpus, "person:\"Haralabos Kenteris\"");
  ASSERT_EQ(found.count("plain"), 1u);
  EXPECT_EQ(found.at("plain"), std::vector<std::string>{"Haralabos Kenteris"});
}

}  // namespace
}  // namespace newsdex
