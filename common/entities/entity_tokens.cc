#include "entities/entity_tokens.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>

#include "analysis/analyzer.h"

namespace newsdex {
namespace {

struct CodePoint {
  UChar32 c = 0;
  std::size_t next = 0;  // offset just after it
};

CodePoint decode(std::string_view s, std::size_t at) {
  const auto byte = static_cast<unsigned char>(s[at]);
  if (byte < 0x80) return {static_cast<UChar32>(byte), at + 1};
  int32_t i = static_cast<int32_t>(at);
  UChar32 c = 0;
  U8_NEXT(reinterpret_cast<const uint8_t*>(s.data()), i, static_cast<int32_t>(s.size()), c);
  return {c < 0 ? 0xFFFD : c, static_cast<std::size_t>(i)};
}

bool is_ascii_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool is_word_char(UChar32 c) {
  if (c < 0x80) return is_ascii_letter(static_cast<char>(c)) || is_digit(static_cast<char>(c));
  return u_isalnum(c) || u_charType(c) == U_NON_SPACING_MARK || u_charType(c) == U_COMBINING_SPACING_MARK;
}

bool is_apostrophe(std::string_view s, std::size_t at, std::size_t& length) {
  if (s[at] == '\'') {
    length = 1;
    return true;
  }
  if (s.compare(at, 3, "\xE2\x80\x99") == 0) {  // U+2019 right single quotation mark
    length = 3;
    return true;
  }
  return false;
}

bool word_char_at(std::string_view s, std::size_t at) { return at < s.size() && is_word_char(decode(s, at).c); }

// Words after which a period does not end the sentence.
bool is_abbreviation(std::string_view word) {
  static constexpr std::array<std::string_view, 40> WORDS = {
      "Mr", "Mrs", "Ms", "Dr", "St", "Sen", "Rep", "Gov", "Gen", "Lt", "Col", "Capt", "Maj", "Adm",
      "Prof", "Rev", "Jr", "Sr", "No", "vs", "Jan", "Feb", "Mar", "Apr", "Aug", "Sep", "Sept", "Oct",
      "Nov", "Dec", "Calif", "Mass", "Conn", "Ore", "Wash", "Fla", "Ill", "Mich", "Pa", "Va"};
  if (word.size() == 1) return true;  // an initial: "George H. Bush"
  return std::find(WORDS.begin(), WORDS.end(), word) != WORDS.end();
}

std::string fold_token(std::string_view word, bool ascii, const Analyzer& analyzer) {
  std::string out;
  if (ascii) {
    out.assign(word);
    for (char& c : out)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    return out;
  }
  out = analyzer.fold(word);
  for (std::size_t at; (at = out.find("\xE2\x80\x99")) != std::string::npos;) out.replace(at, 3, "'");
  return out;
}

}  // namespace

std::vector<EntityToken> tokenize_for_entities(std::string_view text, const Analyzer& analyzer) {
  std::vector<EntityToken> tokens;
  tokens.reserve(text.size() / 6);
  std::uint8_t gap = 0;
  bool start_of_sentence = true;
  std::size_t at = 0;
  while (at < text.size()) {
    CodePoint cp = decode(text, at);
    if (!is_word_char(cp.c)) {
      // Punctuation and space between words: remember what kind.
      const char c = text[at];
      if (c == ' ' || c == '\t' || c == '\r') gap |= GAP_SPACE;
      else if (c == '\n') {
        gap |= GAP_SPACE;
        std::size_t next = at + 1;
        if (next < text.size() &&
            (text[next] == '\n' || (text[next] == ' ' && next + 1 < text.size() && text[next + 1] == ' ')))
          gap |= GAP_PARAGRAPH;
      } else if (c == ',') gap |= GAP_COMMA;
      else if (c == '.' || c == '!' || c == '?') {
        const bool after_abbreviation = c == '.' && !tokens.empty() && tokens.back().end == at &&
                                        is_abbreviation(tokens.back().text);
        if (!after_abbreviation) gap |= GAP_STOP;
        if (c == '.' && !tokens.empty() && tokens.back().end == at) tokens.back().period_after = true;
      } else if (c == '-' && !tokens.empty() && tokens.back().end == at && word_char_at(text, at + 1) && gap == 0)
        gap |= GAP_HYPHEN;
      else gap |= GAP_PUNCT;
      at = cp.next;
      continue;
    }
    // A word: letters and digits, inner apostrophes ("O'Kennedy"), dotted acronyms
    // ("U.S.", "N.J."), digit groups ("1,750", "5.93").
    EntityToken token;
    token.begin = at;
    bool ascii = true;
    bool has_dot = false;
    bool digits_only = true;
    std::size_t end = at;
    std::size_t segment_start = at;
    while (end < text.size()) {
      CodePoint w = decode(text, end);
      if (is_word_char(w.c)) {
        if (w.c >= 0x80) ascii = false;
        if (!(w.c >= '0' && w.c <= '9')) digits_only = false;
        end = w.next;
        continue;
      }
      std::size_t apostrophe = 0;
      if (is_apostrophe(text, end, apostrophe) && word_char_at(text, end + apostrophe)) {
        // "'s" at the end of a word is a possessive, not part of the name.
        const std::size_t after = end + apostrophe;
        const bool possessive = (text[after] == 's' || text[after] == 'S') && !word_char_at(text, after + 1);
        if (possessive) break;
        if (apostrophe > 1) ascii = false;
        digits_only = false;
        end = after;
        continue;
      }
      if ((text[end] == '.' || text[end] == ',') && digits_only && end > at && end + 1 < text.size() &&
          is_digit(text[end + 1])) {
        end += 1;
        continue;
      }
      if (text[end] == '.' && !digits_only && end - segment_start <= 2 && end + 1 < text.size() &&
          is_ascii_letter(text[end + 1]) &&
          (end + 2 >= text.size() || !is_ascii_letter(text[end + 2]) || text[end + 2] == '.' ||
           (end + 3 < text.size() && text[end + 3] == '.'))) {
        has_dot = true;
        end += 1;
        segment_start = end;
        continue;
      }
      break;
    }
    if (has_dot && end < text.size() && text[end] == '.') ++end;  // the final dot of "U.S."
    token.end = end;
    token.text = text.substr(at, end - at);
    token.number = digits_only;
    // Possessive: "Putin's", "Putin’s", "Reuters'".
    std::size_t apostrophe = 0;
    at = end;
    if (at < text.size() && is_apostrophe(text, at, apostrophe)) {
      const std::size_t after = at + apostrophe;
      if (after < text.size() && (text[after] == 's' || text[after] == 'S') && !word_char_at(text, after + 1)) {
        token.possessive = true;
        at = after + 1;
      } else if (!word_char_at(text, after)) {
        token.possessive = token.text.back() == 's';
        at = after;
      }
    }
    const CodePoint first = decode(token.text, 0);
    token.upper_initial = u_isupper(first.c) || u_istitle(first.c);
    bool any_upper = false, any_lower = false;
    for (std::size_t i = 0; i < token.text.size();) {
      const CodePoint c = decode(token.text, i);
      if (u_isupper(c.c)) any_upper = true;
      else if (u_islower(c.c)) any_lower = true;
      i = c.next;
    }
    token.all_upper = any_upper && !any_lower;
    token.folded = fold_token(token.text, ascii, analyzer);
    if (!tokens.empty()) {
      tokens.back().gap_after = gap;
      start_of_sentence = (gap & (GAP_STOP | GAP_PARAGRAPH)) != 0;
    }
    token.sentence_start = start_of_sentence;
    gap = 0;
    tokens.push_back(std::move(token));
  }
  if (!tokens.empty()) tokens.back().gap_after = gap | GAP_STOP;
  return tokens;
}

std::string phrase_key(std::string_view phrase, const Analyzer& analyzer) {
  std::string key;
  for (const auto& token : tokenize_for_entities(phrase, analyzer)) {
    if (!key.empty()) key += ' ';
    key += token.folded;
  }
  return key;
}

bool in_cased_script(std::string_view word) {
  std::int32_t i = 0;
  UChar32 c = 0;
  U8_NEXT(word.data(), i, static_cast<std::int32_t>(word.size()), c);
  return c >= 0 && u_hasBinaryProperty(c, UCHAR_CASED);
}

bool is_mostly_upper_case(const std::vector<EntityToken>& tokens) {
  std::size_t upper = 0, words = 0;
  for (const auto& t : tokens) {
    if (t.number) continue;
    ++words;
    if (t.all_upper) ++upper;
  }
  return words > 0 && upper * 2 > words;
}

}  // namespace newsdex
