#include "query_builder.h"

#include <gtest/gtest.h>

namespace newsdex {
namespace {

class QueryBuilderTest : public ::testing::Test {
 protected:
  Xapian::WritableDatabase db{std::string(), Xapian::DB_BACKEND_INMEMORY};
  QueryBuilder builder{db, "en"};
};

TEST_F(QueryBuilderTest, FoldsWordsButKeepsOperatorsAndFields) {
  EXPECT_EQ(builder.normalise("Zélensky AND title:Peace"), "zelensky AND title:peace");
  EXPECT_EQ(builder.normalise("\"Lukashenko’s visit\" NOT China"), "\"lukashenko visit\" NOT china");
  EXPECT_EQ(builder.normalise("ukrain*"), "ukrain*");
  EXPECT_EQ(builder.normalise("U.S. embargo"), "us. embargo");
}

TEST_F(QueryBuilderTest, SeparatesChineseWords) {
  const std::string normalised = builder.normalise("中国和白俄罗斯");
  // Joined with '-', which QueryParser reads as a phrase of the separate words.
  EXPECT_NE(normalised.find('-'), std::string::npos) << normalised;
}

TEST_F(QueryBuilderTest, StemsFreeTextLikeTheIndexer) {
  const std::string description = builder.build("talks").get_description();
  EXPECT_NE(description.find("Ztalk"), std::string::npos) << description;
}

TEST_F(QueryBuilderTest, RejectsMalformedQueries) {
  EXPECT_THROW(builder.build("\"unbalanced AND ("), QueryError);
}

TEST_F(QueryBuilderTest, FieldsBecomeTheSchemaTerms) {
  auto description = [&](const char* q) { return builder.build(q).get_description(); };
  EXPECT_NE(description("country:Germany").find("Nde"), std::string::npos);
  EXPECT_NE(description("lang:french").find("Lfr"), std::string::npos);
  EXPECT_NE(description("author:\"Tessa Wong\"").find("Atessa wong"), std::string::npos);
  EXPECT_NE(description("date:2023").find("Y2023"), std::string::npos);
  EXPECT_NE(description("date:2023-03").find("M202303"), std::string::npos);
  EXPECT_NE(description("date:2023-03-01").find("D20230301"), std::string::npos);
  EXPECT_NE(description("date:2023-03-01..2023-03-31").find("VALUE_RANGE 0 20230301 20230331"), std::string::npos)
      << description("date:2023-03-01..2023-03-31");
}

TEST_F(QueryBuilderTest, FiltersAreBooleanAndCheckTheirField) {
  const std::string description = builder.filter("country:BY").get_description();
  EXPECT_NE(description.find("Nby"), std::string::npos) << description;
  EXPECT_NE(description.find("0 *"), std::string::npos) << "scaled to no weight: " << description;
  EXPECT_THROW(builder.filter("planet:mars"), QueryError);
  EXPECT_THROW(builder.filter("country"), QueryError);
  EXPECT_THROW(builder.filter("date:someday"), QueryError);
}

TEST_F(QueryBuilderTest, UnknownFieldsAreErrorsButColonsElsewhereAreNot) {
  EXPECT_THROW(builder.build("titel:peace"), QueryError);
  EXPECT_NO_THROW(builder.build("\"ratio 3:1\""));
  EXPECT_NO_THROW(builder.build("meeting at 10:30"));
}

}  // namespace
}  // namespace newsdex
