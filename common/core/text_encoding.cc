#include "core/text_encoding.h"

#include <unicode/utf8.h>

#include <algorithm>
#include <charconv>

namespace newsdex {
namespace {

void append_utf8(std::string& out, char32_t c) {
  char buffer[4];
  int32_t length = 0;
  UBool error = false;
  U8_APPEND(reinterpret_cast<uint8_t*>(buffer), length, 4, static_cast<UChar32>(c), error);
  if (!error) out.append(buffer, static_cast<std::size_t>(length));
}

// Windows-1252 bytes 0x80..0x9F -> the characters they stand for; 0 where the code page
// defines none (those bytes come back as U+0080..U+009F, as Latin-1 has them).
constexpr char16_t CP1252_HIGH[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

// The single byte that Windows-1252 (or Latin-1) decodes as `c`, or -1.
int cp1252_byte(UChar32 c) {
  if (c < 0x100) return c;
  for (int i = 0; i < 32; ++i)
    if (CP1252_HIGH[i] == c) return 0x80 + i;
  return -1;
}

bool is_valid_utf8(std::string_view text) {
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  const auto length = static_cast<int32_t>(text.size());
  for (int32_t i = 0; i < length;) {
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    if (c < 0) return false;
  }
  return true;
}

// One round of repair_double_encoding.
bool undo_one_encoding(std::string& text) {
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  const auto length = static_cast<int32_t>(text.size());
  std::string out;
  out.reserve(text.size());
  for (int32_t i = 0; i < length;) {
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    const int byte = c < 0 ? -1 : cp1252_byte(c);
    if (byte < 0) return false;
    out += static_cast<char>(byte);
  }
  if (out == text || !is_valid_utf8(out)) return false;
  text.swap(out);
  return true;
}

}  // namespace

bool looks_double_encoded(std::string_view text) {
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  const auto length = static_cast<int32_t>(text.size());
  UChar32 previous = 0;
  for (int32_t i = 0; i < length;) {
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    // A lead byte of a 2-, 3- or 4-byte sequence, then what a continuation byte
    // (0x80..0xBF) decodes as in Windows-1252 or Latin-1.
    const bool lead = previous >= 0xC2 && previous <= 0xF4;
    const int byte = c < 0 ? -1 : cp1252_byte(c);
    if (lead && byte >= 0x80 && byte <= 0xBF) return true;
    previous = c;
  }
  return false;
}

bool repair_double_encoding(std::string& text) {
  // Fast path: ASCII text (most text) cannot be garbled this way.
  if (std::none_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; }))
    return false;
  bool changed = false;
  for (int round = 0; round < 3 && undo_one_encoding(text); ++round) changed = true;
  return changed;
}

bool repair_utf8(std::string& text) {
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  const auto length = static_cast<int32_t>(text.size());
  // Fast path: valid text is checked in place and left alone.
  bool valid = true;
  for (int32_t i = 0; i < length && valid;) {
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    valid = c >= 0;
  }
  if (valid) return false;
  std::string out;
  out.reserve(text.size() + 8);
  for (int32_t j = 0; j < length;) {
    int32_t start = j;
    UChar32 c;
    U8_NEXT(bytes, j, length, c);
    if (c < 0) out += "\xEF\xBF\xBD";
    else out.append(text, static_cast<std::size_t>(start), static_cast<std::size_t>(j - start));
  }
  text.swap(out);
  return true;
}

bool replace_control_bytes(std::string& text) {
  bool changed = false;
  for (char& ch : text) {
    auto c = static_cast<unsigned char>(ch);
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) {
      ch = ' ';
      changed = true;
    }
  }
  return changed;
}

std::string latin1_to_utf8(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 8);
  for (char ch : bytes) {
    auto c = static_cast<unsigned char>(ch);
    if (c < 0x80) out += ch;
    else append_utf8(out, c);
  }
  return out;
}

std::string decode_xml_entities(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '&') {
      out += text[i];
      continue;
    }
    const std::size_t semi = text.find(';', i);
    if (semi == std::string_view::npos || semi - i > 10) {
      out += '&';
      continue;
    }
    std::string_view entity = text.substr(i + 1, semi - i - 1);
    char32_t code = 0;
    bool known = true;
    if (entity == "lt") code = '<';
    else if (entity == "gt") code = '>';
    else if (entity == "amp") code = '&';
    else if (entity == "quot") code = '"';
    else if (entity == "apos") code = '\'';
    else if (entity.size() > 1 && entity[0] == '#') {
      const bool hex = entity[1] == 'x' || entity[1] == 'X';
      std::string_view digits = entity.substr(hex ? 2 : 1);
      uint32_t value = 0;
      auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value, hex ? 16 : 10);
      known = ec == std::errc{} && ptr == digits.data() + digits.size() && value <= 0x10FFFF;
      code = value;
    } else {
      known = false;
    }
    if (!known) {
      out += '&';
      continue;
    }
    if (code >= 0x20 || code == '\n' || code == '\t') append_utf8(out, code);
    i = semi;
  }
  return out;
}

}  // namespace newsdex
