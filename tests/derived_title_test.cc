#include "analysis/derived_title.h"

#include <gtest/gtest.h>

namespace newsdex {
namespace {

TEST(DerivedTitle, IsTheFirstSentence) {
  EXPECT_EQ(derive_title("Yukos shares fell again. Traders said the sale was near."), "Yukos shares fell again.");
  EXPECT_EQ(derive_title("  Does it rain?\nYes."), "Does it rain?");
  EXPECT_EQ(derive_title("Mr. Blair met U.S. officials in London. They talked."),
            "Mr. Blair met U.S. officials in London.")
      << "abbreviations end no sentence";
  EXPECT_EQ(derive_title("First paragraph without a stop\n\nSecond paragraph."), "First paragraph without a stop");
  EXPECT_EQ(derive_title("Ölpreise steigen weiter. Händler sind besorgt."), "Ölpreise steigen weiter.");
  EXPECT_EQ(derive_title("A line\nbroken\t\tin  two"), "A line broken in two");
  EXPECT_EQ(derive_title(" \n "), "");
}

TEST(DerivedTitle, ALongSentenceIsCutAtAWordWithAnEllipsis) {
  const std::string sentence =
      "Sella wants Michalak recall Former France centre Philippe Sella believes coach Bernard Laporte must "
      "recall Frederic Michalak to give his side any chance of beating Ireland. Sella admitted more.";
  const std::string title = derive_title(sentence);
  EXPECT_EQ(title, "Sella wants Michalak recall Former France centre Philippe Sella believes coach Bernard Laporte "
                   "must recall Frederic\u2026");
  EXPECT_EQ(derive_title(std::string(500, 'x'), 10), "xxxxxxxxxx\u2026") << "one long word is cut at the limit";
  EXPECT_EQ(derive_title("ééééééééééé", 4), "éééé\u2026") << "characters, not bytes";
  const std::string huge(1 << 20, 'y');
  EXPECT_EQ(derive_title(huge).size(), MAX_DERIVED_TITLE_CHARS + 3);
}

}  // namespace
}  // namespace newsdex
