// The output formats of newsdex-search, one writer per format behind one interface.
// A writer prints one query's result (or its error) as one record; batches print the
// records in input order.
#pragma once

#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>

#include "searcher.h"

namespace newsdex {

enum class OutputFormat { TEXT, JSON, JSONL, TREC };
std::optional<OutputFormat> output_format_from_name(std::string_view name);

class ResultWriter {
 public:
  virtual ~ResultWriter() = default;
  virtual void write(std::ostream& out, const SearchRequest& request, const SearchResult& result) = 0;
  // A query that could not run; `message` says why.
  virtual void write_error(std::ostream& out, const SearchRequest& request, const std::string& message) = 0;
};

// `colour`: ANSI colours and highlighted matches (text format on a terminal).
// `batch`: records carry the query id, JSON records take one line each.
// `width`: the terminal's columns, which a timeline's bars fill.
std::unique_ptr<ResultWriter> make_text_writer(bool colour, bool batch, std::size_t width = 80);
std::unique_ptr<ResultWriter> make_json_writer(bool one_line_per_hit, bool batch);
// TREC run format "qid Q0 docid rank score tag"; `tag` names the run.
std::unique_ptr<ResultWriter> make_trec_writer(const std::string& tag);

std::unique_ptr<ResultWriter> make_writer(OutputFormat format, bool colour, bool batch, std::size_t width = 80);

// --show in JSON: every stored field of the article (its text included), on one line.
std::string article_json_line(const Article& article);

}  // namespace newsdex
