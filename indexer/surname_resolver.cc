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
#include "core/calendar.h"
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
    std::vector<std::pair<Xapian::doccount, std::string>> counts;
    for (const auto& name : found->second) counts.emplace_back(full.at(name), name);
    return dominant(surname, std::move(counts));
  }

  // The full name among `counts` (articles naming each full name ending in `surname`)
  // that is named in enough articles and dominates the others; none when the surname
  // begins full names as often as that name is named.
  std::optional<std::string> dominant(const std::string& surname,
                                      std::vector<std::pair<Xapian::doccount, std::string>> counts) const {
    if (counts.empty()) return std::nullopt;
    std::sort(counts.begin(), counts.end(), [](const auto& a, const auto& b) {
      return a.first != b.first ? a.first > b.first : a.second < b.second;
    });
    const Xapian::doccount best = counts[0].first;
    Xapian::doccount others = 0;
    for (std::size_t k = 1; k < counts.size(); ++k) others += counts[k].first;
    const auto as_first = first_word_of.find(surname);
    if (best < MIN_FULL_NAME_ARTICLES || best < DOMINANCE_RATIO * others ||
        (as_first != first_word_of.end() && as_first->second >= full.at(counts[0].second)))
      return std::nullopt;
    return counts[0].second;
  }

  // The full names ending in `surname` (none when it ends none).
  const std::vector<std::string>& full_names_of(const std::string& surname) const {
    static const std::vector<std::string> none;
    const auto found = by_surname.find(surname);
    return found == by_surname.end() ? none : found->second;
  }
};

// The day (days since 1970-01-01) of each article of `db`, by document id, read from the
// date slot as the articles of `docids` (ascending) ask for it; nullopt for an undated one.
class ArticleDays {
 public:
  explicit ArticleDays(const Xapian::Database& db)
      : value_(db.valuestream_begin(schema::SLOT_DATE)), end_(db.valuestream_end(schema::SLOT_DATE)) {}
  // `docid` no lower than the one asked before.
  std::optional<long> of(Xapian::docid docid) {
    if (value_ == end_) return std::nullopt;
    if (value_.get_docid() < docid) value_.skip_to(docid);
    if (value_ == end_ || value_.get_docid() != docid) return std::nullopt;
    return day_number(*value_);
  }

 private:
  Xapian::ValueIterator value_, end_;
};

// The first and last day of the dated articles of `dbs`; nullopt when none is dated.
std::optional<std::pair<long, long>> date_span(const std::vector<const Xapian::Database*>& dbs) {
  std::optional<std::pair<long, long>> span;
  for (const auto* db : dbs) {
    if (db->get_value_freq(schema::SLOT_DATE) == 0) continue;
    const auto first = day_number(db->get_value_lower_bound(schema::SLOT_DATE));
    const auto last = day_number(db->get_value_upper_bound(schema::SLOT_DATE));
    if (!first || !last) continue;
    if (!span) span.emplace(*first, *last);
    span->first = std::min(span->first, *first);
    span->second = std::max(span->second, *last);
  }
  return span;
}

