// CSV and TSV: one article per row, as spreadsheets, database exports and data sets such
// as the BBC News CSV write them. RFC 4180: fields may be quoted, a quote inside a quoted
// field is doubled, quoted fields may hold delimiters and newlines, lines end in LF or
// CRLF; a leading UTF-8 byte order mark is dropped. The first row is a header that names
// the columns, in any order, with the same names and `--field` mappings as JSON Lines
// (record_fields.h): `text,category` reads as body and topic. A cell of a list column
// (people, countries, topics) holds several values separated by ';' or '|'; authors are
// split like a byline ("A and B"). A row without an id column gets "<file id>:<line>".
//
// Errors name the file and the line where the row starts, and skip only that row: a row
// with more or fewer fields than the header, a row longer than --max-record-size (never
// held whole), a quote that never closes (the rest of the file). A header that names no
// text column (body or title) skips the file.
#pragma once

#include <istream>
#include <optional>
#include <string>
#include <vector>

#include "article_reader.h"
#include "core/date_parser.h"
#include "core/diagnostics.h"
#include "record_fields.h"
#include "record_scanner.h"

namespace newsdex {

class CsvReader : public ArticleReader {
 public:
  // The delimiter is options.csv_delimiter when set, else guessed from the header line:
  // the most frequent of ',', ';' and tab outside quotes (',' when none occurs).
  CsvReader(std::istream& in, std::string name, std::string default_id, Diagnostics& diagnostics,
            const ReaderOptions& options = {});
  bool next(Article& article) override;

 private:
  enum class Row { OK, SKIPPED, END };
  Row read_row(std::vector<std::string>& fields);
  bool read_header();
  bool make_article(const std::vector<std::string>& row, Article& article);

  std::string name_;
  std::string default_id_;
  Diagnostics& diagnostics_;
  DateParser dates_;
  RecordScanner scanner_;
  FieldMapping mapping_;
  std::size_t max_bytes_;
  std::optional<char> delimiter_;
  bool started_ = false;
  bool done_ = false;
  std::size_t header_size_ = 0;
  std::size_t rows_ = 0;                 // data rows seen, usable or not
  std::size_t row_line_ = 0;             // line where the last row started
  std::vector<int> column_;              // article field (article_field_names() order) -> column, or -1
  std::string line_;
  std::vector<std::string> row_;
};

}  // namespace newsdex
