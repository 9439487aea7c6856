#include "analysis/analyzer.h"

#include <unicode/brkiter.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>
#include <unicode/utext.h>

#include <algorithm>
#include <array>
#include <stdexcept>
#include <unordered_set>

namespace newsdex {
namespace {

const icu::Normalizer2& nfkc_casefold() {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n = icu::Normalizer2::getNFKCCasefoldInstance(status);
  if (U_FAILURE(status)) throw std::runtime_error("ICU: NFKC_Casefold unavailable");
  return *n;
}

const icu::Normalizer2& nfd() {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n = icu::Normalizer2::getNFDInstance(status);
  if (U_FAILURE(status)) throw std::runtime_error("ICU: NFD unavailable");
  return *n;
}

const icu::Normalizer2& nfc() {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) throw std::runtime_error("ICU: NFC unavailable");
  return *n;
}

bool is_ascii(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

bool is_ascii_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; }

bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }

bool is_utf8_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// Word_Break classes of the ASCII characters under ICU's root word rules (ICU 72:
// '@' is ALetter, ':' is not MidLetter). Everything not listed is "Other".
enum class WordClass : unsigned char { OTHER, LETTER, NUMERIC, EXTEND_NUM_LET, MID_NUM_LET, SINGLE_QUOTE, MID_NUM };

constexpr std::array<WordClass, 128> make_ascii_classes() {
  std::array<WordClass, 128> classes{};
  for (int c = 'a'; c <= 'z'; ++c) classes[c] = WordClass::LETTER;
  for (int c = 'A'; c <= 'Z'; ++c) classes[c] = WordClass::LETTER;
  for (int c = '0'; c <= '9'; ++c) classes[c] = WordClass::NUMERIC;
  classes['@'] = WordClass::LETTER;
  classes['_'] = WordClass::EXTEND_NUM_LET;
  classes['.'] = WordClass::MID_NUM_LET;
  classes['\''] = WordClass::SINGLE_QUOTE;
  classes[','] = WordClass::MID_NUM;
  classes[';'] = WordClass::MID_NUM;
  return classes;
}
constexpr std::array<WordClass, 128> ASCII_CLASSES = make_ascii_classes();

WordClass ascii_class(char c) { return ASCII_CLASSES[static_cast<unsigned char>(c)]; }

// Letters without a canonical decomposition that English-language news writes without
// their stroke ("Łódź" -> "Lodz", "Søren" -> "Soren"); applied to folded (lower-case) text.
bool fold_stroke_letter(UChar32 c, icu::UnicodeString& out) {
  switch (c) {
    case 0x0142: out.append(UChar32{'l'}); return true;  // ł
    case 0x00F8: out.append(UChar32{'o'}); return true;  // ø
    case 0x0111: out.append(UChar32{'d'}); return true;  // đ
    case 0x0127: out.append(UChar32{'h'}); return true;  // ħ
    case 0x0131: out.append(UChar32{'i'}); return true;  // ı (dotless i)
    case 0x00E6: out.append(u"ae", 2); return true;      // æ
    case 0x0153: out.append(u"oe", 2); return true;      // œ
    default: return false;
  }
}

// Accent folding: drop combining marks that follow a Latin or Greek letter ("Zélensky"
// -> "zelensky", "Αθήνα" -> "αθηνα"). In Cyrillic only stress marks go and "ё" becomes
// "е": the breve of "й" makes a different letter that the Russian stemmer relies on.
// Marks in other scripts (Thai vowels, Devanagari signs, Arabic harakat) are part of
// the spelling there and are kept.
icu::UnicodeString strip_accents(const icu::UnicodeString& folded) {
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString decomposed = nfd().normalize(folded, status);
  if (U_FAILURE(status)) return folded;
  icu::UnicodeString out;
  UScriptCode base_script = USCRIPT_INVALID_CODE;
  UChar32 base = 0;
  for (int32_t i = 0; i < decomposed.length();) {
    const UChar32 c = decomposed.char32At(i);
    i += U16_LENGTH(c);
    if (u_getCombiningClass(c) != 0 || u_charType(c) == U_NON_SPACING_MARK) {
      if (base_script == USCRIPT_LATIN || base_script == USCRIPT_GREEK) continue;
      if (base_script == USCRIPT_CYRILLIC &&
          (c == 0x0301 || c == 0x0300 || (c == 0x0308 && (base == 0x0435 || base == 0x0415))))
        continue;
    } else {
      UErrorCode script_status = U_ZERO_ERROR;
      base_script = uscript_getScript(c, &script_status);
      base = c;
      if (base_script == USCRIPT_LATIN && fold_stroke_letter(c, out)) continue;
    }
    out.append(c);
  }
  UErrorCode compose_status = U_ZERO_ERROR;
  icu::UnicodeString composed = nfc().normalize(out, compose_status);
  return U_FAILURE(compose_status) ? out : composed;
}

