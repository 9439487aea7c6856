#include "analysis/story_sketch.h"

#include <algorithm>
#include <limits>

#include <fmt/format.h>

#include "core/schema.h"
#include "core/stable_hash.h"

namespace newsdex {
namespace {

// The hash functions of the sketch: h_i(x) = a_i * x + b_i (mod 2^64), a_i odd, whose
// high bits are a universal family (multiply-shift). The sketch keeps one byte of each minimum.
struct Permutations {
  std::array<std::uint64_t, SKETCH_HASHES> a, b;
  Permutations() {
    std::uint64_t seed = 0x6e657773646578ULL;  // fixed: sketches are stored
    for (std::size_t i = 0; i < SKETCH_HASHES; ++i) {
      a[i] = mix64(seed += 0x9e3779b97f4a7c15ULL) | 1;
      b[i] = mix64(seed += 0x9e3779b97f4a7c15ULL);
    }
  }
};

const Permutations& permutations() {
  static const Permutations PERMUTATIONS;
  return PERMUTATIONS;
}

}  // namespace

ShingleSketcher::ShingleSketcher() { minima_.fill(std::numeric_limits<std::uint64_t>::max()); }

void ShingleSketcher::add_word(std::string_view folded) {
  window_[words_ % SHINGLE_WORDS] = fnv1a_64(folded);
  ++words_;
  if (words_ < SHINGLE_WORDS) return;
  // The shingle's hash, from its words in order (oldest first).
  std::uint64_t shingle = 0;
  for (std::size_t k = 0; k < SHINGLE_WORDS; ++k) shingle = mix64(shingle ^ window_[(words_ + k) % SHINGLE_WORDS]);
  const Permutations& p = permutations();
  for (std::size_t i = 0; i < SKETCH_HASHES; ++i) minima_[i] = std::min(minima_[i], p.a[i] * shingle + p.b[i]);
}

std::optional<Sketch> ShingleSketcher::finish() {
  std::optional<Sketch> sketch;
  if (words_ >= SHINGLE_WORDS) {
    sketch.emplace();
    // The minimum's high bits are mostly zeros (it is the least of many); a byte of its
    // mixed value is as likely to be any of 256, as b-bit minwise hashing assumes.
    for (std::size_t i = 0; i < SKETCH_HASHES; ++i) sketch->minima[i] = static_cast<std::uint8_t>(mix64(minima_[i]));
  }
  words_ = 0;
  minima_.fill(std::numeric_limits<std::uint64_t>::max());
  return sketch;
}

std::string encode_sketch(const Sketch& sketch) {
  return std::string(sketch.minima.begin(), sketch.minima.end());
}

std::optional<Sketch> decode_sketch(std::string_view stored) {
  if (stored.size() != SKETCH_HASHES) return std::nullopt;
  Sketch sketch;
  for (std::size_t i = 0; i < SKETCH_HASHES; ++i) sketch.minima[i] = static_cast<unsigned char>(stored[i]);
  return sketch;
}

double sketch_similarity(const Sketch& a, const Sketch& b) {
  std::size_t equal = 0;
  for (std::size_t i = 0; i < SKETCH_HASHES; ++i) equal += a.minima[i] == b.minima[i];
  return static_cast<double>(equal) / SKETCH_HASHES;
}

std::vector<std::string> story_band_terms(const Sketch& sketch) {
  static_assert(STORY_BANDS * BAND_ROWS <= SKETCH_HASHES && BAND_ROWS * 8 <= 32);
  std::vector<std::string> terms;
  terms.reserve(STORY_BANDS);
  for (std::size_t band = 0; band < STORY_BANDS; ++band) {
    std::uint32_t rows = 0;
    for (std::size_t r = 0; r < BAND_ROWS; ++r) rows = rows << 8 | sketch.minima[band * BAND_ROWS + r];
    terms.push_back(fmt::format("{}{}{:08x}", schema::PREFIX_STORY_BAND, band, rows));
  }
  return terms;
}

std::string own_story_key(std::string_view article_id, const std::optional<Sketch>& sketch) {
  std::uint64_t h = fnv1a_64(article_id);
  if (sketch) h = fnv1a_64(encode_sketch(*sketch), mix64(h));
  return fmt::format("{:016x}", mix64(h));
}

}  // namespace newsdex
