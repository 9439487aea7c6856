// The language of an article that does not name one, from its title and text, by
// Google's Compact Language Detector 2 (Debian's libcld2). Only a language CLD2 calls
// reliable, and one newsdex stems or segments (common/analysis/language.h), is taken; otherwise
// the caller's default applies (--language). Detection decides the article's stemmer,
// its L term (the lang facet and the lang: field) and the language shown in its output.
#pragma once

#include <string>
#include <string_view>

namespace newsdex {

// At most this many bytes of an article are read to tell its language: a news article's
// first few paragraphs decide it as well as the whole, and a book-length text would cost
// its length in time for nothing.
inline constexpr std::size_t LANGUAGE_SAMPLE_BYTES = 8192;

// The ISO 639-1 code of the language `title` and `text` are written in, or "" when CLD2
// is not sure or the language is not one newsdex knows. The text must be valid UTF-8 (as
// every reader hands it over). Thread-safe.
std::string detect_language(std::string_view title, std::string_view text);

}  // namespace newsdex