// The days on which articles of `dbs` name `term`, ascending (undated ones left out).
std::vector<long> days_naming(const std::vector<const Xapian::Database*>& dbs, const std::string& term) {
  std::vector<long> days;
  for (const auto* db : dbs) {
    ArticleDays day_of(*db);
    for (auto post = db->postlist_begin(term); post != db->postlist_end(term); ++post)
      if (const auto day = day_of.of(*post)) days.push_back(*day);
  }
  std::sort(days.begin(), days.end());
  return days;
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
  std::set<std::string> commit_surnames;       // last words of the commit's full names
  std::vector<std::vector<std::string>> bare;  // per part: its single-word people
  // Whether the archive and the commit span more than DATE_WINDOW_DAYS; if not, every
  // article's window holds every date, and the counts of the whole archive decide.
  bool dated = false;
  // When dated: the days on which articles name each full name that shares its last word
  // with another, for the surnames this commit resolves (folded full name -> days, ascending).
  std::unordered_map<std::string, std::vector<long>> days_of;
  std::map<std::string, std::optional<std::string>> everywhere;  // by surname: the archive-wide decision
  std::map<std::string, std::optional<Resolution>> resolved;      // by full name; nullopt: no label found
  std::set<std::string> surnames_resolved;
  std::optional<Analyzer> analyzer;  // built when an article is to change

  // Whether `surname` is decided article by article, by the date of each.
  bool by_day(const std::string& surname) const { return dated && lexicon.full_names_of(surname).size() > 1; }

  // The full name `surname` stands for in an article of `day`: among the full names ending
  // in it, the one the articles within DATE_WINDOW_DAYS of that day make dominant; the
  // archive-wide one when no article near that day names any of them, or the article is
  // undated.
  std::optional<std::string> full_name_at(const std::string& surname, std::optional<long> day) {
    if (by_day(surname) && day) {
      std::vector<std::pair<Xapian::doccount, std::string>> near;
      Xapian::doccount named = 0;
      for (const auto& name : lexicon.full_names_of(surname)) {
        const auto& days = days_of.at(name);
        const auto n = static_cast<Xapian::doccount>(std::upper_bound(days.begin(), days.end(), *day + DATE_WINDOW_DAYS) -
                                                     std::lower_bound(days.begin(), days.end(), *day - DATE_WINDOW_DAYS));
        near.emplace_back(n, name);
        named += n;
      }
      if (named > 0) return lexicon.dominant(surname, std::move(near));
    }
    auto [at, fresh] = everywhere.try_emplace(surname);
    if (fresh) at->second = lexicon.full_name_of(surname);
    return at->second;
  }

  // What a bare `surname` in an article of `day` becomes; null to leave it. `label_from`
  // tells where the full name's label is read.
  template <typename LabelFrom>
  const Resolution* resolution(const std::string& surname, std::optional<long> day, LabelFrom&& label_from) {
    const std::optional<std::string> full = full_name_at(surname, day);
    if (!full) return nullptr;
    auto [at, fresh] = resolved.try_emplace(*full);
    if (fresh)
      if (std::optional<std::string> label = label_from(*full)) at->second = Resolution{surname, *full, std::move(*label)};
    if (!at->second) return nullptr;
    surnames_resolved.insert(surname);
    return &*at->second;
  }

  // Lists in `changes` the articles of `db` that name `surname` bare (document ids up to
  // `last`), each with what it becomes.
  template <typename LabelFrom>
  void resolve_in(const Xapian::Database& db, const std::string& surname, Xapian::docid last, LabelFrom&& label_from,
                  std::map<Xapian::docid, std::vector<const Resolution*>>& changes) {
    const Resolution* same = by_day(surname) ? nullptr : resolution(surname, std::nullopt, label_from);
    if (!same && !by_day(surname)) return;
    ArticleDays day_of(db);
    const std::string term = person_term(surname);
    for (auto post = db.postlist_begin(term); post != db.postlist_end(term) && *post <= last; ++post)
      if (const Resolution* change = same ? same : resolution(surname, day_of.of(*post), label_from))
        changes[*post].push_back(change);
  }

  // Reads, when the dates call for it, the days of the full names that the surnames to
  // resolve may stand for, from `dbs` (the archive and the commit's parts).
  void read_days(const std::vector<const Xapian::Database*>& dbs) {
    const auto span = date_span(dbs);
    dated = span && span->second - span->first > DATE_WINDOW_DAYS;
    if (!dated) return;
    std::set<std::string> surnames(commit_surnames);
    for (const auto& part : bare) surnames.insert(part.begin(), part.end());
    for (const auto& surname : surnames)
      if (by_day(surname))
        for (const auto& name : lexicon.full_names_of(surname))
          if (!days_of.contains(name)) days_of.emplace(name, days_naming(dbs, person_term(name)));
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
  std::vector<Xapian::Database> readers;
  std::vector<const Xapian::Database*> dbs{&archive_};
  for (std::size_t p = 0; p < parts_.size(); ++p) {
    readers.emplace_back(parts_[p].path);
    state_->lexicon.add(readers.back(), state_->bare[p], state_->commit_surnames);
  }
  for (const auto& reader : readers) dbs.push_back(&reader);
  state_->read_days(dbs);
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
    for (std::size_t p = 0; p < parts_.size(); ++p)
      for (const auto& surname : state_->bare[p])
        state_->resolve_in(readers[p], surname, Xapian::docid(-1), label_from, changes[p]);
  }  // the readers are closed before a part is written

  done.articles = rewrite_articles(parts_, changes, rewrite);
  done.surnames = state_->surnames_resolved.size();
  return done;
}

SurnameResolutions SurnameResolver::resolve_archive(Xapian::WritableDatabase& merged, Xapian::docid old_last) {
  SurnameResolutions done;
  std::map<Xapian::docid, std::vector<const Resolution*>> changes;
  const auto label_from = [&](const std::string& full) { return person_label_in(merged, full); };
  state_->surnames_resolved.clear();
  for (const auto& surname : state_->commit_surnames)
    if (merged.get_termfreq(person_term(surname)) != 0) state_->resolve_in(merged, surname, old_last, label_from, changes);
  done.surnames = state_->surnames_resolved.size();
  if (!changes.empty()) {
    if (!state_->analyzer) state_->analyzer.emplace();
    done.articles = State::rewrite_all(merged, changes, *state_->analyzer);
  }
  return done;
}

}  // namespace newsdex
