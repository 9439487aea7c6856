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
  EXPECT_NE(normalised.find(' '), std::string::npos) << normalised;
}

TEST_F(QueryBuilderTest, StemsFreeTextLikeTheIndexer) {
  const std::string description = builder.build("talks").get_description();
  EXPECT_NE(description.find("Ztalk"), std::string::npos) << description;
}

TEST_F(QueryBuilderTest, RejectsMalformedQueries) {
  EXPECT_THROW(builder.build("\"unbalanced AND ("), QueryError);
}

}  // namespace
}  // namespace newsdex
