#include "known_names.h"

#include <algorithm>
#include <iterator>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <utility>

#include "analysis/analyzer.h"
#include "archive_people.h"
#include "on_threads.h"
#include "core/schema.h"
#include "entities/entity_tokens.h"
#include "entities/people_extractor.h"
#include "storage/stored_article.h"

namespace newsdex {
namespace {

struct Name {
  std::string key;                      // folded ("tim henman")
  std::vector<std::string> words;       // words_of() the name
  std::vector<std::string> terms;       // as the index holds them, for the phrase query
  std::optional<std::string> label;     // as an article wrote it, once read
  Xapian::doccount named = 0;           // articles of the archive and the commit naming the person
  Xapian::doccount unnamed = 0;         // articles found writing the name without naming the person
};

// A name's words as the entity tokenizer folds them: the same for "Robert Kilroy-Silk"
// and "Robert Kilroy Silk", "George W. Bush" and "George W Bush".
std::vector<std::string> words_of(std::string_view name, const Analyzer& analyzer) {
  std::vector<std::string> out;
  for (auto& token : tokenize_for_entities(name, analyzer)) out.push_back(std::move(token.folded));
  return out;
}

// The articles that must name `name` before it can be known: one with a listed given
// name, else MIN_NAMED_ARTICLES.
Xapian::doccount articles_needed(const Name& name) {
  return is_given_name(name.words.front()) ? 1 : MIN_NAMED_ARTICLES;
}

// Whether articles writing `name` without naming the person are to name them (the rule
// in known_names.h). A name without a given name that the extractor found once, or in
// few of the articles writing it, was more often something else it took for a name: on
// the 1987 wire "Gross Domestic Product", "Special Drawing Rights", "Capitol Hill", "Big
// Bang" (docs/measurements.md).
bool propagates(const Name& name) {
  if (is_given_name(name.words.front())) return true;
  return name.named >= MIN_NAMED_ARTICLES && name.named * MIN_NAMED_SHARE >= name.named + name.unnamed;
}

// The articles of `enquire`'s database `db`, which holds every word of `name`, that
// write them in a phrase but do not name the person, in document-id order.
std::vector<Xapian::docid> candidates(const Xapian::Database& db, Xapian::Enquire& enquire, const Name& name) {
  std::vector<std::pair<Xapian::doccount, const std::string*>> words;
  for (const auto& term : name.terms) words.emplace_back(db.get_termfreq(term), &term);
  std::sort(words.begin(), words.end());
  // The articles naming the person write the surname (the extractor found the name
  // there, or the surname alone that surname_resolver.h completed): when it is the
  // rarest word, as many of them as write it means every one of those names the person.
  // (A name pinned by --people through an alias without the surname is the exception.)
  const std::string person = person_term(name.key);
  if (words.front().second == &name.terms.back() && db.get_termfreq(person) >= words.front().first) return {};
  // Usually every article writing all the words names the person already: this walk
  // finds so without the phrase query, which costs several times more.
  auto named = db.postlist_begin(person);
  const auto named_end = db.postlist_end(person);
  std::vector<Xapian::PostingIterator> others;
  for (std::size_t i = 1; i < words.size(); ++i) others.push_back(db.postlist_begin(*words[i].second));
  const std::string& rarest = *words.front().second;
  bool unnamed = false;
  for (auto post = db.postlist_begin(rarest); post != db.postlist_end(rarest) && !unnamed; ++post) {
    if (named != named_end) named.skip_to(*post);
    if (named != named_end && *named == *post) continue;
    unnamed = true;
    for (std::size_t i = 0; i < others.size() && unnamed; ++i) {
      others[i].skip_to(*post);
      unnamed = others[i] != db.postlist_end(*words[i + 1].second) && *others[i] == *post;
    }
  }
  if (!unnamed) return {};
  enquire.set_query(Xapian::Query(Xapian::Query::OP_AND_NOT,
                                  Xapian::Query(Xapian::Query::OP_PHRASE, name.terms.begin(), name.terms.end(),
                                                static_cast<Xapian::termcount>(name.terms.size())),
                                  Xapian::Query(person)));
  std::vector<Xapian::docid> out;
  const Xapian::MSet matches = enquire.get_mset(0, words.front().first);
  for (auto it = matches.begin(); it != matches.end(); ++it) out.push_back(*it);
  return out;
}

// For each word of `names`, the indexes of the databases of `dbs` that hold it, in
// order: one pass over each database's words, where a lookup per name and database
// cost several times more on a commit of many parts.
std::unordered_map<std::string, std::vector<std::size_t>> holders_of(const std::vector<Name>& names,
                                                                     const std::vector<Xapian::Database>& dbs) {
  std::unordered_map<std::string, std::vector<std::size_t>> holders;
  for (const Name& name : names)
    for (const auto& term : name.terms) holders.try_emplace(term);
  for (std::size_t d = 0; d < dbs.size(); ++d) {
    // A name's words begin with a lower-case letter or a non-ASCII byte: from "a" on, past
    // the prefixed terms (upper-case ASCII) and the numbers.
    auto it = dbs[d].allterms_begin();
    it.skip_to("a");
    for (; it != dbs[d].allterms_end(); ++it)
      if (const auto found = holders.find(*it); found != holders.end()) found->second.push_back(d);
  }
  return holders;
}

// The indexes that all of `lists` (each in order) hold.
std::vector<std::size_t> common_to(const std::vector<const std::vector<std::size_t>*>& lists) {
  std::vector<std::size_t> out = *lists.front();
  for (std::size_t i = 1; i < lists.size() && !out.empty(); ++i) {
    std::vector<std::size_t> both;
    std::set_intersection(out.begin(), out.end(), lists[i]->begin(), lists[i]->end(), std::back_inserter(both));
    out = std::move(both);
  }
  return out;
}

// An Enquire on `db` for candidates(): unweighted, in document-id order.
Xapian::Enquire candidate_enquire(const Xapian::Database& db) {
  Xapian::Enquire enquire(db);
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  enquire.set_docid_order(Xapian::Enquire::ASCENDING);
  return enquire;
}

// The index of the first token of `tokens` that begins `words`, or past the end.
std::size_t first_mention(const std::vector<EntityToken>& tokens, const std::vector<std::string>& words) {
  for (std::size_t k = 0; k + words.size() <= tokens.size(); ++k) {
    std::size_t i = 0;
    while (i < words.size() && tokens[k + i].folded == words[i]) ++i;
    if (i == words.size()) return k;
  }
  return tokens.size();
}

// Adds to one article the names of `names` its text writes as names, each before the
// people it mentions later (the list is in order of first mention); a bare surname it
// names joins the full name. Returns whether it changed.
bool tag(Xapian::WritableDatabase& db, Xapian::docid docid, const std::vector<const Name*>& names,
         const Analyzer& analyzer) {
  Xapian::Document doc = db.get_document(docid);
  Article article = decode_stored_article(doc.get_data());
  const std::vector<EntityToken> tokens = tokenize_for_entities(article.title + "\n\n" + article.body, analyzer);
  struct Person {
    std::string key, label;
    std::vector<std::string> words;  // words_of() the label
    std::size_t first;               // token of the first mention
  };
  std::vector<Person> people;
  for (const auto& label : article.people) {
    std::vector<std::string> words = words_of(label, analyzer);
    const std::size_t first = first_mention(tokens, words);
    people.push_back({analyzer.fold(label), label, std::move(words), first});
  }
  bool changed = false;
  for (const Name* name : names) {
    if (!name->label) continue;
    const std::optional<std::size_t> at = writes_as_a_name(tokens, name->words);
    if (!at) continue;
    // Named already, or under another spelling ("Robert Kilroy Silk", "George W Bush").
    const auto same = [&](const Person& p) { return p.words == name->words; };
    if (std::any_of(people.begin(), people.end(), same)) continue;
    Person person{name->key, *name->label, name->words, *at};
    const std::string_view surname = std::string_view(name->key).substr(name->key.rfind(' ') + 1);
    if (const auto bare = std::find_if(people.begin(), people.end(), [&](const Person& p) { return p.key == surname; });
        bare != people.end()) {
      person.first = std::min(person.first, bare->first);
      people.erase(bare);
    }
    const auto later = std::find_if(people.begin(), people.end(), [&](const Person& p) { return p.first > person.first; });
    people.insert(later, std::move(person));
    changed = true;
  }
  if (!changed) return false;
  std::vector<std::string> keys, labels;
  for (auto& person : people) {
    keys.push_back(std::move(person.key));
    labels.push_back(std::move(person.label));
  }
  replace_people(db, docid, std::move(doc), std::move(article), keys, std::move(labels));
  return true;
}

}  // namespace

struct KnownNames::State {
  Analyzer analyzer;
  std::vector<Name> known;        // every known name
  std::vector<Name*> fresh;  // those this commit makes known
};

KnownNames::KnownNames(const Xapian::Database& archive, const FullNameCounts& before,
                       const std::vector<PartInfo>& parts)
    : archive_(archive), parts_(parts), state_(std::make_unique<State>()) {
  FullNameCounts commit;
  for (const auto& part : parts_) count_full_names(Xapian::Database(part.path), commit);
  FullNameCounts total = before;
  for (const auto& [key, count] : commit) total[key] += count;
  auto& known = state_->known;
  for (const auto& [key, count] : total) {
    Name name{key, {}, state_->analyzer.terms(key), std::nullopt, count, 0};
    name.words = words_of(key, state_->analyzer);
    if (name.words.size() < 2 || name.terms.empty() || count < articles_needed(name)) continue;
    known.push_back(std::move(name));
  }
  std::sort(known.begin(), known.end(), [](const Name& a, const Name& b) { return a.key < b.key; });
  for (Name& name : known) {
    const auto was = before.find(name.key);
    if (was == before.end() || was->second < articles_needed(name)) state_->fresh.push_back(&name);
  }
}

KnownNames::~KnownNames() = default;

KnownNameTags KnownNames::tag_parts() {
  KnownNameTags done;
  std::vector<Name>& known = state_->known;
  // Which parts hold each word, read once; then the names shared out among threads, each
  // with its own handles on the parts (a Xapian handle is not thread-safe), part by part:
  // a query on the parts combined costs more than one on each (measured).
  std::unordered_map<std::string, std::vector<std::size_t>> holders;
  {
    std::vector<Xapian::Database> readers;
    for (const auto& part : parts_) readers.emplace_back(part.path);
    holders = holders_of(known, readers);
  }
  const unsigned threads = rewrite_threads(known.size());
  // Per thread, per part: the articles to rewrite, with the names each is to take.
  using Changes = std::map<Xapian::docid, std::vector<const Name*>>;
  std::vector<std::vector<Changes>> found_by(threads, std::vector<Changes>(parts_.size()));
  on_threads(threads, [&](unsigned thread) {
    std::vector<Xapian::Database> readers;
    std::vector<Xapian::Enquire> enquires;
    for (const auto& part : parts_) {
      readers.emplace_back(part.path);
      enquires.push_back(candidate_enquire(readers.back()));
    }
    for (std::size_t i = thread; i < known.size(); i += threads) {
      Name& name = known[i];
      std::vector<const std::vector<std::size_t>*> lists;
      for (const auto& term : name.terms) lists.push_back(&holders.at(term));
      std::vector<std::pair<std::size_t, Xapian::docid>> found;
      for (const std::size_t p : common_to(lists))
        for (const Xapian::docid docid : candidates(readers[p], enquires[p], name)) found.emplace_back(p, docid);
      name.unnamed += static_cast<Xapian::doccount>(found.size());
      if (found.empty() || !propagates(name)) continue;
      for (const auto& [p, docid] : found) found_by[thread][p][docid].push_back(&name);
      for (std::size_t p = 0; p < readers.size() && !name.label; ++p) name.label = person_label_in(readers[p], name.key);
    }
  });
  // Merged, each article's names in the order of `known`, whatever the threads.
  std::vector<Changes> changes(parts_.size());
  for (const auto& by_part : found_by)
    for (std::size_t p = 0; p < by_part.size(); ++p)
      for (const auto& [docid, names] : by_part[p]) {
        auto& all = changes[p][docid];
        all.insert(all.end(), names.begin(), names.end());
      }
  for (auto& by_doc : changes)
    for (auto& [docid, names] : by_doc) std::sort(names.begin(), names.end());  // `known` is one array
  for (Name& name : known)
    if (name.unnamed > 0 && propagates(name) && !name.label) name.label = person_label_in(archive_, name.key);
  std::set<const Name*> written;
  for (const auto& by_doc : changes)
    for (const auto& [docid, names] : by_doc) written.insert(names.begin(), names.end());
  done.names = written.size();
  done.articles = rewrite_articles(parts_, changes, tag);
  return done;
}

KnownNameTags KnownNames::tag_archive(Xapian::WritableDatabase& merged, Xapian::docid old_last) {
  KnownNameTags done;
  std::map<Xapian::docid, std::vector<const Name*>> changes;
  if (old_last == 0) return done;  // no archive before this commit
  Xapian::Enquire enquire = candidate_enquire(merged);
  for (Name* fresh : state_->fresh) {
    Name& name = *fresh;
    std::vector<Xapian::docid> found;
    const bool holds_all = std::all_of(name.terms.begin(), name.terms.end(),
                                       [&](const std::string& term) { return merged.term_exists(term); });
    if (holds_all) {
      for (const Xapian::docid docid : candidates(merged, enquire, name))
        if (docid <= old_last) found.push_back(docid);  // the commit's own were looked at in its parts
    }
    name.unnamed += static_cast<Xapian::doccount>(found.size());
    if (found.empty() || !propagates(name)) continue;
    ++done.names;
    for (const Xapian::docid docid : found) changes[docid].push_back(&name);
    if (!name.label) name.label = person_label_in(merged, name.key);
  }
  for (const auto& [docid, names] : changes)
    if (tag(merged, docid, names, state_->analyzer)) ++done.articles;
  return done;
}

}  // namespace newsdex
