// The seed article (seeds/000_...txt), read by the real reader and extracted, must come
// out exactly as worked out by hand. Its file carries no date; it was published the day
// after "Wednesday (March 1)", so the test gives it 2023-03-02.
#include <gtest/gtest.h>

#include <fstream>

#include "core/diagnostics.h"
#include "entities/entity_extractor.h"
#include "plain_text_reader.h"

namespace newsdex {
namespace {

Article read_seed() {
  std::ifstream in(std::string(NEWSDEX_SEEDS_DIR) + "/000_350c6e58df6e67c7.txt", std::ios::binary);
  Diagnostics diagnostics;
  PlainTextReader reader(in, "000_350c6e58df6e67c7.txt", "000_350c6e58df6e67c7", diagnostics);
  Article article;
  EXPECT_TRUE(reader.next(article));
  return article;
}

TEST(EntitySeed, PeopleCountriesAuthorsAndDatesAreExact) {
  Article article = read_seed();
  article.date = PartialDate{2023, 3, 2};
  EntityExtractor extractor;
  extractor.extract(article);

  // Bylines are authors, never people mentioned.
  EXPECT_EQ(article.authors, (std::vector<std::string>{"Tessa Wong", "George Wright"}));
  // Full names as first written; "Lukashenko said", "Xi", "Blinken", "Zelensky's" join
  // them; titles ("Chinese President", "spokesman") and possessives are gone; BelTa, BBC
  // Monitoring, Cold War and sentence-initial words are not people.
  EXPECT_EQ(article.people, (std::vector<std::string>{"Xi Jinping", "Alexander Lukashenko", "Vladimir Putin",
                                                      "Wang Yi", "Antony Blinken", "Volodymyr Zelensky",
                                                      "Wang Wenbin"}));
  // In order of first mention: the title's China, Belarus, Ukraine; "Russian"; "U.S.";
  // Pakistan; the Central Asian five; "former Soviet republics". Beijing, Moscow and
  // Kiev name countries already counted.
  EXPECT_EQ(article.countries, (std::vector<std::string>{"CN", "BY", "UA", "RU", "US", "PK", "KZ", "UZ", "KG",
                                                         "TJ", "TM", "SU"}));
  // "last week" (the week of 20 February), "Wednesday (March 1)", "September last year".
  std::vector<std::string> dates;
  for (const auto& d : article.mentioned_dates) dates.push_back(d.to_iso());
  EXPECT_EQ(dates, (std::vector<std::string>{"2023-02", "2023-03-01", "2022-09"}));
}

TEST(EntitySeed, WithoutAPublicationDateOnlyAbsoluteDatesAreResolved) {
  Article article = read_seed();
  ASSERT_FALSE(article.date.has_value());
  EntityExtractor extractor;
  extractor.extract(article);
  EXPECT_TRUE(article.mentioned_dates.empty());
  EXPECT_EQ(article.people.size(), 7u);
}

TEST(EntitySeed, ExtractingTwiceAddsNothing) {
  Article article = read_seed();
  article.date = PartialDate{2023, 3, 2};
  EntityExtractor extractor;
  extractor.extract(article);
  const Article once = article;
  extractor.extract(article);
  EXPECT_EQ(article.people, once.people);
  EXPECT_EQ(article.countries, once.countries);
  EXPECT_EQ(article.mentioned_dates, once.mentioned_dates);
}

}  // namespace
}  // namespace newsdex
