// The query side of the analysis chain: rewrites the free-text parts of a query the
// way the indexer analysed article text, leaving Xapian QueryParser syntax (operators,
// quotes, brackets, +/-, wildcards, field prefixes) for QueryParser to read.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

#include "analysis/analyzer.h"

namespace newsdex {

// Returns the query with each word replaced by its folded form (Analyzer::for_each_token)
// and everything between words kept as typed. Operators (AND, OR, NOT, XOR, NEAR, ADJ)
// stay upper-case. Words that ICU found with nothing between them (CJK, Thai) are joined
// with '-', which QueryParser reads as a phrase, matching their consecutive positions.
// `is_field(name)` says whether `name:` starts a field prefix that must stay as typed.
// `words`, if given, receives the number of words, operators and field names not counted.
std::string normalise_query_text(Analyzer& analyzer, std::string_view text,
                                 const std::function<bool(std::string_view)>& is_field,
                                 std::size_t* words = nullptr);

}  // namespace newsdex
