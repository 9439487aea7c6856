// Near-duplicate detection, the part every database shares: an article's text becomes a
// MinHash sketch of its word shingles (Broder, "On the resemblance and containment of
// documents", 1997), from which the share of shingles two articles have in common (their
// Jaccard similarity) is estimated without either text; LSH bands of the sketch, stored as
// boolean terms, find the articles worth comparing without comparing every pair.
//
// Why MinHash rather than SimHash: its estimate is of the Jaccard similarity of the
// shingle sets itself (the measure the story threshold is stated in), with a known error
// (a standard deviation of at most 0.0625 over 64 hashes), and the bands give a
// candidate probability that can be computed for any similarity (docs/searching.md, Stories).
//
// The indexer writes, for each article with at least SHINGLE_WORDS words of text:
//   schema::SLOT_SKETCH       the sketch (SKETCH_HASHES minima, the high byte of each:
//                             "b-bit minwise hashing", Li and König 2010; two unrelated
//                             minima agree by chance once in 256, which raises an
//                             estimate of 0.7 by 0.001)
//   schema::PREFIX_STORY_BAND STORY_BANDS terms, one per band of BAND_ROWS minima
//   schema::SLOT_STORY        the story key: its own (own_story_key) until the commit
//                             links it to an earlier article it nearly duplicates
//                             (indexer/story_linker.h)
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace newsdex {

// Words per shingle: five consecutive words, as in the near-duplicate literature on news
// and web pages; short enough that an edited sentence changes few of them.
inline constexpr std::size_t SHINGLE_WORDS = 5;
inline constexpr std::size_t SKETCH_HASHES = 64;
// Bands over the first STORY_BANDS x BAND_ROWS minima. Two articles become candidates
// when every minimum of some band agrees: with similarity s, 1 - (1 - s^4)^8, i.e. 0.89
// at 0.7, 0.98 at 0.8, 0.9996 at 0.9, and 0.41 at 0.5 (those are then rejected by
// comparing whole sketches).
inline constexpr std::size_t STORY_BANDS = 8;
inline constexpr std::size_t BAND_ROWS = 4;
// Two articles tell the same story when their sketches agree in at least this share of
// minima (the estimated Jaccard similarity of their 5-word shingle sets).
inline constexpr double STORY_SIMILARITY = 0.7;
// ...and, when both are dated to the day, were published at most this many days apart: a
// correction or an update follows within hours; the same text a week later (a weekly
// central bank statement, a recurring notice) is news again, a story of its own.
inline constexpr long STORY_DAYS = 3;

struct Sketch {
  std::array<std::uint8_t, SKETCH_HASHES> minima{};
  bool operator==(const Sketch&) const = default;
};

// Builds the sketch of one text from its words, in order (the folded words the analyser
// indexes, so that case, accents and punctuation do not make two copies differ).
class ShingleSketcher {
 public:
  ShingleSketcher();
  void add_word(std::string_view folded);
  // The sketch of the words added since the last finish(), and a fresh start; nullopt
  // when they were fewer than SHINGLE_WORDS (no shingle: too short to compare).
  std::optional<Sketch> finish();

 private:
  std::array<std::uint64_t, SHINGLE_WORDS> window_{};  // hashes of the last words, a ring
  std::size_t words_ = 0;
  std::array<std::uint64_t, SKETCH_HASHES> minima_;
};

// The stored form of a sketch (SKETCH_HASHES bytes), and back (nullopt: not one).
std::string encode_sketch(const Sketch& sketch);
std::optional<Sketch> decode_sketch(std::string_view stored);

// The estimated Jaccard similarity of the two texts' shingle sets: the share of equal minima.
double sketch_similarity(const Sketch& a, const Sketch& b);

// The sketch's band terms (schema::PREFIX_STORY_BAND, the band's number, 8 hex digits).
std::vector<std::string> story_band_terms(const Sketch& sketch);

// An article's key before it is linked to another: 16 hex digits, from its id and its
// sketch, so that a new version with other text starts a story of its own while the same
// text read again keeps its key.
std::string own_story_key(std::string_view article_id, const std::optional<Sketch>& sketch);

}  // namespace newsdex
