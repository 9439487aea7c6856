#include "term_writer.h"

#include <string>

#include "schema.h"

namespace newsdex {

TermWriter::TermWriter(Analyzer& analyzer, Xapian::Stem stemmer)
    : analyzer_(analyzer), stemmer_(std::move(stemmer)) {}

void TermWriter::index(Xapian::Document& doc, std::string_view text, std::string_view prefix,
                       Xapian::termcount wdf_boost) {
  std::string stem_term(schema::PREFIX_STEM);
  std::string prefixed(prefix);
  analyzer_.for_each_token(text, [&](const Token& token) {
    doc.add_posting(token.term, ++position_, 1 + wdf_boost);
    if (!prefix.empty()) {
      prefixed.resize(prefix.size());
      prefixed += token.term;
      doc.add_term(prefixed);
    }
    if (is_stop_word(token.term)) return;
    std::string stem = stemmer_(token.term);
    if (stem.empty()) return;
    stem_term.resize(schema::PREFIX_STEM.size());
    stem_term += stem;
    doc.add_term(stem_term, 1 + wdf_boost);
    if (!prefix.empty()) {
      // Title stems live under "ZS", as TermGenerator writes them for a prefix.
      prefixed.assign(schema::PREFIX_STEM).append(prefix).append(stem);
      doc.add_term(prefixed);
    }
  });
}

void TermWriter::next_field() { position_ += schema::FIELD_POSITION_GAP; }

}  // namespace newsdex
