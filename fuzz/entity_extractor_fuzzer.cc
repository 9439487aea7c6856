// Entity extraction on arbitrary text. The input is split at its first two newlines into
// title, dateline and body; the text is made valid UTF-8 first, as every reader does.
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/date_parser.h"
#include "entities/entity_extractor.h"
#include "fuzz_support.h"
#include "core/text_encoding.h"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  newsdex::fuzz::quiet_logging();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace newsdex;
  static EntityExtractor extractor;
  std::string text(reinterpret_cast<const char*>(data), size);
  repair_utf8(text);
  Article article;
  article.id = "fuzz";
  const std::size_t first = text.find('\n');
  article.title = text.substr(0, first);
  if (first != std::string::npos) {
    const std::size_t second = text.find('\n', first + 1);
    article.dateline = text.substr(first + 1, second == std::string::npos ? std::string::npos : second - first - 1);
    if (second != std::string::npos) article.body = text.substr(second + 1);
  }
  extractor.extract(article);
  for (const auto& code : article.countries) {
    NEWSDEX_FUZZ_CHECK(code.size() == 2 && code[0] >= 'A' && code[0] <= 'Z' && code[1] >= 'A' && code[1] <= 'Z',
                       code);
  }
  for (const auto& person : article.people) NEWSDEX_FUZZ_CHECK(!person.empty(), "empty person name");
  for (const auto& date : article.mentioned_dates) {
    NEWSDEX_FUZZ_CHECK(date.month >= 1 && date.month <= 12, date.to_iso());
    if (date.has_day()) NEWSDEX_FUZZ_CHECK(is_valid_day(date.year, date.month, date.day), date.to_iso());
  }
  fuzz::check_article(article);
  return 0;
}
