#include "input_format.h"

#include <algorithm>

#include "core/ascii_text.h"
#include "csv_reader.h"
#include "json_lines_reader.h"
#include "plain_text_reader.h"
#include "record_fields.h"
#include "reuters_reader.h"
#include "trec_reader.h"

namespace newsdex {
namespace {

// The file name without directories and without a .gz suffix, its A-Z lowered (so
// DATA.CSV is a .csv file).
std::string base_name(std::string_view name) {
  const auto slash = name.find_last_of('/');
  std::string base = lower_ascii(slash == std::string_view::npos ? name : name.substr(slash + 1));
  if (base.ends_with(".gz")) base.resize(base.size() - 3);
  return base;
}

// ".txt" of "story.txt"; empty for "README", ".profile", or a number such as ".0001"
// (an extension names a type only when it holds a letter).
std::string_view extension_of(std::string_view base) {
  const auto dot = base.find_last_of('.');
  if (dot == std::string_view::npos || dot == 0) return {};
  const std::string_view extension = base.substr(dot);
  const bool letter = std::any_of(extension.begin(), extension.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  });
  return letter ? extension : std::string_view();
}

// A CSV header line: two or more cells split by a comma, a tab or a semicolon, each (its
// quotes and spaces trimmed, lower-cased) a field name readers understand without
// configuration, one of them the body's ("title,text", "text\tcategory"). A line of
// prose never is, so an export piped in with no name (`cat news.csv | newsdex-index -`)
// is read row by row instead of as one article.
bool is_csv_header(std::string_view content) {
  const std::string_view line = content.substr(0, content.find_first_of("\r\n"));
  for (const char delimiter : {',', '\t', ';'}) {
    std::size_t cells = 0;
    bool all_known = true, body = false;
    for (std::string_view rest = line; all_known;) {
      const auto end = rest.find(delimiter);
      std::string cell = lower_ascii(rest.substr(0, end));
      const auto first = cell.find_first_not_of(" \"");
      const auto last = cell.find_last_not_of(" \"");
      cell = first == std::string::npos ? std::string() : cell.substr(first, last - first + 1);
      all_known = is_default_record_field(cell);
      body = body || is_default_body_field(cell);
      ++cells;
      if (end == std::string_view::npos) break;
      rest.remove_prefix(end + 1);
    }
    if (all_known && body && cells >= 2) return true;
  }
  return false;
}

// Plain text by name: .txt or .text.
bool is_plain_text_extension(std::string_view extension) { return extension == ".txt" || extension == ".text"; }

}  // namespace

std::optional<InputFormat> parse_input_format(std::string_view name) {
  if (name == "plain" || name == "text") return InputFormat::PLAIN;
  if (name == "reuters") return InputFormat::REUTERS;
  if (name == "jsonl" || name == "json" || name == "ndjson") return InputFormat::JSON_LINES;
  if (name == "trec") return InputFormat::TREC;
  if (name == "csv") return InputFormat::CSV;
  return std::nullopt;
}

std::string_view input_format_name(InputFormat format) {
  switch (format) {
    case InputFormat::PLAIN: return "plain";
    case InputFormat::REUTERS: return "reuters";
    case InputFormat::JSON_LINES: return "jsonl";
    case InputFormat::TREC: return "trec";
    case InputFormat::CSV: return "csv";
  }
  return "plain";
}

std::optional<InputFormat> detect_input_format(std::string_view name, std::string_view head) {
  const std::string base = base_name(name);
  if (base.ends_with(".csv") || base.ends_with(".tsv")) return InputFormat::CSV;
  if (base.starts_with("reut2-") || head.find("<REUTERS") != std::string_view::npos ||
      head.find("<!DOCTYPE lewis") != std::string_view::npos)
    return InputFormat::REUTERS;
  if (base.ends_with(".jsonl") || base.ends_with(".ndjson") || base.ends_with(".json"))
    return InputFormat::JSON_LINES;
  std::size_t first = 0;
  if (head.starts_with("\xEF\xBB\xBF")) first = 3;  // a UTF-8 byte order mark
  while (first < head.size() && static_cast<unsigned char>(head[first]) <= ' ') ++first;
  const std::string_view content = head.substr(first);
  if (content.starts_with("<DOC>")) return InputFormat::TREC;
  if (content.starts_with("{")) return InputFormat::JSON_LINES;
  const std::string_view extension = extension_of(base);
  if (extension.empty() && is_csv_header(content)) return InputFormat::CSV;
  if (is_plain_text_extension(extension)) return InputFormat::PLAIN;
  if (extension.empty() && head.find('\0') == std::string_view::npos) return InputFormat::PLAIN;
  return std::nullopt;
}

std::string undetected_format_reason(std::string_view name) {
  const std::string base = base_name(name);
  const std::string_view extension = extension_of(base);
  const std::string why = extension.empty() ? std::string("binary content (a NUL byte in its first bytes)")
                                            : "unknown file type '" + std::string(extension) + "'";
  return why + " (--format NAME reads it as plain, jsonl, csv, reuters or trec)";
}

std::unique_ptr<ArticleReader> make_reader(InputFormat format, std::istream& in, const std::string& name,
                                           const std::string& default_id, Diagnostics& diagnostics,
                                           const ReaderOptions& options) {
  switch (format) {
    case InputFormat::REUTERS: return std::make_unique<ReutersReader>(in, name, diagnostics, options);
    case InputFormat::JSON_LINES:
      return std::make_unique<JsonLinesReader>(in, name, default_id, diagnostics, options);
    case InputFormat::TREC: return std::make_unique<TrecReader>(in, name, diagnostics, options);
    case InputFormat::CSV: {
      if (options.csv_delimiter || !base_name(name).ends_with(".tsv"))
        return std::make_unique<CsvReader>(in, name, default_id, diagnostics, options);
      ReaderOptions tabs = options;
      tabs.csv_delimiter = '\t';
      return std::make_unique<CsvReader>(in, name, default_id, diagnostics, tabs);
    }
    case InputFormat::PLAIN: break;
  }
  return std::make_unique<PlainTextReader>(in, name, default_id, diagnostics, options);
}

}  // namespace newsdex
