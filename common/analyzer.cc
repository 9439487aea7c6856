#include "analyzer.h"

#include <unicode/brkiter.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>
#include <unicode/utext.h>

#include <algorithm>
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

bool is_ascii(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

// Accent folding: drop combining marks that follow a Latin, Greek or Cyrillic letter
// ("Zélensky" -> "zelensky"). Marks in other scripts (Thai vowels, Devanagari signs,
// Arabic harakat) are part of the spelling there and are kept.
icu::UnicodeString strip_accents(const icu::UnicodeString& folded) {
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString decomposed = nfd().normalize(folded, status);
  if (U_FAILURE(status)) return folded;
  icu::UnicodeString out;
  UScriptCode base_script = USCRIPT_INVALID_CODE;
  for (int32_t i = 0; i < decomposed.length();) {
    UChar32 c = decomposed.char32At(i);
    i += U16_LENGTH(c);
    if (u_getCombiningClass(c) != 0 || u_charType(c) == U_NON_SPACING_MARK) {
      if (base_script == USCRIPT_LATIN || base_script == USCRIPT_GREEK ||
          base_script == USCRIPT_CYRILLIC)
        continue;
    } else {
      UErrorCode script_status = U_ZERO_ERROR;
      base_script = uscript_getScript(c, &script_status);
    }
    out.append(c);
  }
  UErrorCode compose_status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(compose_status);
  if (U_FAILURE(compose_status)) return out;
  return nfc->normalize(out, compose_status);
}

// Unifies apostrophes so that "Lukashenko’s" and "Lukashenko's" meet.
void unify_apostrophes(std::string& s) {
  static constexpr std::string_view kCurly[] = {"\xE2\x80\x99", "\xE2\x80\x98", "\xCA\xBC"};
  for (auto curly : kCurly) {
    for (std::size_t at = s.find(curly); at != std::string::npos; at = s.find(curly, at))
      s.replace(at, curly.size(), "'");
  }
}

// Clean-up of a folded word: possessive "'s" and a trailing apostrophe go; an acronym
// written with dots ("u.s", "u.k") loses them, as Xapian's own QueryParser does.
void clean_token(std::string& term) {
  unify_apostrophes(term);
  if (term.size() > 2 && term.compare(term.size() - 2, 2, "'s") == 0) term.resize(term.size() - 2);
  while (!term.empty() && term.back() == '\'') term.pop_back();
  while (!term.empty() && term.front() == '\'') term.erase(0, 1);

  bool acronym = term.size() >= 3;
  for (std::size_t i = 0; i < term.size() && acronym; ++i) {
    bool letter_slot = (i % 2 == 0);
    unsigned char c = static_cast<unsigned char>(term[i]);
    acronym = letter_slot ? (c >= 'a' && c <= 'z') : c == '.';
  }
  if (acronym) std::erase(term, '.');

  if (term.size() > MAX_TERM_BYTES) {
    std::size_t cut = MAX_TERM_BYTES;
    while (cut > 0 && (static_cast<unsigned char>(term[cut]) & 0xC0) == 0x80) --cut;
    term.resize(cut);
  }
}

}  // namespace

struct Analyzer::Impl {
  std::unique_ptr<icu::BreakIterator> words;
  const icu::Normalizer2& casefold = nfkc_casefold();

  Impl() {
    UErrorCode status = U_ZERO_ERROR;
    words.reset(icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
    if (U_FAILURE(status) || !words) throw std::runtime_error("ICU: cannot create a word BreakIterator");
  }

  std::string fold_word(std::string_view word) const {
    std::string out;
    if (is_ascii(word)) {
      out.assign(word);
      for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      return out;
    }
    UErrorCode status = U_ZERO_ERROR;
    icu::UnicodeString folded =
        casefold.normalize(icu::UnicodeString::fromUTF8(icu::StringPiece(word.data(), word.size())), status);
    if (U_FAILURE(status)) return std::string(word);
    strip_accents(folded).toUTF8String(out);
    return out;
  }
};

Analyzer::Analyzer() : impl_(std::make_unique<Impl>()) {}
Analyzer::~Analyzer() = default;
Analyzer::Analyzer(Analyzer&&) noexcept = default;
Analyzer& Analyzer::operator=(Analyzer&&) noexcept = default;

std::string Analyzer::fold(std::string_view utf8) const { return impl_->fold_word(utf8); }

void Analyzer::for_each_token(std::string_view utf8, const std::function<void(const Token&)>& on_token) {
  UErrorCode status = U_ZERO_ERROR;
  UText* text = utext_openUTF8(nullptr, utf8.data(), static_cast<int64_t>(utf8.size()), &status);
  if (U_FAILURE(status)) return;
  impl_->words->setText(text, status);
  if (U_FAILURE(status)) {
    utext_close(text);
    return;
  }
  Token token;
  int32_t begin = impl_->words->first();
  for (int32_t end = impl_->words->next(); end != icu::BreakIterator::DONE;
       begin = end, end = impl_->words->next()) {
    if (impl_->words->getRuleStatus() == UBRK_WORD_NONE) continue;
    token.term = impl_->fold_word(utf8.substr(static_cast<std::size_t>(begin), static_cast<std::size_t>(end - begin)));
    clean_token(token.term);
    if (token.term.empty()) continue;
    token.begin = static_cast<std::size_t>(begin);
    token.end = static_cast<std::size_t>(end);
    on_token(token);
  }
  utext_close(text);
}

std::vector<std::string> Analyzer::terms(std::string_view utf8) {
  std::vector<std::string> out;
  for_each_token(utf8, [&](const Token& t) { out.push_back(t.term); });
  return out;
}

const std::vector<std::string>& stop_words() {
  // A short list in the spirit of Lucene's English stop set: function words only, so
  // that content words ("us" as the folded "U.S.", "new", "may") stay searchable.
  static const std::vector<std::string> kWords = {
      "a",    "an",   "and",  "are",  "as",    "at",   "be",   "but",  "by",   "for",
      "if",   "in",   "into", "is",   "it",    "no",   "not",  "of",   "on",   "or",
      "such", "that", "the",  "their", "then", "there", "these", "they", "this", "to",
      "was",  "will", "with", "from", "has",   "had",  "have", "its",  "were", "been",
      "which", "would"};
  return kWords;
}

bool is_stop_word(std::string_view folded_term) {
  static const std::unordered_set<std::string_view> kSet(stop_words().begin(), stop_words().end());
  return kSet.contains(folded_term);
}

}  // namespace newsdex
