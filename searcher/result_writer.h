// The output formats of newsdex-search, one writer per format behind one interface.
// A writer prints one query's result (or its error) as one record; batches print the
// records in input order.
#pragma once

#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "hit_fields.h"
#include "search_request.h"

namespace newsdex {

enum class OutputFormat { TEXT, JSON, JSONL, TREC, CSV };
std::optional<OutputFormat> output_format_from_name(std::string_view name);

class ResultWriter {
 public:
  virtual ~ResultWriter() = default;
  virtual void write(std::ostream& out, const SearchRequest& request, const SearchResult& result) = 0;
  // A query that could not run; `message` says why.
  virtual void write_error(std::ostream& out, const SearchRequest& request, const std::string& message) = 0;
  // A batch writes each record (what write or write_error wrote for one query) through
  // this, in input order, from one thread; write and write_error run on several threads
  // at once and keep nothing between records. A writer that joins records (CSV tables
  // that run on from query to query) overrides it.
  virtual void write_record(std::ostream& out, const std::string& record) { out << record; }
};

struct WriterOptions {
  bool colour = false;           // text: ANSI colours and highlighted matches (on a terminal)
  bool batch = false;            // records carry the query id
  std::size_t width = 80;        // text: the terminal's columns, which a timeline's bars fill
  std::vector<HitField> fields;  // json, jsonl, csv: what each hit carries (empty: the default)
  // json, jsonl: each hit with a snippet also carries "highlights", the matched words as
  // [start, length] pairs counted in Unicode code points of the snippet (newsdex-serve's
  // page marks them without parsing any markup).
  bool highlights = false;
};

std::unique_ptr<ResultWriter> make_writer(OutputFormat format, const WriterOptions& options);

// --format csv (csv_writer.cc): RFC 4180 tables, one per thing asked.
std::unique_ptr<ResultWriter> make_csv_writer(bool batch, std::vector<HitField> fields);

}  // namespace newsdex
