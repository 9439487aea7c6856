#include "storage/stored_article.h"

#include <gtest/gtest.h>

#include <stdexcept>

namespace newsdex {
namespace {

Article full_article() {
  Article a;
  a.id = "wire-42";
  a.title = "Grain \"Embargo\" \\ talks";
  a.body = "Lukashenko’s talks in Zürich.\nLine two\twith a tab, a NUL ";
  a.body += '\0';
  a.body += " and 北京.";
  a.dateline = "MINSK, March 2";
  a.date = PartialDate{2023, 3, 2};
  a.source = "Example Wire";
  a.url = "https://example.com/a?b=1&c=2";
  a.language = "en";
  a.authors = {"Tessa Wong", "George Wright"};
  a.people = {"Alexander Lukashenko"};
  a.countries = {"BY", "CN"};
  a.mentioned_dates = {PartialDate{2023, 3, 1}, PartialDate{2022, 9, 0}};
  a.given = {{"lukashenko"}, {"belarus", "china"}, {"grain"}};
  return a;
}

TEST(StoredArticle, KeepsEveryFieldThroughARoundTrip) {
  const Article a = full_article();
  const Article b = decode_stored_article(encode_stored_article(a));
  EXPECT_EQ(b.id, a.id);
  EXPECT_EQ(b.title, a.title);
  EXPECT_EQ(b.body, a.body);
  EXPECT_EQ(b.dateline, a.dateline);
  EXPECT_EQ(b.date, a.date);
  EXPECT_EQ(b.source, a.source);
  EXPECT_EQ(b.url, a.url);
  EXPECT_EQ(b.language, a.language);
  EXPECT_EQ(b.authors, a.authors);
  EXPECT_EQ(b.people, a.people);
  EXPECT_EQ(b.countries, a.countries);
  EXPECT_EQ(b.mentioned_dates, a.mentioned_dates);
  EXPECT_EQ(b.given.people, a.given.people);
  EXPECT_EQ(b.given.places, a.given.places);
  EXPECT_EQ(b.given.topics, a.given.topics);
}

TEST(StoredArticle, IsOneJsonObjectWithTheDocumentedKeys) {
  const std::string data = encode_stored_article(full_article());
  ASSERT_FALSE(data.empty());
  EXPECT_EQ(data.front(), '{');
  EXPECT_EQ(data.back(), '}');
  for (const char* key : {"\"id\":", "\"title\":", "\"date\":\"2023-03-02\"", "\"source\":", "\"url\":",
                          "\"dateline\":", "\"language\":", "\"authors\":", "\"people\":", "\"countries\":",
                          "\"mentioned_dates\":[\"2023-03-01\",\"2022-09\"]", "\"given\":", "\"text\":"})
    EXPECT_NE(data.find(key), std::string::npos) << key << " in " << data;
}

TEST(StoredArticle, RepairsInvalidUtf8RatherThanStoringIt) {
  Article a = full_article();
  a.body = "caf\xE9 au lait";  // latin-1, not UTF-8
  a.people = {"Jos\xE9"};
  const Article b = decode_stored_article(encode_stored_article(a));
  EXPECT_EQ(b.body, "caf\xEF\xBF\xBD au lait");
  EXPECT_EQ(b.people, std::vector<std::string>{"Jos\xEF\xBF\xBD"});
  EXPECT_EQ(b.title, a.title);
}

TEST(StoredArticle, KeepsTheMarkOfADerivedTitleAndWritesItOnlyWhenSet) {
  Article a = full_article();
  EXPECT_EQ(encode_stored_article(a).find("title_derived"), std::string::npos);
  EXPECT_FALSE(decode_stored_article(encode_stored_article(a)).title_derived);
  a.title_derived = true;
  const std::string data = encode_stored_article(a);
  EXPECT_NE(data.find("\"title_derived\":true"), std::string::npos) << data;
  EXPECT_TRUE(decode_stored_article(data).title_derived);
}

TEST(StoredArticle, RejectsDataThatIsNoArticle) {
  EXPECT_THROW(decode_stored_article("not json"), std::runtime_error);
  EXPECT_THROW(decode_stored_article("[1, 2]"), std::runtime_error);
  EXPECT_THROW(decode_stored_article(""), std::runtime_error);
}

}  // namespace
}  // namespace newsdex
