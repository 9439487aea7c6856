// Small byte-level helpers for the ASCII parts of input formats and codes (header
// keys, ISO codes, markup), shared so that every reader trims and folds them alike.
// Text that may hold any script goes through the Analyzer instead.
#pragma once

#include <string>
#include <string_view>

namespace newsdex {

// `s` without leading and trailing spaces and control characters (bytes <= 0x20).
inline std::string_view trim_space(std::string_view s) {
  while (!s.empty() && static_cast<unsigned char>(s.front()) <= ' ') s.remove_prefix(1);
  while (!s.empty() && static_cast<unsigned char>(s.back()) <= ' ') s.remove_suffix(1);
  return s;
}

// `s` with A-Z lowered; every other byte (UTF-8 included) unchanged.
inline std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + ('a' - 'A'));
  return out;
}

// `s` with a-z raised; every other byte unchanged.
inline std::string upper_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - ('a' - 'A'));
  return out;
}

}  // namespace newsdex
