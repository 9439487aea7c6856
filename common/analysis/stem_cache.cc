#include "analysis/stem_cache.h"

#include <string>
#include <unordered_map>

#include "analysis/language.h"

namespace newsdex {
namespace {

class CachedStem : public Xapian::StemImplementation {
 public:
  CachedStem(Xapian::Stem stemmer, std::size_t max_words) : stemmer_(std::move(stemmer)), max_words_(max_words) {}

  std::string operator()(const std::string& word) override {
    if (auto it = stems_.find(word); it != stems_.end()) return it->second;
    if (stems_.size() >= max_words_) stems_.clear();
    return stems_.emplace(word, stemmer_(word)).first->second;
  }

  std::string get_description() const override { return "cached " + stemmer_.get_description(); }

 private:
  Xapian::Stem stemmer_;
  std::size_t max_words_;
  std::unordered_map<std::string, std::string> stems_;
};

}  // namespace

const Xapian::Stem& StemmersByLanguage::operator()(const std::string& language_code) {
  auto [it, added] = stemmers_.try_emplace(language_code);
  if (added) it->second = with_stem_cache(stemmer_for(language_code));
  return it->second;
}

Xapian::Stem with_stem_cache(Xapian::Stem stemmer, std::size_t max_words) {
  // "none" stays itself: QueryParser and snippets skip stemming altogether for it.
  if (stemmer.is_none()) return stemmer;
  return Xapian::Stem(new CachedStem(std::move(stemmer), max_words));
}

}  // namespace newsdex
