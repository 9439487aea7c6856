#include "country_table.h"

#include <gtest/gtest.h>

namespace newsdex {
namespace {

TEST(CountryTable, FindsCodesByCodeAndNameInSeveralLanguages) {
  const auto& table = CountryTable::instance();
  EXPECT_EQ(table.code_for("BY"), "BY");
  EXPECT_EQ(table.code_for("by"), "BY");
  EXPECT_EQ(table.code_for("Belarus"), "BY");
  EXPECT_EQ(table.code_for("BELARUS"), "BY");
  // Names in other languages, as ICU 72 spells them (its German name is "Belarus").
  EXPECT_EQ(table.code_for("Biélorussie"), "BY");
  EXPECT_EQ(table.code_for("bielorussie"), "BY");
  EXPECT_EQ(table.code_for("Беларусь"), "BY");
  EXPECT_EQ(table.code_for("白俄罗斯"), "BY");
  EXPECT_EQ(table.code_for("Deutschland"), "DE");
  EXPECT_EQ(table.code_for("Soviet Union"), "SU");
  EXPECT_FALSE(table.code_for("Atlantis").has_value());
}

TEST(CountryTable, LabelsComeFromIcuInTheAskedLocale) {
  const auto& table = CountryTable::instance();
  EXPECT_EQ(table.label("BY", "en"), "Belarus");
  EXPECT_EQ(table.label("de", "de"), "Deutschland");
  EXPECT_EQ(table.label("SU"), "Soviet Union");
}

}  // namespace
}  // namespace newsdex
