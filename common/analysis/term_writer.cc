#include "analysis/term_writer.h"

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/schema.h"
#include "analysis/story_sketch.h"

namespace newsdex {
namespace {

// What the writer knows about the folded words and stems it has seen, per stemmer and
// thread: news text repeats its words, and Snowball stemming was a large part of the
// indexing time. A word leads to its stem once; a stem carries its "Z" term, ready to
// write, and its wdf in the text being indexed, so each word costs one hash lookup.
struct StemInfo {
  std::string term;              // PREFIX_STEM + stem
  std::uint64_t counted_in = 0;  // the index() call that `wdf` belongs to
  Xapian::termcount wdf = 0;
};

struct StemCache {
  std::unordered_map<std::string, StemInfo*> words;  // nullptr: the stemmer removes the word
  std::unordered_map<std::string, StemInfo> stems;   // node-based: StemInfo pointers stay valid
  std::uint64_t calls = 0;
  std::vector<StemInfo*> counted;  // the stems of the text being indexed, in order
};

constexpr std::size_t MAX_CACHED_WORDS = 200'000;  // per stemmer: a few tens of MB at most

StemCache& cache_for(const std::string& stemmer) {
  thread_local std::unordered_map<std::string, StemCache> caches;
  auto& cache = caches[stemmer];
  if (cache.words.size() > MAX_CACHED_WORDS) {
    cache.words.clear();
    cache.stems.clear();
  }
  return cache;
}

}  // namespace

TermWriter::TermWriter(Analyzer& analyzer, Xapian::Stem stemmer)
    : analyzer_(analyzer), stemmer_(std::move(stemmer)), stemmer_name_(stemmer_.get_description()) {}

void TermWriter::index(Xapian::Document& doc, std::string_view text, std::string_view prefix,
                       Xapian::termcount wdf_boost, ShingleSketcher* sketcher) {
  StemCache& cache = cache_for(stemmer_name_);
  const std::uint64_t call = ++cache.calls;
  // Stems are counted here and written once per distinct stem: each Document::add_term
  // is a lookup in Xapian's std::map of the document's terms.
  cache.counted.clear();
  std::string prefixed;
  analyzer_.for_each_token(text, [&](const Token& token) {
    if (words_ >= MAX_WORDS_PER_ARTICLE) {
      truncated_ = true;
      return;
    }
    ++words_;
    doc.add_posting(token.term, ++position_, 1 + wdf_boost);
    if (sketcher) sketcher->add_word(token.term);
    if (!prefix.empty()) {
      // At the word's own position, so that a phrase inside the field (title:"oil
      // prices") matches, for a few per cent more index (docs/measurements.md).
      prefixed.assign(prefix).append(token.term);
      doc.add_posting(prefixed, position_);
    }
    auto [word, inserted] = cache.words.try_emplace(token.term, nullptr);
    if (inserted) {
      std::string stem = stemmer_(token.term);
      if (!stem.empty()) {
        auto [it, added] = cache.stems.try_emplace(stem);
        if (added) it->second.term.assign(schema::PREFIX_STEM).append(stem);
        word->second = &it->second;
      }
    }
    StemInfo* stem = word->second;
    if (!stem) return;
    if (stem->counted_in != call) {
      stem->counted_in = call;
      stem->wdf = 0;
      cache.counted.push_back(stem);
    }
    stem->wdf += 1 + wdf_boost;
  });
  for (const StemInfo* stem : cache.counted) {
    doc.add_term(stem->term, stem->wdf);
    if (!prefix.empty()) {
      // Title stems live under "ZS", as TermGenerator writes them for a prefix.
      prefixed.assign(schema::PREFIX_STEM).append(prefix).append(stem->term, schema::PREFIX_STEM.size());
      doc.add_term(prefixed, stem->wdf / (1 + wdf_boost));
    }
  }
}

void TermWriter::next_field() { position_ += schema::FIELD_POSITION_GAP; }

}  // namespace newsdex
