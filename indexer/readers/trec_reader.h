// TREC <DOC> newswire files (AP, WSJ, FT, LA Times and the like): several documents per
// file, each
//   <DOC> <DOCNO> AP880212-0001 </DOCNO> <HEAD>...</HEAD> <DATE>880212</DATE>
//         <TEXT> ... </TEXT> </DOC>
// DOCNO is the id; HEADLINE, HL or HEAD the title (several are joined); TEXT the body
// (several are joined); DATE or DD the publication date. Inner markup (<P>) is dropped and
// SGML entities decoded. The source is the DOCNO's letter prefix (AP, WSJ, FT, LA).
// Records are streamed one at a time.
#pragma once

#include <istream>
#include <string>

#include "article_reader.h"
#include "core/date_parser.h"
#include "core/diagnostics.h"
#include "record_scanner.h"

namespace newsdex {

class TrecReader : public ArticleReader {
 public:
  TrecReader(std::istream& in, std::string name, Diagnostics& diagnostics, const ReaderOptions& options = {});
  bool next(Article& article) override;

 private:
  bool parse_record(std::string& record, Article& article);

  std::string name_;
  Diagnostics& diagnostics_;
  DateParser dates_;
  RecordScanner scanner_;
  std::string record_;
  std::size_t record_number_ = 0;
};

}  // namespace newsdex
