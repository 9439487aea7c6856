// The query side of the analysis chain: what QueryParser is given, and that every news
// token the indexer writes is found again through QueryBuilder (normalisation followed by
// Xapian's QueryParser), in an in-memory database built with TermWriter.
#include "analysis/query_text.h"

#include <gtest/gtest.h>

#include <xapian.h>

#include "analysis/language.h"
#include "query_builder.h"
#include "core/schema.h"
#include "analysis/term_writer.h"

namespace newsdex {
namespace {

bool is_field(std::string_view name) { return name == "title" || name == "author"; }

struct Rewrite {
  const char* typed;
  const char* normalised;
};
void PrintTo(const Rewrite& r, std::ostream* os) { *os << '"' << r.typed << '"'; }

class QueryText : public ::testing::TestWithParam<Rewrite> {};

TEST_P(QueryText, KeepsTheSyntaxAndFoldsTheWords) {
  Analyzer analyzer;
  EXPECT_EQ(normalise_query_text(analyzer, GetParam().typed, is_field), GetParam().normalised);
}

INSTANTIATE_TEST_SUITE_P(
    Syntax, QueryText,
    ::testing::Values(
        Rewrite{"Zélensky AND \"Élysée Palace\"", "zelensky AND \"elysee palace\""},
        Rewrite{"title:Minsk -Moscow +Kyiv", "title:minsk -moscow +kyiv"},
        Rewrite{"author:Wong OR Title:Beijing", "author:wong OR title:beijing"},
        Rewrite{"LUKASH* NEAR/3 Putin", "lukash* NEAR/3 putin"},
        Rewrite{"(Belarus ADJ China) NOT Ukraine", "(belarus ADJ china) NOT ukraine"},
        Rewrite{"Lukashenko’s U.S. visit", "lukashenko us. visit"},
        Rewrite{"John.Doe@Example.com", "john.doe@example.com"},
        Rewrite{"co-operation COVID-19 $1.5bn 1,750", "co-operation covid-19 $1.5bn 1,750"},
        // Words with nothing between them are joined so that QueryParser reads a phrase.
        Rewrite{"俄罗斯总统", "俄罗斯-总统"},
        Rewrite{"\"北京会见\" OR 東京", "\"北京-会见\" OR 東京"},
        Rewrite{"", ""}));

// One small database: each article is one line of text, indexed the way the indexer
// does (TermWriter, English stemmer, title prefix for the first article).
class QueryRoundTrip : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    db_ = new Xapian::WritableDatabase(std::string(), Xapian::DB_BACKEND_INMEMORY);
    Analyzer analyzer;
    for (const char* text : ARTICLES) {
      Xapian::Document doc;
      TermWriter writer(analyzer, stemmer_for("en"));
      if (db_->get_doccount() == 0) {
        writer.index(doc, "Talks in Beijing", schema::PREFIX_TITLE, schema::TITLE_WDF_BOOST);
        writer.next_field();
      }
      writer.index(doc, text);
      db_->add_document(doc);
    }
  }
  static void TearDownTestSuite() {
    delete db_;
    db_ = nullptr;
  }

  // The 1-based numbers of the articles that match `query`.
  static std::vector<Xapian::docid> matches(const std::string& query) {
    QueryBuilder builder(*db_, "en");
    Xapian::Enquire enquire(*db_);
    enquire.set_query(builder.build(query));
    std::vector<Xapian::docid> out;
    const Xapian::MSet mset = enquire.get_mset(0, 100);
    for (auto m = mset.begin(); m != mset.end(); ++m) out.push_back(*m);
    std::sort(out.begin(), out.end());
    return out;
  }

  static constexpr const char* ARTICLES[] = {
      "The U.S. Treasury said Lukashenko’s government owed $1.5bn, or 1,750 mln roubles, at 5.93 pct.",
      "Contact press@treasury.example.gov or https://www.treasury.example.gov/news/2021-06-01/ for details.",
      "International co-operation against COVID-19 will continue, O'Brien said. They are extremely interested.",
      "L'Élysée a annoncé que le président de la République s'est rendu à Bruxelles.",
      "俄罗斯总统今天在北京会见了白俄罗斯总统。",
      "รัฐบาลไทยประกาศนโยบายเศรษฐกิจใหม่",
      "The president of the bank resigned.",
  };
  static Xapian::WritableDatabase* db_;
};
Xapian::WritableDatabase* QueryRoundTrip::db_ = nullptr;

using Docs = std::vector<Xapian::docid>;

TEST_F(QueryRoundTrip, NewsTokensAreFoundAsTyped) {
  for (const char* query : {"U.S.", "us", "Lukashenko’s", "LUKASHENKO'S", "lukashenko", "$1.5bn", "1.5bn", "1,750",
                            "5.93"})
    EXPECT_EQ(matches(query), (Docs{1})) << query;
  for (const char* query : {"TREASURY", "Treasuries"}) EXPECT_EQ(matches(query), (Docs{1, 2})) << query;
  for (const char* query : {"press@treasury.example.gov", "www.treasury.example.gov",
                            "\"https://www.treasury.example.gov/news/2021-06-01/\"", "example.gov"})
    EXPECT_EQ(matches(query), (Docs{2})) << query;
  for (const char* query : {"co-operation", "COVID-19", "covid", "O'Brien", "o’brien", "cooperation OR co-operation"})
    EXPECT_EQ(matches(query), (Docs{3})) << query;
  for (const char* query : {"Élysée", "elysee", "l'Elysee", "ELYSÉE", "president AND Bruxelles"})
    EXPECT_EQ(matches(query), (Docs{4})) << query;
}

TEST_F(QueryRoundTrip, PhrasesNearAndWildcardsWork) {
  EXPECT_EQ(matches("\"extremely interested\""), (Docs{3}));
  EXPECT_EQ(matches("\"interested extremely\""), (Docs{}));
  // Stop words are not scored but phrases still match across them.
  EXPECT_EQ(matches("\"president of the bank\""), (Docs{7}));
  EXPECT_EQ(matches("\"president the of bank\""), (Docs{}));
  EXPECT_EQ(matches("government NEAR/3 Lukashenko"), (Docs{1}));
  EXPECT_EQ(matches("LUKASH*"), (Docs{1}));
  EXPECT_EQ(matches("title:Beijing"), (Docs{1}));
  EXPECT_EQ(matches("title:Treasury"), (Docs{}));
}

TEST_F(QueryRoundTrip, WordsTakenOutOfCjkAndThaiSentencesAreFound) {
  for (const char* query : {"北京", "会见", "俄罗斯", "总统", "俄罗斯总统", "\"北京会见\""})
    EXPECT_EQ(matches(query), (Docs{5})) << query;
  EXPECT_EQ(matches("总统北京"), (Docs{})) << "CJK words typed together are a phrase";
  for (const char* query : {"ไทย", "นโยบาย", "เศรษฐกิจ", "รัฐบาลไทย"}) EXPECT_EQ(matches(query), (Docs{6})) << query;
}

}  // namespace
}  // namespace newsdex
