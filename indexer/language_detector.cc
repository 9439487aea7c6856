#include "language_detector.h"

#include <cld2/public/compact_lang_det.h>

#include "analysis/language.h"

namespace newsdex {

std::string detect_language(std::string_view title, std::string_view text) {
  std::string sample;
  sample.reserve(std::min(title.size() + 1 + text.size(), LANGUAGE_SAMPLE_BYTES));
  sample.append(title).append(1, '\n').append(text.substr(0, LANGUAGE_SAMPLE_BYTES));
  if (sample.size() > LANGUAGE_SAMPLE_BYTES) {
    sample.resize(LANGUAGE_SAMPLE_BYTES);
    // Cut back to a character boundary: CLD2 reads nothing after an incomplete character.
    std::size_t lead = sample.size();
    while (lead > 0 && (static_cast<unsigned char>(sample[lead - 1]) & 0xC0) == 0x80) --lead;
    if (lead > 0) {
      const auto byte = static_cast<unsigned char>(sample[lead - 1]);
      const std::size_t length = byte < 0x80 ? 1 : byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2;
      if (lead - 1 + length > sample.size()) sample.resize(lead - 1);
    }
  }
  bool reliable = false;
  int valid_bytes = 0;
  const CLD2::Language found = CLD2::DetectLanguageCheckUTF8(sample.data(), static_cast<int>(sample.size()),
                                                             /*is_plain_text=*/true, &reliable, &valid_bytes);
  if (!reliable || found == CLD2::UNKNOWN_LANGUAGE) return {};
  // "zh-Hant" and the like reduce to their primary language; a language newsdex has no
  // stemmer or dictionary for gives "".
  return language_code(CLD2::LanguageCode(found));
}

}  // namespace newsdex
