#include "analysis/query_text.h"

#include <array>

namespace newsdex {
namespace {

// QueryParser's operators are upper-case words; they must reach it untouched.
constexpr std::array<std::string_view, 6> OPERATORS = {"AND", "OR", "NOT", "XOR", "NEAR", "ADJ"};

bool is_operator(std::string_view word) {
  for (auto op : OPERATORS)
    if (word == op) return true;
  return false;
}

}  // namespace

std::string normalise_query_text(Analyzer& analyzer, std::string_view text,
                                 const std::function<bool(std::string_view)>& is_field, std::size_t* words,
                                 std::vector<QueryToken>* tokens) {
  std::size_t word_count = 0;
  std::string out;
  out.reserve(text.size());
  std::size_t copied = 0;  // bytes of `text` already reflected in `out`
  analyzer.for_each_token(text, [&](const Token& token) {
    const std::string_view original = text.substr(token.begin, token.end - token.begin);
    out.append(text.substr(copied, token.begin - copied));
    // Two words with nothing between them (Chinese, Japanese, Thai) must reach
    // QueryParser as two words that follow each other, as they were indexed: a hyphen
    // between them makes QueryParser read a phrase, as it does for "co-operation".
    if (token.begin == copied && copied != 0 && !out.empty()) out += '-';
    const bool field = token.end < text.size() && text[token.end] == ':' && is_field(original);
    const auto kind = field                   ? QueryToken::Kind::FIELD
                      : is_operator(original) ? QueryToken::Kind::OPERATOR
                                              : QueryToken::Kind::WORD;
    const std::string_view given = kind == QueryToken::Kind::WORD ? std::string_view(token.term) : original;
    out.append(given);
    if (kind == QueryToken::Kind::WORD) ++word_count;
    if (tokens) tokens->push_back({token.begin, token.end, std::string(given), kind});
    copied = token.end;
  });
  out.append(text.substr(copied));
  if (words) *words = word_count;
  return out;
}

}  // namespace newsdex
