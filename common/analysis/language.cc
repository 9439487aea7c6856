#include "analysis/language.h"

#include <algorithm>
#include <array>
#include <utility>

#include "core/ascii_text.h"

namespace newsdex {
namespace {

// Languages with a Snowball stemmer in Xapian 1.4, plus the CJK and South-East Asian
// languages that ICU segments into words but that have no stemmer.
constexpr std::array<std::pair<std::string_view, std::string_view>, 31> LANGUAGES{{
    {"ar", "arabic"},     {"hy", "armenian"},  {"eu", "basque"},     {"ca", "catalan"},
    {"da", "danish"},     {"nl", "dutch"},     {"en", "english"},    {"fi", "finnish"},
    {"fr", "french"},     {"de", "german"},    {"hu", "hungarian"},  {"id", "indonesian"},
    {"ga", "irish"},      {"it", "italian"},   {"lt", "lithuanian"}, {"ne", "nepali"},
    {"nb", "norwegian"},  {"no", "norwegian"}, {"pt", "portuguese"}, {"ro", "romanian"},
    {"ru", "russian"},    {"es", "spanish"},   {"sv", "swedish"},    {"ta", "tamil"},
    {"tr", "turkish"},    {"zh", "chinese"},   {"ja", "japanese"},   {"ko", "korean"},
    {"th", "thai"},       {"el", "greek"},     {"uk", "ukrainian"},
}};

}  // namespace

std::string language_code(std::string_view language) {
  const std::string wanted = lower_ascii(language);
  for (const auto& [code, name] : LANGUAGES) {
    if (wanted == code || wanted == name) return std::string(code);
  }
  // Tags such as "en-GB" or "en_US" reduce to their primary language.
  if (auto cut = wanted.find_first_of("-_"); cut != std::string::npos && cut > 0)
    return language_code(std::string_view(wanted).substr(0, cut));
  return {};
}

Xapian::Stem stemmer_for(std::string_view code) {
  for (const auto& [c, name] : LANGUAGES) {
    if (c == code) {
      try {
        return Xapian::Stem(std::string(name));
      } catch (const Xapian::InvalidArgumentError&) {
        return Xapian::Stem("none");  // no Snowball stemmer for this language
      }
    }
  }
  return Xapian::Stem("none");
}

}  // namespace newsdex
