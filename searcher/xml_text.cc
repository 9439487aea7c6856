#include "xml_text.h"

#include <utility>

namespace newsdex {

std::string xml_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default:
        // XML 1.0 allows no C0 control character but tab, line feed and carriage return.
        out += static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r' ? ' ' : c;
    }
  }
  return out;
}

std::string markup_text(std::string_view markup) {
  static constexpr std::pair<std::string_view, char> ENTITIES[] = {
      {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&#39;", '\''}, {"&apos;", '\''}};
  std::string out;
  out.reserve(markup.size());
  for (std::size_t i = 0; i < markup.size(); ++i) {
    char c = markup[i];
    if (c == '&') {
      for (const auto& [entity, character] : ENTITIES) {
        if (markup.substr(i, entity.size()) == entity) {
          c = character;
          i += entity.size() - 1;
          break;
        }
      }
    }
    out += c;
  }
  return out;
}

}  // namespace newsdex
