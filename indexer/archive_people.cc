#include "archive_people.h"

#include <algorithm>

#include "core/schema.h"
#include "storage/facet_values.h"
#include "storage/stored_article.h"

namespace newsdex {

void count_full_names(const Xapian::Database& db, FullNameCounts& counts) {
  const std::string prefix(schema::PREFIX_PERSON);
  for (auto it = db.allterms_begin(prefix); it != db.allterms_end(prefix); ++it) {
    std::string key = (*it).substr(prefix.size());
    if (key.find(' ') != std::string::npos) counts[std::move(key)] += it.get_termfreq();
  }
}

std::string person_term(std::string_view key) { return std::string(schema::PREFIX_PERSON) + std::string(key); }

std::optional<std::string> person_label_in(const Xapian::Database& db, const std::string& key) {
  const std::string term = person_term(key);
  auto post = db.postlist_begin(term);
  if (post == db.postlist_end(term)) return std::nullopt;
  const Xapian::Document doc = db.get_document(*post);
  for (unsigned i = 0;; ++i) {
    const auto slot = facet_slot(Facet::PERSON, i);
    if (!slot) return std::nullopt;
    const std::string value = doc.get_value(*slot);
    if (value.empty()) return std::nullopt;
    const auto [value_key, label] = split_facet_value(value);
    if (value_key == key) return std::string(label);
  }
}

void replace_people(Xapian::WritableDatabase& db, Xapian::docid docid, Xapian::Document doc, Article article,
                    const std::vector<std::string>& keys, std::vector<std::string> labels) {
  const std::string prefix(schema::PREFIX_PERSON);
  std::vector<std::string> stale;
  for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it) {
    const std::string term = *it;
    if (!term.starts_with(prefix)) continue;
    if (std::find(keys.begin(), keys.end(), term.substr(prefix.size())) == keys.end()) stale.push_back(term);
  }
  for (const auto& term : stale) doc.remove_term(term);
  for (const auto& key : keys)
    if (const std::string term = person_term(key); term.size() <= schema::MAX_BOOLEAN_TERM) doc.add_boolean_term(term);
  replace_facet_values(doc, Facet::PERSON, keys, labels);
  article.people = std::move(labels);
  doc.set_data(encode_stored_article(article));
  db.replace_document(docid, doc);
}

}  // namespace newsdex
