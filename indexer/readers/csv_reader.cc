#include "csv_reader.h"

#include <algorithm>

#include "core/ascii_text.h"
#include "core/text_encoding.h"

namespace newsdex {
namespace {

constexpr std::string_view BYTE_ORDER_MARK = "\xEF\xBB\xBF";

// The most frequent of ',', ';' and tab outside quotes in the header line; ',' on a tie.
char guess_delimiter(std::string_view header) {
  std::size_t comma = 0, semicolon = 0, tab = 0;
  bool quoted = false;
  for (char c : header) {
    if (c == '"') quoted = !quoted;
    else if (quoted) continue;
    else if (c == ',') ++comma;
    else if (c == ';') ++semicolon;
    else if (c == '\t') ++tab;
  }
  if (semicolon > comma && semicolon >= tab) return ';';
  if (tab > comma && tab > semicolon) return '\t';
  return ',';
}

// "a; b | c" -> {"a", "b", "c"}; a cell without ';' or '|' is one value.
std::vector<std::string> split_list(std::string_view cell) {
  std::vector<std::string> values;
  std::size_t start = 0;
  while (start <= cell.size()) {
    std::size_t end = cell.find_first_of(";|", start);
    if (end == std::string_view::npos) end = cell.size();
    const auto value = trim_space(cell.substr(start, end - start));
    if (!value.empty()) values.emplace_back(value);
    start = end + 1;
  }
  return values;
}

std::size_t field_index(const std::string& field) {
  const auto& names = article_field_names();
  return static_cast<std::size_t>(std::find(names.begin(), names.end(), field) - names.begin());
}

}  // namespace

CsvReader::CsvReader(std::istream& in, std::string name, std::string default_id, Diagnostics& diagnostics,
                     const ReaderOptions& options)
    : name_(std::move(name)),
      default_id_(std::move(default_id)),
      diagnostics_(diagnostics),
      scanner_(in, options.max_record_bytes),
      mapping_(options.fields),
      max_bytes_(options.max_record_bytes),
      delimiter_(options.csv_delimiter) {}

// One row: a line, or several when a quoted field holds newlines. The row is held only up
// to the size limit; past it the rest is scanned (to find where the row ends) and dropped.
CsvReader::Row CsvReader::read_row(std::vector<std::string>& fields) {
  fields.clear();
  RecordScanner::Status status;
  do {
    status = scanner_.next_line(line_);
    if (status == RecordScanner::Status::END) {
      if (scanner_.read_error()) diagnostics_.skipped({name_, scanner_.line(), 0}, "unreadable", "read error");
      return Row::END;
    }
    if (!started_ && status == RecordScanner::Status::OK && line_.starts_with(BYTE_ORDER_MARK)) line_.erase(0, 3);
  } while (status == RecordScanner::Status::OK && line_.empty());  // blank lines between rows
  row_line_ = scanner_.line();
  const SourcePosition where{name_, row_line_, 0};
  if (status == RecordScanner::Status::TOO_LARGE) {
    diagnostics_.skipped(where, "too-large", "row longer than the --max-record-size limit");
    return Row::SKIPPED;
  }
  if (!delimiter_) delimiter_ = guess_delimiter(line_);
  const char delimiter = *delimiter_;

  bool repaired = false;
  bool too_large = false;
  std::size_t bytes = 0;
  std::string field;
  bool in_quotes = false;
  bool field_started = false;  // a quote opens a quoted field only as its first character
  while (true) {
    repaired = repair_utf8(line_) || repaired;
    bytes += line_.size() + 1;
    if (bytes > max_bytes_ && !too_large) {
      too_large = true;
      field.clear();
      field.shrink_to_fit();
      fields.clear();
    }
    for (std::size_t i = 0; i < line_.size(); ++i) {
      const char c = line_[i];
      if (in_quotes) {
        if (c != '"') {
          if (!too_large) field += c;
        } else if (i + 1 < line_.size() && line_[i + 1] == '"') {
          if (!too_large) field += '"';
          ++i;
        } else {
          in_quotes = false;
        }
      } else if (c == delimiter) {
        if (!too_large) fields.push_back(std::move(field));
        field.clear();
        field_started = false;
      } else if (c == '"' && !field_started) {
        in_quotes = true;
        field_started = true;
      } else {
        if (!too_large) field += c;
        field_started = true;
      }
    }
    if (!in_quotes) break;
    // A newline inside a quoted field belongs to the field (CRLF is read as LF).
    if (!too_large) field += '\n';
    status = scanner_.next_line(line_);
    if (status == RecordScanner::Status::END) {
      if (scanner_.read_error()) diagnostics_.skipped({name_, scanner_.line(), 0}, "unreadable", "read error");
      diagnostics_.skipped(where, "malformed-csv", "quoted field never closes: the rest of the file");
      done_ = true;
      return Row::END;
    }
    if (status == RecordScanner::Status::TOO_LARGE) {
      diagnostics_.skipped(where, "too-large", "row longer than the --max-record-size limit");
      return Row::SKIPPED;
    }
  }
  if (too_large) {
    diagnostics_.skipped(where, "too-large", "row longer than the --max-record-size limit");
    return Row::SKIPPED;
  }
  fields.push_back(std::move(field));
  if (repaired) diagnostics_.warning(where, "invalid-utf8", "invalid UTF-8 replaced with U+FFFD");
  return Row::OK;
}

bool CsvReader::read_header() {
  std::vector<std::string> header;
  Row status;
  while ((status = read_row(header)) == Row::SKIPPED) {
  }
  started_ = true;
  if (status == Row::END) {
    if (!done_) diagnostics_.warning({name_, 0, 0}, "no-records", "no header row: the file is empty");
    return false;
  }
  header_size_ = header.size();
  const auto& names = article_field_names();
  column_.assign(names.size(), -1);
  for (std::size_t f = 0; f < names.size(); ++f) {
    for (const auto& wanted : mapping_.names(names[f])) {
      const std::string folded = lower_ascii(wanted);
      for (std::size_t c = 0; c < header.size() && column_[f] < 0; ++c)
        if (lower_ascii(trim_space(header[c])) == folded) column_[f] = static_cast<int>(c);
      if (column_[f] >= 0) break;
    }
  }
  if (column_[field_index("body")] < 0 && column_[field_index("title")] < 0) {
    std::string columns;
    for (std::size_t c = 0; c < header.size(); ++c) columns += (c ? "," : "") + std::string(trim_space(header[c]));
    diagnostics_.skipped({name_, row_line_, 0}, "malformed-csv",
                         "the header '" + columns + "' names no text column (text, body, content, title, "
                         "headline; --field body=NAME names another): the whole file");
    done_ = true;
    return false;
  }
  return true;
}

bool CsvReader::next(Article& article) {
  if (done_) return false;
  if (!started_ && !read_header()) {
    done_ = true;
    return false;
  }
  while (true) {
    const Row status = read_row(row_);
    if (status == Row::END) break;
    ++rows_;
    if (status == Row::SKIPPED) continue;
    if (row_.size() != header_size_) {
      diagnostics_.skipped({name_, row_line_, 0}, "malformed-csv",
                           "row has " + std::to_string(row_.size()) + " fields; the header has " +
                               std::to_string(header_size_));
      continue;
    }
    if (make_article(row_, article)) return true;
  }
  if (rows_ == 0 && !done_) diagnostics_.warning({name_, 0, 0}, "no-records", "no rows below the header");
  done_ = true;
  return false;
}

bool CsvReader::make_article(const std::vector<std::string>& row, Article& article) {
  article = Article{};
  article.origin = {name_, row_line_, 0};
  auto cell = [&](const char* field) -> std::string_view {
    const int column = column_[field_index(field)];
    return column < 0 ? std::string_view() : trim_space(row[static_cast<std::size_t>(column)]);
  };
  article.id = cell("id");
  if (article.id.empty()) article.id = default_id_ + ":" + std::to_string(row_line_);
  article.title = cell("title");
  article.body = cell("body");
  article.dateline = cell("dateline");
  article.url = cell("url");
  article.source = cell("source");
  article.authors = split_names(cell("authors"));
  set_language(article, cell("language"), diagnostics_);
  set_date(article, cell("date"), dates_, diagnostics_);
  if (const auto people = cell("people"); !people.empty()) set_given_people(article, split_list(people));
  if (const auto places = cell("countries"); !places.empty())
    set_given_countries(article, split_list(places), diagnostics_);
  article.given.topics = split_list(cell("topics"));
  return finish_record(article, diagnostics_);
}

}  // namespace newsdex
