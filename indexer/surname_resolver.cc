#include "surname_resolver.h"

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>

#include "analysis/analyzer.h"
#include "core/schema.h"
#include "entities/entity_tokens.h"
#include "entities/people_extractor.h"
#include "storage/facet_values.h"
#include "storage/stored_article.h"

namespace newsdex {
namespace {

// Xapian rejects terms over 245 bytes (document_builder.cc skips such names too).
constexpr std::size_t MAX_BOOLEAN_TERM = 240;

std::string person_term(std::string_view key) { return std::string(schema::PREFIX_PERSON) + std::string(key); }

// What the archive and the commit know of people's names: the articles naming each full
// name, by its last word, and how often a word begins a full name.
struct Lexicon {
  std::unordered_map<std::string, Xapian::doccount> full;            // folded full name -> articles
  std::unordered_map<std::string, Xapian::doccount> first_word_of;   // word -> articles of full names it begins
  std::unordered_map<std::string, std::vector<std::string>> by_surname;  // last word -> full names

  // Adds `db`'s person terms; the single-word ones go to `bare` when it is given.
  void add(const Xapian::Database& db, std::vector<std::string>* bare) {
    const std::string prefix(schema::PREFIX_PERSON);
    for (auto it = db.allterms_begin(prefix); it != db.allterms_end(prefix); ++it) {
      const std::string key = (*it).substr(prefix.size());
      if (key.find(' ') == std::string::npos) {
        if (bare) bare->push_back(key);
        continue;
      }
      auto [at, fresh] = full.try_emplace(key, 0);
      at->second += it.get_termfreq();
      first_word_of[key.substr(0, key.find(' '))] += it.get_termfreq();
      if (fresh) by_surname[key.substr(key.rfind(' ') + 1)].push_back(key);
    }
  }

  // The full name a bare surname stands for, when the archive's evidence is strong enough.
  std::optional<std::string> full_name_of(const std::string& surname) const {
    const auto found = by_surname.find(surname);
    if (found == by_surname.end()) return std::nullopt;
    std::vector<std::pair<Xapian::doccount, std::string>> ranked;
    for (const auto& name : found->second) ranked.emplace_back(full.at(name), name);
    std::sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) {
      return a.first != b.first ? a.first > b.first : a.second < b.second;
    });
    const Xapian::doccount best = ranked[0].first;
    Xapian::doccount others = 0;
    for (std::size_t k = 1; k < ranked.size(); ++k) others += ranked[k].first;
    const auto as_first = first_word_of.find(surname);
    if (best < MIN_FULL_NAME_ARTICLES || best < DOMINANCE_RATIO * others ||
        (as_first != first_word_of.end() && as_first->second >= best))
      return std::nullopt;
    return ranked[0].second;
  }
};

// The name as an article wrote it ("Tony Blair") for the folded key ("tony blair"): the
// label of a person value of an article naming it.
std::optional<std::string> label_in(const Xapian::Database& db, const std::string& key) {
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

struct Resolution {
  std::string bare;        // folded surname
  std::string full;        // folded full name
  std::string label;       // the full name as written
};

// The given names of a folded full name: its words but the last.
std::vector<std::string_view> given_names_of(const std::string& full) {
  std::vector<std::string_view> out;
  std::string_view rest = full;
  for (auto space = rest.find(' '); space != std::string_view::npos; space = rest.find(' ')) {
    out.push_back(rest.substr(0, space));
    rest.remove_prefix(space + 1);
  }
  return out;
}

// Rewrites one article of a part: its bare surnames become the full names, but for a
// surname its text writes as someone else's ("Mike Leigh", "Mr Justice Sullivan":
// the extractor did not take it for a person in full). Returns whether it changed.
bool rewrite(Xapian::WritableDatabase& part, Xapian::docid docid, std::vector<const Resolution*> changes,
             const Analyzer& analyzer) {
  Xapian::Document doc = part.get_document(docid);
  Article article = decode_stored_article(doc.get_data());
  const std::string text = article.title + "\n\n" + article.body;
  const std::vector<EntityToken> tokens = tokenize_for_entities(text, analyzer);
  std::erase_if(changes, [&](const Resolution* change) {
    return names_another_bearer(tokens, change->bare, given_names_of(change->full));
  });
  if (changes.empty()) return false;
  std::vector<std::string> people, keys;
  for (const auto& name : article.people) {
    std::string key = analyzer.fold(name);
    std::string label = name;
    for (const Resolution* change : changes) {
      if (key != change->bare) continue;
      key = change->full;
      label = change->label;
    }
    if (std::find(keys.begin(), keys.end(), key) != keys.end()) continue;  // named in full too
    keys.push_back(std::move(key));
    people.push_back(std::move(label));
  }
  for (const Resolution* change : changes) {
    doc.remove_term(person_term(change->bare));
    if (const std::string term = person_term(change->full); term.size() <= MAX_BOOLEAN_TERM) doc.add_boolean_term(term);
  }
  article.people = people;
  replace_facet_values(doc, Facet::PERSON, keys, people);
  doc.set_data(encode_stored_article(article));
  part.replace_document(docid, doc);
  return true;
}

}  // namespace

SurnameResolutions resolve_surnames(const Xapian::Database& archive, const std::vector<PartInfo>& parts) {
  SurnameResolutions done;
  std::map<std::string, std::optional<Resolution>> resolved;  // by bare surname; nullopt: left alone
  // Per part: the articles to rewrite, with the names each is to take.
  std::vector<std::map<Xapian::docid, std::vector<const Resolution*>>> changes(parts.size());
  {
    std::vector<Xapian::Database> readers;
    for (const auto& part : parts) readers.emplace_back(part.path);
    Lexicon lexicon;
    lexicon.add(archive, nullptr);
    std::vector<std::vector<std::string>> bare(parts.size());
    for (std::size_t p = 0; p < parts.size(); ++p) lexicon.add(readers[p], &bare[p]);
    for (std::size_t p = 0; p < parts.size(); ++p) {
      for (const auto& surname : bare[p]) {
        auto [at, fresh] = resolved.try_emplace(surname);
        if (fresh) {
          if (const auto full = lexicon.full_name_of(surname)) {
            std::optional<std::string> label;
            for (std::size_t q = 0; q < readers.size() && !label; ++q) label = label_in(readers[q], *full);
            if (!label) label = label_in(archive, *full);
            if (label) {
              at->second = Resolution{surname, *full, *label};
              ++done.surnames;
            }
          }
        }
        if (!at->second) continue;
        const std::string term = person_term(surname);
        for (auto post = readers[p].postlist_begin(term); post != readers[p].postlist_end(term); ++post)
          changes[p][*post].push_back(&*at->second);
      }
    }
  }  // the readers are closed before a part is written

  std::optional<Analyzer> analyzer;  // built when an article is to change
  for (std::size_t p = 0; p < parts.size(); ++p) {
    if (changes[p].empty()) continue;
    if (!analyzer) analyzer.emplace();
    Xapian::WritableDatabase writable(parts[p].path, Xapian::DB_OPEN | Xapian::DB_NO_SYNC);
    try {
      for (const auto& [docid, resolutions] : changes[p])
        if (rewrite(writable, docid, resolutions, *analyzer)) ++done.articles;
      writable.commit();
    } catch (...) {
      // After a write error (a full disk) the handle is closed here: left to its
      // destructor, it would try to write again, and a destructor may not throw.
      try {
        writable.close();
      } catch (const Xapian::Error&) {
        // the first error is the one to report
      }
      throw;
    }
    writable.close();
  }
  return done;
}

}  // namespace newsdex
