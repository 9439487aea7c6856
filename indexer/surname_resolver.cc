#include "surname_resolver.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <utility>

#include "analysis/analyzer.h"
#include "archive_people.h"
#include "core/schema.h"
#include "entities/entity_tokens.h"
#include "entities/people_extractor.h"
#include "storage/stored_article.h"

namespace newsdex {
namespace {

// What the archive and the commit know of people's names: the articles naming each full
// name, by its last word, and how often a word begins a full name.
struct Lexicon {
  std::unordered_map<std::string, Xapian::doccount> full;            // folded full name -> articles
  std::unordered_map<std::string, Xapian::doccount> first_word_of;   // word -> articles of full names it begins
  std::unordered_map<std::string, std::vector<std::string>> by_surname;  // last word -> full names

  // Adds a full name (folded) and the articles naming it; its last word goes to
  // `surnames` when it is given.
  void add(const std::string& key, Xapian::doccount articles, std::set<std::string>* surnames) {
    auto [at, fresh] = full.try_emplace(key, 0);
    at->second += articles;
    first_word_of[key.substr(0, key.find(' '))] += articles;
    std::string surname = key.substr(key.rfind(' ') + 1);
    if (fresh) by_surname[surname].push_back(key);
    if (surnames) surnames->insert(std::move(surname));
  }

  // Adds `db`'s person terms: the single-word ones go to `bare`, the full names' last
  // words to `surnames`.
  void add(const Xapian::Database& db, std::vector<std::string>& bare, std::set<std::string>& surnames) {
    const std::string prefix(schema::PREFIX_PERSON);
    for (auto it = db.allterms_begin(prefix); it != db.allterms_end(prefix); ++it) {
      const std::string key = (*it).substr(prefix.size());
      if (key.find(' ') == std::string::npos) bare.push_back(key);
      else add(key, it.get_termfreq(), &surnames);
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

// Rewrites one article: its bare surnames become the full names, but for a surname its
// text writes as someone else's ("Mike Leigh", "Mr Justice Sullivan":
// the extractor did not take it for a person in full). Returns whether it changed.
bool rewrite(Xapian::WritableDatabase& db, Xapian::docid docid, std::vector<const Resolution*> changes,
             const Analyzer& analyzer) {
  Xapian::Document doc = db.get_document(docid);
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
  replace_people(db, docid, std::move(doc), std::move(article), keys, std::move(people));
  return true;
}

}  // namespace

struct SurnameResolver::State {
  Lexicon lexicon;
  std::set<std::string> commit_surnames;                       // last words of the commit's full names
  std::vector<std::vector<std::string>> bare;                  // per part: its single-word people
  std::map<std::string, std::optional<Resolution>> resolved;  // by bare surname; nullopt: left alone
  std::optional<Analyzer> analyzer;                            // built when an article is to change

  // The resolution of `surname`, once decided; `label_from` tells where the full name's
  // label is read.
  template <typename LabelFrom>
  const std::optional<Resolution>& resolution(const std::string& surname, LabelFrom&& label_from) {
    auto [at, fresh] = resolved.try_emplace(surname);
    if (!fresh) return at->second;
    if (const auto full = lexicon.full_name_of(surname))
      if (const std::optional<std::string> label = label_from(*full)) at->second = Resolution{surname, *full, *label};
    return at->second;
  }

  // Rewrites the articles of `db` listed in `changes`; returns how many changed.
  static std::size_t rewrite_all(Xapian::WritableDatabase& db,
                                 const std::map<Xapian::docid, std::vector<const Resolution*>>& changes,
                                 const Analyzer& analyzer) {
    std::size_t changed = 0;
    for (const auto& [docid, resolutions] : changes)
      if (rewrite(db, docid, resolutions, analyzer)) ++changed;
    return changed;
  }
};

SurnameResolver::SurnameResolver(const Xapian::Database& archive, const FullNameCounts& archive_names,
                                 const std::vector<PartInfo>& parts)
    : archive_(archive), parts_(parts), state_(std::make_unique<State>()) {
  for (const auto& [key, articles] : archive_names) state_->lexicon.add(key, articles, nullptr);
  state_->bare.resize(parts_.size());
  for (std::size_t p = 0; p < parts_.size(); ++p)
    state_->lexicon.add(Xapian::Database(parts_[p].path), state_->bare[p], state_->commit_surnames);
}

SurnameResolver::~SurnameResolver() = default;

SurnameResolutions SurnameResolver::resolve_parts() {
  SurnameResolutions done;
  // Per part: the articles to rewrite, with the names each is to take.
  std::vector<std::map<Xapian::docid, std::vector<const Resolution*>>> changes(parts_.size());
  {
    std::vector<Xapian::Database> readers;
    for (const auto& part : parts_) readers.emplace_back(part.path);
    const auto label_from = [&](const std::string& full) {
      std::optional<std::string> label;
      for (std::size_t q = 0; q < readers.size() && !label; ++q) label = person_label_in(readers[q], full);
      return label ? label : person_label_in(archive_, full);
    };
    for (std::size_t p = 0; p < parts_.size(); ++p) {
      for (const auto& surname : state_->bare[p]) {
        const auto& resolution = state_->resolution(surname, label_from);
        if (!resolution) continue;
        const std::string term = person_term(surname);
        for (auto post = readers[p].postlist_begin(term); post != readers[p].postlist_end(term); ++post)
          changes[p][*post].push_back(&*resolution);
      }
    }
  }  // the readers are closed before a part is written

  done.articles = rewrite_articles(parts_, changes, rewrite);
  for (const auto& [surname, resolution] : state_->resolved) done.surnames += resolution.has_value();
  return done;
}

SurnameResolutions SurnameResolver::resolve_archive(Xapian::WritableDatabase& merged, Xapian::docid old_last) {
  SurnameResolutions done;
  std::map<Xapian::docid, std::vector<const Resolution*>> changes;
  const auto label_from = [&](const std::string& full) { return person_label_in(merged, full); };
  for (const auto& surname : state_->commit_surnames) {
    const std::string term = person_term(surname);
    if (merged.get_termfreq(term) == 0) continue;
    const auto& resolution = state_->resolution(surname, label_from);
    if (!resolution) continue;
    ++done.surnames;
    for (auto post = merged.postlist_begin(term); post != merged.postlist_end(term) && *post <= old_last; ++post)
      changes[*post].push_back(&*resolution);
  }
  if (!changes.empty()) {
    if (!state_->analyzer) state_->analyzer.emplace();
    done.articles = State::rewrite_all(merged, changes, *state_->analyzer);
  }
  return done;
}

}  // namespace newsdex
