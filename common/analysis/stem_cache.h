// A Xapian::Stem that remembers the stems it has computed. Snowball stemming costs about
// two thousand instructions a word, and MSet::snippet stems every word of every hit it
// shows: with the cache a word is stemmed once per searcher, not once per occurrence.
// Not thread-safe, like the Xapian::Stem objects a thread keeps for itself.
#pragma once

#include <cstddef>
#include <map>
#include <string>

#include <xapian.h>

namespace newsdex {

// `stemmer` with a cache of at most `max_words` words (cleared when full); Xapian's
// "none" stemmer is returned as it is.
Xapian::Stem with_stem_cache(Xapian::Stem stemmer, std::size_t max_words = 100'000);

// The cached stemmer (stemmer_for, then with_stem_cache) of each language asked for,
// made on first use. Not thread-safe, like the stemmers it holds: one per thread.
class StemmersByLanguage {
 public:
  const Xapian::Stem& operator()(const std::string& language_code);

 private:
  std::map<std::string, Xapian::Stem, std::less<>> stemmers_;
};

}  // namespace newsdex
