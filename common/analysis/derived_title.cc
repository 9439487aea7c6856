#include "analysis/derived_title.h"

#include <unicode/brkiter.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <memory>

#include "core/ascii_text.h"

namespace newsdex {
namespace {

// A first sentence longer than this is cut anyway; reading more would only cost time.
constexpr std::size_t MAX_SCAN_BYTES = 4096;

// One iterator per thread: creating one loads ICU's rules (tens of microseconds).
icu::BreakIterator* sentence_iterator() {
  thread_local std::unique_ptr<icu::BreakIterator> iterator = [] {
    UErrorCode status = U_ZERO_ERROR;
    // English sentence-break suppressions keep "Mr. Smith" and "Dr. No" in one sentence.
    std::unique_ptr<icu::BreakIterator> it(icu::BreakIterator::createSentenceInstance(icu::Locale("en@ss=standard"), status));
    if (U_FAILURE(status)) it.reset();
    return it;
  }();
  return iterator.get();
}

// `text` cut at a character boundary no later than `bytes`.
std::string_view utf8_prefix(std::string_view text, std::size_t bytes) {
  if (text.size() <= bytes) return text;
  while (bytes > 0 && (static_cast<unsigned char>(text[bytes]) & 0xC0) == 0x80) --bytes;
  return text.substr(0, bytes);
}

}  // namespace

std::string derive_title(std::string_view text, std::size_t max_chars) {
  text = utf8_prefix(trim_space(text), MAX_SCAN_BYTES);
  if (text.empty()) return {};
  // ICU ends a sentence at every line break; a single one only wraps a paragraph's lines,
  // so white space runs become one space, or a paragraph break when they hold a blank line.
  std::string flowed;
  for (std::size_t i = 0; i < text.size();) {
    if (static_cast<unsigned char>(text[i]) > ' ') {
      flowed += text[i++];
      continue;
    }
    std::size_t newlines = 0;
    for (; i < text.size() && static_cast<unsigned char>(text[i]) <= ' '; ++i) newlines += text[i] == '\n';
    flowed += newlines >= 2 ? "\n\n" : " ";
  }
  icu::UnicodeString unicode =
      icu::UnicodeString::fromUTF8(icu::StringPiece(flowed.data(), static_cast<int32_t>(flowed.size())));
  int32_t end = unicode.length();
  if (icu::BreakIterator* sentences = sentence_iterator()) {
    sentences->setText(unicode);
    sentences->first();
    const int32_t next = sentences->next();
    if (next != icu::BreakIterator::DONE) end = next;
  }
  std::string sentence;
  unicode.tempSubString(0, end).toUTF8String(sentence);

  // The paragraph break that may end the sentence becomes a space; count characters as we go.
  std::string out;
  std::size_t chars = 0, last_space = std::string::npos;
  bool cut = false;
  for (std::size_t i = 0; i < sentence.size();) {
    const auto byte = static_cast<unsigned char>(sentence[i]);
    const std::size_t length = byte < 0x80 ? 1 : byte < 0xE0 ? 2 : byte < 0xF0 ? 3 : 4;
    if (byte <= ' ') {
      if (!out.empty() && out.back() != ' ') {
        if (chars == max_chars) {
          cut = true;
          break;
        }
        last_space = out.size();
        out += ' ';
        ++chars;
      }
      ++i;
      continue;
    }
    if (chars == max_chars) {
      cut = true;
      break;
    }
    out.append(sentence, i, length);
    ++chars;
    i += length;
  }
  if (cut) {
    if (last_space != std::string::npos && last_space > out.size() / 2) out.resize(last_space);
    while (!out.empty() && (out.back() == ' ' || out.back() == ',' || out.back() == ';' || out.back() == ':')) out.pop_back();
    out += "\u2026";
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

}  // namespace newsdex
