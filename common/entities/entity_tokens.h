// The words of a text as entity extraction sees them: case kept (capitals are the main
// evidence for names), punctuation between words remembered (commas, sentence ends,
// hyphens), possessives and dotted acronyms ("U.S.") handled once for every extractor.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace newsdex {

class Analyzer;

// What separates a token from the next one; several may be set at once.
enum Gap : std::uint8_t {
  GAP_SPACE = 1,      // white space
  GAP_HYPHEN = 2,     // a hyphen with no space around it ("Ukrainian-Russian")
  GAP_COMMA = 4,
  GAP_STOP = 8,       // ". ", "!", "?" (a period after an abbreviation does not count)
  GAP_PUNCT = 16,     // anything else: ; : ( ) quotes, dashes
  GAP_PARAGRAPH = 32, // a blank line, or a line break followed by an indent
};

struct EntityToken {
  std::string_view text;  // as written; without a possessive "'s"; "U.S." keeps its dots
  std::string folded;     // lower case, accents folded, apostrophes straightened
  std::size_t begin = 0;  // byte offsets of `text` in the source
  std::size_t end = 0;
  std::uint8_t gap_after = 0;  // Gap bits between this token and the next
  bool upper_initial = false;  // starts with an upper-case letter
  bool all_upper = false;      // has letters, none of them lower case
  bool number = false;         // digits, possibly with inner "," or "." ("1,750")
  bool possessive = false;     // was followed by "'s" or "'"
  bool period_after = false;   // a "." follows directly ("Mr.", "Ore.", sentence end)
  bool sentence_start = false; // first word of the text, a sentence or a paragraph
};

// Splits UTF-8 text into tokens. Letters of any script form words (a run of CJK
// characters is one token); `analyzer` folds non-ASCII words.
std::vector<EntityToken> tokenize_for_entities(std::string_view text, const Analyzer& analyzer);

// The folded tokens of a short phrase joined by single spaces: the key under which
// gazetteers store phrases ("Côte d'Ivoire" -> "cote d'ivoire", "Guinea-Bissau" ->
// "guinea bissau").
std::string phrase_key(std::string_view phrase, const Analyzer& analyzer);

// Whether the clause goes on after `t`: no sentence end, comma, other punctuation or
// paragraph break follows it.
inline bool clause_continues(const EntityToken& t) {
  return (t.gap_after & (GAP_STOP | GAP_COMMA | GAP_PUNCT | GAP_PARAGRAPH)) == 0;
}

// Whether a word starts with a letter of a script that has capitals (Latin, Cyrillic,
// Greek...), where names are written with one; false for Chinese, Japanese, Thai, Arabic.
bool in_cased_script(std::string_view word);

// True when more than half of the letters of the text are upper case (Reuters headlines,
// wire-service "flash" stories): capitals carry no evidence there.
bool is_mostly_upper_case(const std::vector<EntityToken>& tokens);

}  // namespace newsdex
