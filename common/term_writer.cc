#include "term_writer.h"

#include <string>
#include <unordered_map>

#include "schema.h"

namespace newsdex {
namespace {

// What the writer needs to know about a folded word, computed once per word and stemmer
// on each thread: news text repeats its words, and Snowball stemming was a large part
// of the indexing time.
struct WordInfo {
  std::string stem;  // empty for words the stemmer removes entirely
};

constexpr std::size_t MAX_CACHED_WORDS = 200'000;  // per stemmer: a few tens of MB at most

std::unordered_map<std::string, WordInfo>& cache_for(const std::string& stemmer) {
  thread_local std::unordered_map<std::string, std::unordered_map<std::string, WordInfo>> caches;
  auto& cache = caches[stemmer];
  if (cache.size() > MAX_CACHED_WORDS) cache.clear();
  return cache;
}

}  // namespace

TermWriter::TermWriter(Analyzer& analyzer, Xapian::Stem stemmer)
    : analyzer_(analyzer), stemmer_(std::move(stemmer)), stemmer_name_(stemmer_.get_description()) {}

void TermWriter::index(Xapian::Document& doc, std::string_view text, std::string_view prefix,
                       Xapian::termcount wdf_boost) {
  auto& cache = cache_for(stemmer_name_);
  // Stems are counted here and written once per distinct stem: each Document::add_term
  // is a lookup in Xapian's std::map of the document's terms.
  std::unordered_map<std::string_view, Xapian::termcount> stems;
  std::string prefixed;
  analyzer_.for_each_token(text, [&](const Token& token) {
    doc.add_posting(token.term, ++position_, 1 + wdf_boost);
    if (!prefix.empty()) {
      prefixed.assign(prefix).append(token.term);
      doc.add_term(prefixed);
    }
    auto [it, inserted] = cache.try_emplace(token.term);
    if (inserted) it->second.stem = stemmer_(token.term);
    if (!it->second.stem.empty()) stems[it->second.stem] += 1 + wdf_boost;
  });
  std::string stem_term(schema::PREFIX_STEM);
  for (const auto& [stem, wdf] : stems) {
    stem_term.resize(schema::PREFIX_STEM.size());
    stem_term += stem;
    doc.add_term(stem_term, wdf);
    if (!prefix.empty()) {
      // Title stems live under "ZS", as TermGenerator writes them for a prefix.
      prefixed.assign(schema::PREFIX_STEM).append(prefix).append(stem);
      doc.add_term(prefixed, wdf / (1 + wdf_boost));
    }
  }
}

void TermWriter::next_field() { position_ += schema::FIELD_POSITION_GAP; }

}  // namespace newsdex
