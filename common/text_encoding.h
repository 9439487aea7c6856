// Byte-level repairs that every reader needs before text reaches the analyser.
#pragma once

#include <string>
#include <string_view>

namespace newsdex {

// Replaces each invalid UTF-8 sequence with U+FFFD. Returns true when anything changed.
bool repair_utf8(std::string& text);

// Replaces C0 control characters other than tab, newline and carriage return (and DEL)
// with a space. Returns true when anything changed.
bool replace_control_bytes(std::string& text);

// Converts ISO-8859-1 bytes to UTF-8.
std::string latin1_to_utf8(std::string_view bytes);

// Decodes the five XML entities and numeric references (&#N; &#xN;). Unknown entities
// are kept as written. Control characters produced by references are dropped.
std::string decode_xml_entities(std::string_view text);

}  // namespace newsdex
