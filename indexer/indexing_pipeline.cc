#include "indexing_pipeline.h"

#include <spdlog/spdlog.h>

#include <iostream>

#include "document_builder.h"
#include "entity_extractor.h"
#include "extract_writer.h"

namespace newsdex {

PipelineSummary run_indexing(const std::vector<InputFile>& inputs, const PipelineOptions& options,
                             IndexWriter* writer, Diagnostics& diagnostics) {
  PipelineSummary summary;
  DocumentBuilder builder(options.default_language);
  EntityExtractor extractor(options.people_file);
  Article article;
  for (const auto& input : inputs) {
    with_input_stream(input, diagnostics, [&](std::istream& in, std::string_view head) {
      const InputFormat format = options.format.value_or(detect_input_format(input.path, head));
      spdlog::debug("{}: reading as {}", input.path, input_format_name(format));
      auto reader = make_reader(format, in, input.path, input.default_id, diagnostics);
      while (reader->next(article)) {
        ++summary.articles_read;
        summary.bytes_read += article.title.size() + article.body.size();
        if (options.extract_entities) extractor.extract(article);
        if (options.extract_only) write_extract_line(std::cout, article);
        else writer->write(DocumentBuilder::id_term(article.id), builder.build(article));
      }
    });
  }
  if (writer) {
    writer->commit();
    summary.written = writer->counts();
  }
  return summary;
}

}  // namespace newsdex
