// Languages: which Snowball stemmer an article or a query gets.
#pragma once

#include <string>
#include <string_view>

#include <xapian.h>

namespace newsdex {

inline constexpr std::string_view DEFAULT_LANGUAGE = "en";

// Normalises a language given as an ISO 639-1 code ("en", "DE") or an English name
// ("english", "German") to the ISO 639-1 code. Returns "" when it is not known.
std::string language_code(std::string_view language);

// The Snowball stemmer for a language code; Xapian's "none" stemmer for languages that
// have no stemmer (Chinese, Japanese, Thai...), so their words are indexed as written.
Xapian::Stem stemmer_for(std::string_view language_code);

}  // namespace newsdex
