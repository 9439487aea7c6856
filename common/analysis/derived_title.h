// A title for an article that came without one (a JSON or CSV record with text only):
// its first sentence, found by ICU's sentence BreakIterator, so lists of articles show
// what each is about instead of a blank. Articles mark such titles as derived
// (Article::title_derived) so they are never mistaken for the publisher's.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace newsdex {

// The longest derived title, in characters (code points), before the ellipsis.
inline constexpr std::size_t MAX_DERIVED_TITLE_CHARS = 120;

// The first sentence of `text` (valid UTF-8), white space runs made single spaces; one
// longer than `max_chars` is cut at the last space before the limit (or at the limit) and
// ends with "…". Empty when `text` holds no words. Reads at most a few KB of `text`.
std::string derive_title(std::string_view text, std::size_t max_chars = MAX_DERIVED_TITLE_CHARS);

}  // namespace newsdex
