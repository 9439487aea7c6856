// The path of every article: input file -> reader -> analysis and extraction ->
// Xapian document -> writer. Produces the run's summary.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "diagnostics.h"
#include "index_writer.h"
#include "input_files.h"
#include "readers/input_format.h"

namespace newsdex {

struct PipelineOptions {
  std::optional<InputFormat> format;  // nullopt: detect per file
  std::string default_language = "en";
  bool extract_entities = true;  // false (--no-entities): skip EntityExtractor::extract
  bool extract_only = false;  // print what extraction finds (JSON lines) instead of writing
  std::string people_file;    // --people: canonical names and aliases for extraction, or ""
};

struct PipelineSummary {
  std::size_t articles_read = 0;
  std::size_t bytes_read = 0;
  WriteCounts written;
};

// Reads every input and writes its articles through `writer` (or, with extract_only,
// prints them to stdout and `writer` may be null). Problems are reported to
// `diagnostics`; the run goes on past them.
PipelineSummary run_indexing(const std::vector<InputFile>& inputs, const PipelineOptions& options,
                             IndexWriter* writer, Diagnostics& diagnostics);

}  // namespace newsdex