// Whether strip_accents could change `word` (UTF-8): it holds a non-ASCII Latin, Greek
// or Cyrillic character, or a combining mark on a letter of those scripts. Words in
// other scripts (CJK, Thai, Arabic...) skip the UTF-16 round trip through NFD and NFC.
bool may_need_accent_folding(std::string_view word) {
  UScriptCode base_script = USCRIPT_COMMON;
  const auto* bytes = reinterpret_cast<const uint8_t*>(word.data());
  const auto length = static_cast<int32_t>(word.size());
  for (int32_t i = 0; i < length;) {
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    if (c < 0) return true;  // invalid UTF-8: let the slow path substitute it
    if (c < 0x80) {
      base_script = USCRIPT_LATIN;
      continue;
    }
    const bool mark = u_getCombiningClass(c) != 0 || u_charType(c) == U_NON_SPACING_MARK;
    if (!mark) {
      UErrorCode status = U_ZERO_ERROR;
      base_script = uscript_getScript(c, &status);
    }
    if (base_script == USCRIPT_LATIN || base_script == USCRIPT_GREEK || base_script == USCRIPT_CYRILLIC) return true;
  }
  return false;
}

// Unifies apostrophes so that "Lukashenko’s" and "Lukashenko's" meet.
void unify_apostrophes(std::string& s) {
  static constexpr std::string_view CURLY[] = {"\xE2\x80\x99", "\xE2\x80\x98", "\xCA\xBC", "\xEF\xBC\x87"};
  for (auto curly : CURLY) {
    for (std::size_t at = s.find(curly); at != std::string::npos; at = s.find(curly, at))
      s.replace(at, curly.size(), "'");
  }
}

// True for "u.s", "e.g", "η.π.α": single characters separated by dots.
bool is_dotted_acronym(std::string_view s) {
  if (s.size() < 3) return false;
  std::size_t letters = 0;
  for (std::size_t i = 0; i < s.size();) {
    if (s[i] == '.' || is_ascii_digit(s[i])) return false;  // an empty part, or a number
    std::size_t next = i + 1;
    while (next < s.size() && is_utf8_continuation(s[next])) ++next;
    ++letters;
    if (next == s.size()) break;
    if (s[next] != '.') return false;
    i = next + 1;
    if (i == s.size()) return false;
  }
  return letters >= 2;
}

// French and Italian elisions ("l'Élysée", "d'Estaing", "dell'Europa") would hide the
// word from a search for "Elysee": the elided article or pronoun goes.
void strip_elision(std::string& term) {
  static constexpr std::string_view ELIDED[] = {"l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu",
                                                "puisqu", "quoiqu", "dell", "nell", "all", "dall", "sull", "un"};
  const auto apostrophe = term.find('\'');
  if (apostrophe == std::string::npos || apostrophe + 1 == term.size()) return;
  const std::string_view head(term.data(), apostrophe);
  for (auto elided : ELIDED) {
    if (head == elided) {
      term.erase(0, apostrophe + 1);
      return;
    }
  }
}

// Clean-up of a folded word: possessive "'s" and stray apostrophes go; an acronym
// written with dots ("u.s", "u.k") loses them, as Xapian's own QueryParser does; a word
// longer than Xapian allows is cut on a character boundary.
void clean_token(std::string& term) {
  if (!is_ascii(term)) unify_apostrophes(term);
  if (term.size() > 2 && term.compare(term.size() - 2, 2, "'s") == 0) term.resize(term.size() - 2);
  while (!term.empty() && term.back() == '\'') term.pop_back();
  if (!term.empty() && term.front() == '\'') {
    const auto first = term.find_first_not_of('\'');
    term.erase(0, first == std::string::npos ? term.size() : first);
  }
  if (term.find('.') != std::string::npos && is_dotted_acronym(term)) std::erase(term, '.');
  strip_elision(term);
  if (term.size() > MAX_TERM_BYTES) {
    std::size_t cut = MAX_TERM_BYTES;
    while (cut > 0 && is_utf8_continuation(term[cut])) --cut;
    term.resize(cut);
  }
}

