// The query side of the analysis chain: rewrites the free-text parts of a query the
// way the indexer analysed article text, leaving Xapian QueryParser syntax (operators,
// quotes, brackets, +/-, wildcards, field prefixes) for QueryParser to read.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/analyzer.h"

namespace newsdex {

// One token of a query as the analysis chain read it: where it stands in the text as
// typed and what QueryParser is given for it. Kept by whoever needs the query's words
// again (the spelling suggestion), so that the text is analysed once.
struct QueryToken {
  enum class Kind { WORD, OPERATOR, FIELD };
  std::size_t begin = 0;  // bytes of the text as typed
  std::size_t end = 0;
  std::string term;       // a WORD's folded form; an OPERATOR or FIELD as typed
  Kind kind = Kind::WORD;
};

// Returns the query with each word replaced by its folded form (Analyzer::for_each_token)
// and everything between words kept as typed. Operators (AND, OR, NOT, XOR, NEAR, ADJ)
// stay upper-case. Words that ICU found with nothing between them (CJK, Thai) are joined
// with '-', which QueryParser reads as a phrase, matching their consecutive positions.
// `is_field(name)` says whether `name:` starts a field prefix that must stay as typed.
// `words`, if given, receives the number of words, operators and field names not counted;
// `tokens`, if given, every token in order.
std::string normalise_query_text(Analyzer& analyzer, std::string_view text,
                                 const std::function<bool(std::string_view)>& is_field,
                                 std::size_t* words = nullptr, std::vector<QueryToken>* tokens = nullptr);

}  // namespace newsdex
