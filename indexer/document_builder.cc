#include "document_builder.h"

#include <optional>

#include "storage/facet_values.h"
#include "storage/id_term.h"
#include "analysis/language.h"
#include "core/schema.h"
#include "storage/stored_article.h"
#include "analysis/term_writer.h"

namespace newsdex {
namespace {

void add_boolean_term(Xapian::Document& doc, const std::string& term) {
  if (term.size() <= schema::MAX_BOOLEAN_TERM) doc.add_boolean_term(term);
}

void add_boolean(Xapian::Document& doc, std::string_view prefix, const std::string& value) {
  if (value.empty()) return;
  std::string term(prefix);
  term += value;
  add_boolean_term(doc, term);
}

}  // namespace

DocumentBuilder::DocumentBuilder(std::string default_language)
    : default_language_(std::move(default_language)) {}

Xapian::Document DocumentBuilder::build(const Article& given) {
  // The indexer settles every article's language before it gets here (indexing_pipeline);
  // an article without one is in the default language, and says so when stored.
  std::optional<Article> settled;
  if (given.language.empty()) {
    settled = given;
    settled->language = default_language_;
  }
  const Article& article = settled ? *settled : given;
  const std::string& language = article.language;
  Xapian::Document doc;
  TermWriter terms(analyzer_, stemmer_for(language));

  // A derived title repeats the text's first sentence: its words are not the publisher's
  // title and are indexed once, as text.
  // The sketch reads the title and the text: a templated report (a dividend notice, a
  // price table) names its company only in its title, and two of them are not one story.
  if (!article.title_derived)
    terms.index(doc, article.title, schema::PREFIX_TITLE, schema::TITLE_WDF_BOOST, &sketcher_);
  terms.next_field();
  if (!article.dateline.empty()) {
    terms.index(doc, article.dateline);
    terms.next_field();
  }
  terms.index(doc, article.body, {}, 0, &sketcher_);
  last_truncated_ = terms.truncated();
  const std::optional<Sketch> sketch = sketcher_.finish();
  if (sketch) {
    doc.add_value(schema::SLOT_SKETCH, encode_sketch(*sketch));
    for (const auto& band : story_band_terms(*sketch)) doc.add_boolean_term(band);
  }
  doc.add_value(schema::SLOT_STORY, own_story_key(article.id, sketch));

  doc.add_boolean_term(id_term(article.id));
  const FoldedNames folded = fold_names(article, analyzer_);
  for (const auto& author : folded.authors) add_boolean(doc, schema::PREFIX_AUTHOR, author);
  for (const auto& person : folded.people) add_boolean(doc, schema::PREFIX_PERSON, person);
  for (const auto& country : article.countries)
    if (!country.empty()) add_boolean_term(doc, schema::country_term(country));
  for (const auto& region : article.regions)
    if (!region.empty()) add_boolean_term(doc, schema::region_term(region));
  for (const auto& mentioned : article.mentioned_dates)
    add_boolean(doc, schema::PREFIX_MENTIONED, mentioned.to_compact());
  add_boolean(doc, schema::PREFIX_SOURCE, folded.source);
  add_boolean(doc, schema::PREFIX_LANGUAGE, language);

  if (article.date) {
    const std::string day = article.date->to_compact();  // YYYYMMDD, or YYYYMM
    if (article.date->has_day()) {
      add_boolean(doc, schema::PREFIX_DAY, day);
      doc.add_value(schema::SLOT_DATE, day);
    }
    add_boolean(doc, schema::PREFIX_MONTH, day.substr(0, 6));
    add_boolean(doc, schema::PREFIX_YEAR, day.substr(0, 4));
  }
  add_facet_values(doc, article, folded);
  doc.set_data(encode_stored_article(article));
  return doc;
}

}  // namespace newsdex