// E-mail addresses and host names ("john.doe@example.com", "www.reuters.com") are one
// word to ICU but several to Xapian's QueryParser, which reads them as a phrase of their
// parts. They are indexed as those parts at consecutive positions so the phrase matches.
// Numbers ("5.93", "1.5bn") and dotted acronyms ("U.S") stay whole.
bool is_split_point(std::string_view word, std::size_t i) {
  if (word[i] == '@') return true;
  if (word[i] != '.') return false;
  return !(i > 0 && i + 1 < word.size() && is_ascii_digit(word[i - 1]) && is_ascii_digit(word[i + 1]));
}

}  // namespace

struct Analyzer::Impl {
  std::unique_ptr<icu::BreakIterator> words;
  const icu::Normalizer2& casefold = nfkc_casefold();
  bool ascii_fast_path;
  Token token;  // reused for every word, so its buffer is allocated once

  explicit Impl(bool fast) : ascii_fast_path(fast) {
    UErrorCode status = U_ZERO_ERROR;
    words.reset(icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
    if (U_FAILURE(status) || !words) throw std::runtime_error("ICU: cannot create a word BreakIterator");
  }

  // Const and without shared buffers, so that fold() may be called from several threads.
  void fold_into(std::string_view word, std::string& out) const {
    out.clear();
    if (is_ascii(word)) {
      // NFKC_Casefold maps printable ASCII to itself except A-Z, and strips no ASCII
      // character, so lower-casing is exactly what ICU would produce.
      out.assign(word);
      for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      return;
    }
    UErrorCode status = U_ZERO_ERROR;
    const icu::StringPiece piece(word.data(), static_cast<int32_t>(word.size()));
    if (!may_need_accent_folding(word) && casefold.isNormalizedUTF8(piece, status) && U_SUCCESS(status)) {
      out.assign(word);  // already folded: most CJK, Thai and Arabic words
      return;
    }
    status = U_ZERO_ERROR;
    const icu::UnicodeString wide = icu::UnicodeString::fromUTF8(piece);
    icu::UnicodeString folded = casefold.normalize(wide, status);
    if (U_FAILURE(status)) {
      out.assign(word);
      return;
    }
    strip_accents(folded).toUTF8String(out);
  }

  // One word segment [begin, end) of `text`: split e-mail addresses and host names,
  // fold and clean each part, and hand the non-empty ones to `sink`.
  void emit(std::string_view text, std::size_t begin, std::size_t end, Sink sink, void* context) {
    const std::string_view word = text.substr(begin, end - begin);
    std::size_t part = 0;
    const bool may_split = word.find_first_of(".@") != std::string_view::npos && !is_dotted_acronym(word);
    for (std::size_t i = 0; i <= word.size(); ++i) {
      if (i < word.size() && !(may_split && is_split_point(word, i))) continue;
      if (i > part) {
        fold_into(word.substr(part, i - part), token.term);
        clean_token(token.term);
        if (!token.term.empty()) {
          token.begin = begin + part;
          token.end = begin + i;
          sink(context, token);
        }
      }
      part = i + 1;
    }
  }

  // ICU's root word rules restricted to ASCII: letters and digits join, "." and "'"
  // join two letters, ",", ";", "." and "'" join two digits, "_" joins anything wordy.
  // A segment is a word (not UBRK_WORD_NONE) unless it is one non-word character.
  void ascii_words(std::string_view text, std::size_t begin, std::size_t end, Sink sink, void* context) {
    std::size_t p = begin;
    while (p < end) {
      const std::size_t start = p;
      const WordClass first = ascii_class(text[p++]);
      if (first != WordClass::LETTER && first != WordClass::NUMERIC && first != WordClass::EXTEND_NUM_LET) continue;
      WordClass last = first;
      while (p < end) {
        const WordClass c = ascii_class(text[p]);
        if (c == WordClass::LETTER || c == WordClass::NUMERIC || c == WordClass::EXTEND_NUM_LET) {
          last = c;
          ++p;
          continue;
        }
        if (p + 1 < end && (c == WordClass::MID_NUM_LET || c == WordClass::SINGLE_QUOTE || c == WordClass::MID_NUM)) {
          const WordClass next = ascii_class(text[p + 1]);
          if ((last == WordClass::LETTER && next == WordClass::LETTER && c != WordClass::MID_NUM) ||
              (last == WordClass::NUMERIC && next == WordClass::NUMERIC)) {
            last = next;
            p += 2;
            continue;
          }
        }
        break;
      }
      if (p - start == 1 && first == WordClass::EXTEND_NUM_LET) continue;  // a lone "_"
      emit(text, start, p, sink, context);
    }
  }

  void icu_words(std::string_view text, std::size_t begin, std::size_t end, Sink sink, void* context) {
    UErrorCode status = U_ZERO_ERROR;
    UText* utext = utext_openUTF8(nullptr, text.data() + begin, static_cast<int64_t>(end - begin), &status);
    if (U_FAILURE(status)) return;
    words->setText(utext, status);
    if (U_SUCCESS(status)) {
      int32_t from = words->first();
      for (int32_t to = words->next(); to != icu::BreakIterator::DONE; from = to, to = words->next()) {
        if (words->getRuleStatus() == UBRK_WORD_NONE) continue;
        emit(text, begin + static_cast<std::size_t>(from), begin + static_cast<std::size_t>(to), sink, context);
      }
    }
    utext_close(utext);
  }
};

Analyzer::Analyzer(bool ascii_fast_path) : impl_(std::make_unique<Impl>(ascii_fast_path)) {}
Analyzer::~Analyzer() = default;
Analyzer::Analyzer(Analyzer&&) noexcept = default;
Analyzer& Analyzer::operator=(Analyzer&&) noexcept = default;

std::string Analyzer::fold(std::string_view utf8) const {
  std::string out;
  impl_->fold_into(utf8, out);
  return out;
}

void Analyzer::tokenize(std::string_view text, Sink sink, void* context) {
  Impl& impl = *impl_;
  if (!impl.ascii_fast_path) {
    impl.icu_words(text, 0, text.size(), sink, context);
    return;
  }
  // ICU always breaks on both sides of ASCII whitespace, so text can be cut there:
  // pure-ASCII pieces take the fast path, runs of other pieces (with the whitespace
  // between them) go to ICU together.
  constexpr std::size_t NONE = std::string_view::npos;
  std::size_t icu_begin = NONE, icu_end = 0;
  std::size_t p = 0;
  const std::size_t n = text.size();
  while (p < n) {
    if (is_ascii_space(text[p])) {
      ++p;
      continue;
    }
    const std::size_t piece = p;
    bool ascii = true;
    for (; p < n && !is_ascii_space(text[p]); ++p) ascii &= static_cast<unsigned char>(text[p]) < 0x80;
    if (!ascii) {
      if (icu_begin == NONE) icu_begin = piece;
      icu_end = p;
      continue;
    }
    if (icu_begin != NONE) {
      impl.icu_words(text, icu_begin, icu_end, sink, context);
      icu_begin = NONE;
    }
    impl.ascii_words(text, piece, p, sink, context);
  }
  if (icu_begin != NONE) impl.icu_words(text, icu_begin, icu_end, sink, context);
}

std::vector<std::string> Analyzer::terms(std::string_view utf8) {
  std::vector<std::string> out;
  for_each_token(utf8, [&](const Token& t) { out.push_back(t.term); });
  return out;
}

const std::vector<std::string>& stop_words() {
  // A short list in the spirit of Lucene's English stop set: function words only, so
  // that content words ("us" as the folded "U.S.", "new", "may") stay searchable.
  static const std::vector<std::string> WORDS = {
      "a",    "an",   "and",  "are",  "as",    "at",   "be",   "but",  "by",   "for",
      "if",   "in",   "into", "is",   "it",    "no",   "not",  "of",   "on",   "or",
      "such", "that", "the",  "their", "then", "there", "these", "they", "this", "to",
      "was",  "will", "with", "from", "has",   "had",  "have", "its",  "were", "been",
      "which", "would"};
  return WORDS;
}

bool is_stop_word(std::string_view folded_term) {
  static const std::unordered_set<std::string_view> SET(stop_words().begin(), stop_words().end());
  return SET.contains(folded_term);
}

}  // namespace newsdex
