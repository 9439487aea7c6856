#include "document_builder.h"

#include <gtest/gtest.h>

#include <set>

#include "core/schema.h"
#include "storage/stored_article.h"

namespace newsdex {
namespace {

std::set<std::string> terms_of(const Xapian::Document& doc) {
  std::set<std::string> terms;
  for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it) terms.insert(*it);
  return terms;
}

Article sample() {
  Article a;
  a.id = "wire-42";
  a.title = "Grain Embargo";
  a.body = "Lukashenko’s talks in Zürich";
  a.date = PartialDate{2023, 3, 2};
  a.source = "Example Wire";
  a.authors = {"Tessa Wong"};
  a.people = {"Alexander Lukashenko"};
  a.countries = {"BY", "CN"};
  a.mentioned_dates = {PartialDate{2023, 3, 1}, PartialDate{2022, 9, 0}};
  return a;
}

TEST(DocumentBuilder, WritesTheSchemaTerms) {
  DocumentBuilder builder("en");
  const auto terms = terms_of(builder.build(sample()));
  for (const char* expected :
       {"Qwire-42", "grain", "Sgrain", "Zgrain", "ZSgrain", "embargo", "lukashenko", "zurich", "Zlukashenko",
        "Atessa wong", "XPalexander lukashenko", "Nby", "Ncn", "D20230302", "M202303", "Y2023", "XM20230301",
        "XM202209", "XSexample wire", "Len"}) {
    EXPECT_TRUE(terms.contains(expected)) << "missing term " << expected;
  }
  EXPECT_TRUE(terms.contains("Zin")) << "stop words are stemmed too, for queries of stop words alone";
  EXPECT_TRUE(terms.contains("in")) << "stop words keep their positions";
}

TEST(DocumentBuilder, StoresDateValueAndFields) {
  DocumentBuilder builder("en");
  const Xapian::Document doc = builder.build(sample());
  EXPECT_EQ(doc.get_value(schema::SLOT_DATE), "20230302");
  const Article stored = decode_stored_article(doc.get_data());
  EXPECT_EQ(stored.id, "wire-42");
  EXPECT_EQ(stored.people, std::vector<std::string>{"Alexander Lukashenko"});
  ASSERT_EQ(stored.mentioned_dates.size(), 2u);
  EXPECT_EQ(stored.mentioned_dates[1].to_iso(), "2022-09");
}

TEST(DocumentBuilder, TitleWordsOutweighBodyWords) {
  DocumentBuilder builder("en");
  Article a;
  a.id = "x";
  a.title = "cocoa";
  a.body = "coffee";
  const Xapian::Document doc = builder.build(a);
  auto wdf = [&](const std::string& term) {
    auto it = doc.termlist_begin();
    it.skip_to(term);
    return it != doc.termlist_end() && *it == term ? it.get_wdf() : 0u;
  };
  EXPECT_GT(wdf("cocoa"), wdf("coffee"));
}

TEST(DocumentBuilder, PhrasesDoNotSpanTitleAndBody) {
  DocumentBuilder builder("en");
  Article a;
  a.id = "x";
  a.title = "alpha";
  a.body = "beta";
  const Xapian::Document doc = builder.build(a);
  auto first_position = [&](const std::string& term) {
    auto it = doc.termlist_begin();
    it.skip_to(term);
    return *it.positionlist_begin();
  };
  EXPECT_GE(first_position("beta") - first_position("alpha"), schema::FIELD_POSITION_GAP);
}

}  // namespace
}  // namespace newsdex
