#include "entities/country_table.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "core/schema.h"

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

TEST(CountryTable, FindsRegionsByCodeNameAdjectiveAndAbbreviation) {
  const auto& table = CountryTable::instance();
  EXPECT_EQ(table.region_for("GB-SCT"), "GB-SCT");
  EXPECT_EQ(table.region_for("gb-sct"), "GB-SCT");
  EXPECT_EQ(table.region_for("Scotland"), "GB-SCT");
  EXPECT_EQ(table.region_for("scottish"), "GB-SCT");
  EXPECT_EQ(table.region_for("northern ireland"), "GB-NIR");
  EXPECT_EQ(table.region_for("Calif."), "US-CA");
  EXPECT_EQ(table.region_for("new york"), "US-NY");
  EXPECT_EQ(table.region_for("Georgia"), "US-GA");  // as a region: the state
  EXPECT_FALSE(table.region_for("Belarus").has_value());
  EXPECT_FALSE(table.region_for("GB").has_value());
  EXPECT_EQ(table.region_label("gb-wls"), "Wales");
  EXPECT_EQ(table.region_label("US-WA"), "Washington");
  // A region without names of its own in running text is found by its label.
  EXPECT_EQ(table.region_for("Victoria"), "AU-VIC");
  EXPECT_EQ(table.region_for("washington"), "US-WA");
  EXPECT_EQ(table.region_label("XX-YY"), "XX-YY");
  // The nations still name their country.
  EXPECT_EQ(table.code_for("Scotland"), "GB");
  EXPECT_EQ(table.code_for("Welsh"), "GB");
}

TEST(CountryTable, ReadsSlugsAsTheNamesTheySpell) {
  // As Reuters writes its places ("new-zealand"), and URLs write names.
  const auto& table = CountryTable::instance();
  EXPECT_EQ(table.code_for("new-zealand"), "NZ");
  EXPECT_EQ(table.code_for("Hong-Kong"), "HK");
  EXPECT_EQ(table.region_for("new-south-wales"), "AU-NSW");
  EXPECT_EQ(table.code_for("no-such-land"), std::nullopt);
  // A region's code is not a slug of a country's name.
  EXPECT_EQ(table.code_for("gb-sct"), std::nullopt);
  EXPECT_EQ(table.region_for("gb-sct"), "GB-SCT");
}

TEST(CountryTable, EveryRegionHasAFacetSlotAndAKnownCountry) {
  // The region facet has no overflow slots: it must have one slot for every region.
  const auto& regions = CountryTable::instance().region_codes();
  EXPECT_GE(regions.size(), 4u + 51u + 13u + 8u);
  EXPECT_LE(regions.size(), schema::SLOTS_REGION.count);
  const auto& codes = CountryTable::instance().codes();
  for (const auto& region : regions)
    EXPECT_TRUE(std::binary_search(codes.begin(), codes.end(), region.substr(0, 2))) << region;
}

TEST(CountryTable, LabelsComeFromIcuInTheAskedLocale) {
  const auto& table = CountryTable::instance();
  EXPECT_EQ(table.label("BY", "en"), "Belarus");
  EXPECT_EQ(table.label("de", "de"), "Deutschland");
  EXPECT_EQ(table.label("SU"), "Soviet Union");
}

TEST(CountryTable, KnowsShortFormsAdjectivesAndHistoricalStatesFromItsData) {
  const auto& table = CountryTable::instance();
  EXPECT_EQ(table.code_for("U.S."), "US");
  EXPECT_EQ(table.code_for("Britain"), "GB");
  EXPECT_EQ(table.code_for("Belarusian"), "BY");
  EXPECT_EQ(table.code_for("Soviet"), "SU");
  EXPECT_EQ(table.code_for("Cote d'Ivoire"), "CI");
  EXPECT_EQ(table.code_for("East Germany"), "DD");
  EXPECT_EQ(table.code_for("Yugoslav"), "YU");
  // Ambiguous words are not country names on their own, but ICU's name still is.
  EXPECT_EQ(table.code_for("Georgia"), "GE");
  EXPECT_FALSE(table.code_for("Moscow").has_value());  // a capital is not the country's name
  for (const char* code : {"SU", "DD", "CS", "YU", "YD", "AN"}) {
    EXPECT_TRUE(std::binary_search(table.codes().begin(), table.codes().end(), code)) << code;
    EXPECT_NE(table.label(code), code) << code;
  }
  EXPECT_EQ(table.label("YU"), "Yugoslavia");
  EXPECT_EQ(table.label("DD", "de"), "East Germany");  // ICU has no name for former states
}

TEST(CountryTable, PhrasesForExtraction) {
  const auto& table = CountryTable::instance();
  const auto* guinea = table.phrases("papua new guinea");
  ASSERT_NE(guinea, nullptr);
  EXPECT_EQ(guinea->front().code, "PG");
  const auto* georgia = table.phrases("georgia");
  ASSERT_NE(georgia, nullptr);
  EXPECT_EQ(georgia->size(), 2u);  // the country and the US state, both marked ambiguous
  for (const auto& reading : *georgia) EXPECT_TRUE(reading.ambiguous);
  const auto* beijing = table.phrases("beijing");
  ASSERT_NE(beijing, nullptr);
  EXPECT_EQ(beijing->front().kind, CountryNameKind::CAPITAL);
  const auto* us = table.phrases("us");
  ASSERT_NE(us, nullptr);
  EXPECT_TRUE(us->front().acronym);
  EXPECT_EQ(table.phrases("portland"), nullptr);
  ASSERT_NE(table.dateline_place("ore"), nullptr);
  EXPECT_EQ(table.dateline_place("ore")->front().code, "US");
  EXPECT_EQ(table.dateline_place(dotless_key("n.j."))->front().code, "US");
  EXPECT_TRUE(table.starts_phrase("ivory"));
  EXPECT_GE(table.longest_phrase(), 4u);  // "People's Republic of China"
}

TEST(CountryTable, FormerStatesByPublicationDate) {
  const auto& table = CountryTable::instance();
  EXPECT_EQ(table.code_at("RU", PartialDate{1987, 3, 2}), "SU");
  EXPECT_EQ(table.code_at("UA", PartialDate{1991, 12, 25}), "SU");
  EXPECT_EQ(table.code_at("UA", PartialDate{1991, 12, 26}), "UA");
  EXPECT_EQ(table.code_at("SK", PartialDate{1992, 6, 1}), "CS");
  EXPECT_EQ(table.code_at("HR", PartialDate{1990, 1, 1}), "YU");
  EXPECT_EQ(table.code_at("RU", std::nullopt), "RU");
  EXPECT_EQ(table.code_at("FR", PartialDate{1987, 3, 2}), "FR");
}

}  // namespace
}  // namespace newsdex
