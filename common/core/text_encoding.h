// Byte-level repairs that every reader needs before text reaches the analyser.
#pragma once

#include <string>
#include <string_view>

namespace newsdex {

// Replaces each invalid UTF-8 sequence with U+FFFD. Returns true when anything changed.
bool repair_utf8(std::string& text);

// Repairs mojibake from a double encoding: UTF-8 text read as Windows-1252 (or Latin-1)
// and written out as UTF-8 again, so "£" became "Â£" and "’" became "â€™" (common in
// scraped news). Only when it is unambiguous: every character of `text` (valid UTF-8)
// maps back to one Windows-1252 or Latin-1 byte, those bytes are valid UTF-8, and they
// differ from `text`. Text that mixes garbled and correct characters, or holds any
// character no single byte stands for, is left alone; text garbled twice is repaired
// twice. Returns true when anything changed.
bool repair_double_encoding(std::string& text);

// True when `text` (valid UTF-8) holds a sequence that a double encoding makes and
// written text almost never has: a lead byte of UTF-8 read as Windows-1252 ("Â", "Ã",
// "â"...) followed by a character a continuation byte becomes ("£", "©", "€"...). For
// text that repair_double_encoding leaves alone because it mixes garbled and correct text.
bool looks_double_encoded(std::string_view text);

// What a reader reports (warning kind "mojibake") when repair_double_encoding changed text.
inline constexpr std::string_view DOUBLE_ENCODING_REPAIRED =
    "text garbled by a double encoding (UTF-8 read as Windows-1252, such as '\u00C2\u00A3' for '\u00A3') repaired";
// ... and (kind "mojibake-suspected") when looks_double_encoded text could not be repaired.
inline constexpr std::string_view DOUBLE_ENCODING_SUSPECTED =
    "text looks garbled by a double encoding (such as '\u00C2\u00A3' for '\u00A3') but mixes it with other "
    "text; left as it is";

// Replaces C0 control characters other than tab, newline and carriage return (and DEL)
// with a space. Returns true when anything changed.
bool replace_control_bytes(std::string& text);

// Converts ISO-8859-1 bytes to UTF-8.
std::string latin1_to_utf8(std::string_view bytes);

// Decodes the five XML entities and numeric references (&#N; &#xN;). Unknown entities
// are kept as written. Control characters produced by references are dropped.
std::string decode_xml_entities(std::string_view text);

}  // namespace newsdex
