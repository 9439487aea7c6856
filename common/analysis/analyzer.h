// The analysis chain, used by the indexer on article text and by the searcher on every
// free-text part of a query, so that the two can never drift apart:
//   ICU word boundaries -> NFKC case folding -> accent folding -> token clean-up
//   (possessive 's, elisions such as l'Élysée, acronyms such as U.S., e-mail addresses
//   and host names split at '.' and '@') -> stop words -> Snowball stem (Xapian::Stem,
//   applied by TermWriter and by QueryParser).
// Whitespace-delimited pieces of pure ASCII take a fast path that implements ICU's
// word-break rules for ASCII and yields exactly what ICU would (a test compares the two
// on random text); every other piece goes through ICU's BreakIterator, with its
// dictionaries for Chinese, Japanese, Thai, Khmer, Lao and Burmese.
// An Analyzer holds an ICU iterator and buffers: for_each_token needs one Analyzer per thread.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace newsdex {

// One word of a text, as the analyser sees it.
struct Token {
  std::string term;        // folded form (UTF-8), as indexed unprefixed and typed in queries
  std::size_t begin = 0;   // byte offsets of the word in the input text: [begin, end)
  std::size_t end = 0;
};

class Analyzer {
 public:
  // `ascii_fast_path` false sends all text through ICU (for tests and benchmarks that
  // compare the two paths); the terms are the same either way.
  explicit Analyzer(bool ascii_fast_path = true);
  ~Analyzer();
  Analyzer(Analyzer&&) noexcept;
  Analyzer& operator=(Analyzer&&) noexcept;

  // Case- and accent-folds a piece of text (any script). Invalid UTF-8 becomes U+FFFD.
  // Unlike for_each_token, safe to call on one Analyzer from several threads.
  std::string fold(std::string_view utf8) const;

  // Splits UTF-8 text into folded words, in order, calling `on_token(const Token&)` for
  // each. Punctuation and spaces yield nothing. The Token is reused between calls.
  template <typename OnToken>
  void for_each_token(std::string_view utf8, OnToken&& on_token) {
    using Callable = std::remove_reference_t<OnToken>;
    tokenize(utf8, [](void* callable, const Token& token) { (*static_cast<Callable*>(callable))(token); },
             const_cast<void*>(static_cast<const void*>(&on_token)));
  }
  std::vector<std::string> terms(std::string_view utf8);

 private:
  using Sink = void (*)(void* context, const Token& token);
  void tokenize(std::string_view text, Sink sink, void* context);

  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// True for the common English words that carry no meaning for ranking. They are indexed
// like other words (positions, so phrases match across them); QueryParser's stopper
// drops them from any query that has other words, so they never weigh in ranking.
bool is_stop_word(std::string_view folded_term);
const std::vector<std::string>& stop_words();

// The longest term Xapian accepts is 245 bytes; longer words are truncated to this many
// bytes (on a UTF-8 character boundary), leaving room for a prefix.
inline constexpr std::size_t MAX_TERM_BYTES = 200;

}  // namespace newsdex
