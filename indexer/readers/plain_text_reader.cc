#include "plain_text_reader.h"

#include <algorithm>
#include <iterator>
#include <sstream>
#include <vector>

#include "core/ascii_text.h"
#include "analysis/language.h"
#include "core/text_encoding.h"

namespace newsdex {
namespace {

// "Tessa Wong and George Wright", "A, B and C" -> the names.
std::vector<std::string> split_names(std::string_view byline) {
  std::vector<std::string> names;
  std::string normalised(byline);
  for (std::size_t at; (at = normalised.find(" and ")) != std::string::npos;) normalised.replace(at, 5, ",");
  for (std::size_t at; (at = normalised.find(" & ")) != std::string::npos;) normalised.replace(at, 3, ",");
  std::stringstream parts(normalised);
  for (std::string part; std::getline(parts, part, ',');) {
    auto name = trim_space(part);
    if (name.starts_with("By ") || name.starts_with("by ")) name.remove_prefix(3);
    if (!name.empty()) names.emplace_back(name);
  }
  return names;
}

// "BBC reporter" -> "BBC"; other bylines are names.
bool byline_names_source(std::string_view byline, std::string& source) {
  static constexpr std::string_view ROLES[] = {" reporter", " correspondent", " staff", " news"};
  const std::string lower = lower_ascii(byline);
  for (auto role : ROLES) {
    if (lower.size() > role.size() && lower.ends_with(role)) {
      source = std::string(trim_space(byline.substr(0, byline.size() - role.size())));
      return true;
    }
  }
  return false;
}

}  // namespace

PlainTextReader::PlainTextReader(std::istream& in, std::string name, std::string default_id,
                                 Diagnostics& diagnostics, const ReaderOptions& options)
    : in_(in),
      name_(std::move(name)),
      default_id_(std::move(default_id)),
      diagnostics_(diagnostics),
      max_bytes_(options.max_record_bytes) {}

bool PlainTextReader::next(Article& article) {
  if (done_) return false;
  done_ = true;
  article = Article{};
  article.origin = {name_, 1, 1};

  // One article per file: read at most the limit (and one byte more, to know it was passed).
  std::string content;
  char chunk[1 << 16];
  while (content.size() <= max_bytes_ && in_.read(chunk, sizeof chunk).gcount() > 0)
    content.append(chunk, static_cast<std::size_t>(in_.gcount()));
  if (in_.bad()) {
    diagnostics_.skipped(article.origin, "unreadable", "read error");
    return false;
  }
  if (content.size() > max_bytes_) {
    diagnostics_.skipped(article.origin, "too-large", "file longer than the --max-record-size limit");
    return false;
  }
  if (repair_utf8(content))
    diagnostics_.warning(article.origin, "invalid-utf8", "invalid UTF-8 replaced with U+FFFD");
  if (repair_double_encoding(content)) diagnostics_.warning(article.origin, "mojibake", DOUBLE_ENCODING_REPAIRED);
  else if (looks_double_encoded(content))
    diagnostics_.warning(article.origin, "mojibake-suspected", DOUBLE_ENCODING_SUSPECTED);
  if (replace_control_bytes(content))
    diagnostics_.warning(article.origin, "control-bytes", "control characters replaced with spaces");

  std::vector<std::string_view> lines;
  for (std::size_t start = 0; start <= content.size();) {
    std::size_t end = content.find('\n', start);
    if (end == std::string::npos) end = content.size();
    lines.emplace_back(std::string_view(content).substr(start, end - start));
    start = end + 1;
  }

  std::size_t at = 0;
  // Byline block: lines starting with "- ".
  for (; at < lines.size() && trim_space(lines[at]).starts_with("- "); ++at) {
    std::string_view byline = trim_space(trim_space(lines[at]).substr(2));
    if (!byline_names_source(byline, article.source)) {
      for (auto& n : split_names(byline)) article.authors.push_back(std::move(n));
    }
  }
  // Header block: "Key: value" lines ended by a blank line. Only a block whose every
  // line is a known key counts, so a body that starts "Note: ..." stays body.
  static constexpr std::string_view KEYS[] = {"title", "date", "author", "authors", "source",
                                               "url",   "language", "lang", "id", "byline"};
  std::size_t header_end = at;
  bool header = false;
  for (std::size_t i = at; i < lines.size(); ++i) {
    std::string_view line = trim_space(lines[i]);
    if (line.empty()) {
      header = i > at;
      header_end = i;
      break;
    }
    const auto colon = line.find(':');
    if (colon == std::string_view::npos) break;
    const std::string key = lower_ascii(trim_space(line.substr(0, colon)));
    if (std::find(std::begin(KEYS), std::end(KEYS), key) == std::end(KEYS)) break;
  }
  if (header) {
    for (std::size_t i = at; i < header_end; ++i) {
      std::string_view line = trim_space(lines[i]);
      const auto colon = line.find(':');
      const std::string key = lower_ascii(trim_space(line.substr(0, colon)));
      const std::string value(trim_space(line.substr(colon + 1)));
      const SourcePosition where{name_, i + 1, 1};
      if (key == "title") article.title = value;
      else if (key == "id") article.id = value;
      else if (key == "source") article.source = value;
      else if (key == "url") article.url = value;
      else if (key == "author" || key == "authors" || key == "byline")
        for (auto& n : split_names(value)) article.authors.push_back(std::move(n));
      else if (key == "language" || key == "lang") {
        article.language = language_code(value);
        if (article.language.empty())
          diagnostics_.warning(where, "unknown-language", "unknown language '" + value + "'; the default applies");
      } else if (key == "date") {
        article.date = dates_.parse(value);
        if (!article.date)
          diagnostics_.warning(where, "bad-date", "unparseable date '" + value + "'; article kept without a date");
      }
    }
    at = header_end + 1;
  }
  while (at < lines.size() && trim_space(lines[at]).empty()) ++at;
  if (article.title.empty() && at < lines.size()) {
    article.title = std::string(trim_space(lines[at]));
    ++at;
  }
  for (; at < lines.size(); ++at) {
    article.body.append(lines[at]);
    article.body += '\n';
  }
  while (!article.body.empty() && static_cast<unsigned char>(article.body.back()) <= ' ') article.body.pop_back();
  if (article.id.empty()) article.id = default_id_;
  if (article.title.empty() && article.body.empty()) {
    diagnostics_.skipped(article.origin, "empty", "article has no text");
    return false;
  }
  return true;
}

}  // namespace newsdex
