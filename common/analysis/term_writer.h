// Writes analysed text into a Xapian::Document following the conventions of Xapian's
// own TermGenerator, so that QueryParser (STEM_SOME, phrases, NEAR, wildcards) works on
// newsdex terms: the folded word with positions, and Z + stem without positions.
// Stop words are written like every other word: QueryParser's stopper drops them from
// queries with other words (so they never weigh in ranking), phrases match across them
// through their positions, and a query of stop words alone, which QueryParser keeps and
// stems, still finds the articles that contain them.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include <xapian.h>

#include "analysis/analyzer.h"

namespace newsdex {

class ShingleSketcher;

// At most this many words of one article are indexed (title, dateline and text
// together); the rest is cut and the article reported. Indexed whole, a huge text of
// distinct words takes gigabytes and a minute (docs/measurements.md, Figures behind the
// code's limits); Lucene's classic limit was 10,000 words, this one keeps a 1,000-page book.
inline constexpr std::size_t MAX_WORDS_PER_ARTICLE = 200000;

class TermWriter {
 public:
  TermWriter(Analyzer& analyzer, Xapian::Stem stemmer);

  // Indexes `text` into `doc`. Unprefixed terms carry positions; with a non-empty
  // `prefix` (e.g. schema::PREFIX_TITLE) the prefixed terms are written too, at the same
  // positions (their stems without). `wdf_boost` is added to each unprefixed occurrence's wdf.
  // `sketcher`, when given, sees every indexed word in order (for the story sketch).
  void index(Xapian::Document& doc, std::string_view text, std::string_view prefix = {},
             Xapian::termcount wdf_boost = 0, ShingleSketcher* sketcher = nullptr);

  // Leaves a gap in positions before the next field, so phrases never span two fields.
  void next_field();

  // Whether words were left out: past MAX_WORDS_PER_ARTICLE.
  bool truncated() const { return truncated_; }

 private:
  Analyzer& analyzer_;
  Xapian::Stem stemmer_;
  std::string stemmer_name_;  // Xapian::Stem::get_description(), keys the stem cache
  Xapian::termpos position_ = 0;
  std::size_t words_ = 0;
  bool truncated_ = false;
};

}  // namespace newsdex
