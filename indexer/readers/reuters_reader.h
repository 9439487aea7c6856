// Reuters-21578, in the original SGML distribution (reut2-NNN.sgm: a DOCTYPE line,
// &#N; references, Latin-1 bytes) and in the XML-ised edition (reut2-NNN.xml). Each
// <REUTERS> record becomes an article: NEWID is the id; DATE, TITLE, DATELINE and BODY
// its fields; PLACES, PEOPLE and TOPICS are kept as given labels, never as extracted facets.
// Records are streamed one at a time.
#pragma once

#include <istream>
#include <string>

#include "article_reader.h"
#include "core/date_parser.h"
#include "core/diagnostics.h"
#include "record_scanner.h"

namespace newsdex {

class ReutersReader : public ArticleReader {
 public:
  ReutersReader(std::istream& in, std::string name, Diagnostics& diagnostics, const ReaderOptions& options = {});
  bool next(Article& article) override;

 private:
  bool parse_record(std::string_view raw, Article& article);

  std::string name_;
  Diagnostics& diagnostics_;
  DateParser dates_;
  RecordScanner scanner_;
  std::string record_;
  std::size_t record_number_ = 0;
  bool latin1_ = false;  // SGML edition: bytes are ISO-8859-1
};

}  // namespace newsdex
