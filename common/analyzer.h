// The analysis chain, used by the indexer on article text and by the searcher on every
// free-text part of a query, so that the two can never drift apart:
//   ICU word boundaries -> NFKC case folding -> accent folding -> token clean-up
//   (possessive 's, acronyms such as U.S.) -> stop words -> Snowball stem (Xapian::Stem).
// An Analyzer holds ICU iterators and is not thread-safe: use one per thread.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace newsdex {

// One word of a text, as the analyser sees it.
struct Token {
  std::string term;        // folded form, as indexed unprefixed and typed in queries
  std::size_t begin = 0;   // byte offsets of the word in the input text
  std::size_t end = 0;
};

class Analyzer {
 public:
  Analyzer();
  ~Analyzer();
  Analyzer(Analyzer&&) noexcept;
  Analyzer& operator=(Analyzer&&) noexcept;

  // Case- and accent-folds a piece of text (any script). Invalid UTF-8 becomes U+FFFD.
  std::string fold(std::string_view utf8) const;

  // Splits text into folded words, in order. Punctuation and spaces yield nothing.
  void for_each_token(std::string_view utf8, const std::function<void(const Token&)>& on_token);
  std::vector<std::string> terms(std::string_view utf8);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// True for the common English words that carry no meaning for ranking. They are still
// indexed with positions (so phrases match across them) but never stemmed or scored.
bool is_stop_word(std::string_view folded_term);
const std::vector<std::string>& stop_words();

// The longest term Xapian accepts is 245 bytes; longer words are truncated to this many
// bytes (on a UTF-8 character boundary), leaving room for a prefix.
inline constexpr std::size_t MAX_TERM_BYTES = 200;

}  // namespace newsdex
