#include "facet_counter.h"

#include <algorithm>
#include <map>
#include <thread>
#include <unordered_set>

#include <spdlog/spdlog.h>

#include "docid_range.h"
#include "match_bitmap.h"
#include "query_builder.h"
#include "core/schema.h"

namespace newsdex {
namespace {

// Raw counts by stored value -> facet values: merged by key (one key may have been stored
// with different labels), the label being the smallest among those counted, so every
// counting path names a value the same way.
struct Tally {
  struct Entry {
    Xapian::doccount count = 0;
    std::string label;
  };
  std::map<std::string, Entry, std::less<>> by_key;

  void add(std::string_view key, std::string_view label, Xapian::doccount count) {
    if (key.empty() || count == 0) return;
    auto it = by_key.find(key);
    if (it == by_key.end()) it = by_key.emplace(std::string(key), Entry{0, std::string(label)}).first;
    else if (label < it->second.label) it->second.label = label;
    it->second.count += count;
  }

  FacetCounts finish(Facet facet, std::size_t limit) const {
    FacetCounts out;
    out.facet = facet;
    out.distinct = by_key.size();
    std::vector<FacetValue> values;
    values.reserve(by_key.size());
    for (const auto& [key, entry] : by_key) {
      values.push_back({key, entry.label, entry.count});
      out.counted += entry.count;
    }
    const auto by_count = [](const FacetValue& a, const FacetValue& b) {
      return a.count != b.count ? a.count > b.count : a.key < b.key;
    };
    const std::size_t n = std::min(limit, values.size());
    std::partial_sort(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(n), values.end(), by_count);
    values.resize(n);
    out.top = std::move(values);
    return out;
  }
};

// Every document weighs 0, as under BoolWeight, but the scheme asks for the wdf: under
// BoolWeight, Xapian 1.4 reads a term that indexes every document through a path that
// fails once the database has had a deletion (boolean_terms.h). It costs little over
// BoolWeight (measured: docs/measurements.md#counting-passes).
class CountingWeight : public Xapian::Weight {
 public:
  CountingWeight() { need_stat(WDF); }
  std::string name() const override { return "newsdex.CountingWeight"; }
  Xapian::Weight* clone() const override { return new CountingWeight; }
  void init(double) override {}
  double get_sumpart(Xapian::termcount, Xapian::termcount, Xapian::termcount) const override { return 0; }
  double get_maxpart() const override { return 0; }
  double get_sumextra(Xapian::termcount, Xapian::termcount) const override { return 0; }
  double get_maxextra() const override { return 0; }
};

// Visits every match without scoring: counting needs no weights. A remote shard knows
// only Xapian's own schemes: there TfIdfWeight "nnn" (the wdf itself, no statistics)
// keeps off the same faulty path, at some cost over BoolWeight (measured:
// docs/measurements.md#counting-passes).
Xapian::MSet run_counting_pass(const Xapian::Database& db, const Xapian::Query& query,
                               const std::vector<Xapian::MatchSpy*>& spies, bool remote) {
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  if (remote) enquire.set_weighting_scheme(Xapian::TfIdfWeight("nnn"));
  else enquire.set_weighting_scheme(CountingWeight());
  enquire.set_docid_order(Xapian::Enquire::ASCENDING);
  for (auto* spy : spies) enquire.add_matchspy(spy);
  return enquire.get_mset(0, 0, db.get_doccount());
}

}  // namespace

namespace {

constexpr int STORY_SLOT_KEY = -1;  // columns_ key of the story column

int column_key(ColumnKind kind) { return kind.facet ? static_cast<int>(*kind.facet) : STORY_SLOT_KEY; }

// Calls the columns' counters for each match, by docid only: no value is decoded here.
// With a story column, a value counts each story once: a (value, story) pair is counted
// the first time a match holds it. An article without a story key is a story of its own.
class ColumnSpy : public Xapian::MatchSpy {
 public:
  // `stories`: count the stories of the matches (and, with `by_story`, each value once per story).
  ColumnSpy(std::vector<const FacetColumn*> columns, const FacetColumn* stories, bool by_story)
      : columns_(std::move(columns)), stories_(stories), by_story_(by_story), seen_(columns_.size()),
        without_(columns_.size()) {
    for (const auto* column : columns_) counts_.emplace_back(column->values(), 0);
    if (stories_) story_matches_.assign(stories_->values(), 0);
  }
  void operator()(const Xapian::Document& doc, double) override { count(doc.get_docid()); }
  // Counts one match.
  void count(Xapian::docid did) {
    constexpr std::uint32_t NO_STORY = UINT32_MAX;
    std::uint32_t story = NO_STORY;
    const auto story_of = stories_ ? stories_->of(did) : std::span<const std::uint32_t>{};
    if (!story_of.empty()) {
      story = checked(story_of.front(), story_matches_.size());
      if (story_matches_[story]++ == 0) ++stories_counted_;
    } else {
      ++stories_counted_;
    }
    if (!by_story_) story = NO_STORY;
    for (std::size_t f = 0; f < columns_.size(); ++f) {
      const auto values = columns_[f]->of(did);  // empty: no value, or added after the column was taken
      if (by_story_ && values.empty() && did <= columns_[f]->last_docid()) {
        if (story != NO_STORY) without_[f].insert(story);
        else ++without_plain_;
      }
      auto& counts = counts_[f];
      for (const std::uint32_t id : values) {
        const std::uint32_t value = checked(id, counts.size());
        if (story != NO_STORY && !seen_[f].insert(std::uint64_t{value} << 32 | story).second) continue;
        ++counts[value];
      }
    }
  }
  const std::vector<Xapian::doccount>& counts(std::size_t f) const { return counts_[f]; }
  // Adds the counts of a spy over the same columns that saw other matches (no stories).
  void add(const ColumnSpy& other) {
    for (std::size_t f = 0; f < counts_.size(); ++f)
      for (std::size_t id = 0; id < counts_[f].size(); ++id) counts_[f][id] += other.counts_[f][id];
  }
  Xapian::doccount stories() const { return stories_counted_; }
  Xapian::doccount story_matches(std::uint32_t story) const { return story_matches_[story]; }
  Xapian::doccount stories_without(std::size_t f) const {
    return static_cast<Xapian::doccount>(without_[f].size()) + without_plain_;
  }

 private:
  // A value id from a mapped file, which may be damaged: never used past its column's values.
  static std::uint32_t checked(std::uint32_t id, std::size_t values) {
    if (id >= values) throw std::runtime_error("a facet column file is damaged (value id out of range): remove it");
    return id;
  }
  std::vector<const FacetColumn*> columns_;
  const FacetColumn* stories_;
  bool by_story_;
  std::vector<std::vector<Xapian::doccount>> counts_;
  std::vector<std::unordered_set<std::uint64_t>> seen_;  // by facet: (value id, story id) pairs counted
  std::vector<Xapian::doccount> story_matches_;  // by story id
  Xapian::doccount stories_counted_ = 0;
  std::vector<std::unordered_set<std::uint32_t>> without_;  // by facet: stories with a match holding no value
  Xapian::doccount without_plain_ = 0;  // matches with neither a value nor a story key
};

}  // namespace

ColumnFacetCounter::ColumnFacetCounter(std::string dir) : dir_(std::move(dir)) {}
ColumnFacetCounter::~ColumnFacetCounter() = default;

bool ColumnFacetCounter::columns_mapped(const Xapian::Database& db) {
  if (!file_tried_ && !dir_.empty()) {
    file_tried_ = true;
    const std::string path = column_file_path(dir_, db);
    std::string why;
    file_ = ColumnFile::open(path, db, &why);
    if (file_) spdlog::debug("{}: facet columns mapped", path);
    else spdlog::debug("{}: {}; facet columns are read from the database instead", path, why);
  }
  return file_ != nullptr;
}

const FacetColumn& ColumnFacetCounter::column(const Xapian::Database& db, ColumnKind kind) {
  auto& slot = columns_[column_key(kind)];
  if (slot) return *slot;
  slot = columns_mapped(db) ? file_->column(kind) : build_column(db, kind);
  return *slot;
}

std::uint32_t ColumnFacetCounter::story_id(std::string_view key) const {
  const auto& stories = *columns_.at(STORY_SLOT_KEY);
  if (story_ids_.empty())
    for (std::uint32_t id = 0; id < stories.values(); ++id) story_ids_.emplace(stories.key(id), id);
  const auto found = story_ids_.find(key);
  return found == story_ids_.end() ? UINT32_MAX : found->second;
}

LoadedColumns ColumnFacetCounter::loaded() const {
  LoadedColumns out;
  for (const Facet facet : ALL_FACETS)
    if (columns_.count(static_cast<int>(facet))) out.facets.push_back(facet);
  out.stories = columns_.count(STORY_SLOT_KEY) != 0;
  return out;
}

void ColumnFacetCounter::load(const Xapian::Database& db, const LoadedColumns& columns) {
  for (const Facet facet : columns.facets) column(db, {facet});
  if (columns.stories) column(db, ColumnKind::story());
}

FacetPass ColumnFacetCounter::count(const Xapian::Database& db, const Xapian::Query& query,
                                    const FacetRequest& request) {
  return count_with(db, query, request, nullptr);
}

std::vector<const FacetColumn*> ColumnFacetCounter::columns_of(const Xapian::Database& db,
                                                                const FacetRequest& request) {
  std::vector<const FacetColumn*> columns;
  for (std::size_t f = 0; f < request.size(); ++f) columns.push_back(&column(db, {request.at(f)}));
  return columns;
}

namespace {

// Each facet's values as the spy counted them, by key.
void add_tallies(FacetPass& pass, const std::vector<const FacetColumn*>& columns, const ColumnSpy& spy,
                 const FacetRequest& request) {
  for (std::size_t f = 0; f < columns.size(); ++f) {
    Tally tally;
    const auto& counts = spy.counts(f);
    for (std::size_t id = 0; id < counts.size(); ++id)
      if (counts[id])
        tally.add(columns[f]->key(static_cast<std::uint32_t>(id)), columns[f]->label(static_cast<std::uint32_t>(id)),
                  counts[id]);
    pass.counts.push_back(tally.finish(request.at(f), request.limit_at(f)));
    if (request.by_story) pass.counts.back().stories_without = spy.stories_without(f);
  }
}

// What one core counts of a query's matches: the document ids first..last of `db`, into
// `spy`; returns how many matched. With a boolean form, from the posting lists
// (match_bitmap.h); else by Xapian's matcher, filtered to the range.
class RangeCount {
 public:
  // `serialised`: the query, for a thread that must not share the caller's.
  RangeCount(const std::optional<BooleanForm>& form, std::string serialised)
      : form_(form), serialised_(std::move(serialised)) {}
  Xapian::doccount operator()(const Xapian::Database& db, Xapian::docid first, Xapian::docid last,
                              ColumnSpy& spy) const {
    if (form_) {
      const MatchBitmap matches(db, *form_, first, last);
      matches.for_each([&](Xapian::docid did) { spy.count(did); });
      return static_cast<Xapian::doccount>(matches.count());
    }
    return run_counting_pass(db, within_docids(Xapian::Query::unserialise(serialised_), first, last), {&spy},
                             /*remote=*/false)
        .get_matches_estimated();
  }

 private:
  const std::optional<BooleanForm>& form_;
  std::string serialised_;
};

// The postings a boolean form reads: every term's, as often as it is named.
std::uint64_t postings_read(const Xapian::Database& db, const BooleanForm& form) {
  if (form.op == BooleanForm::Op::TERM) return db.get_termfreq(form.term);
  if (form.op == BooleanForm::Op::EVERY) return db.get_doccount();
  std::uint64_t n = 0;
  for (const auto& kid : form.kids) n += postings_read(db, kid);
  return n;
}

}  // namespace

FacetPass ColumnFacetCounter::count_with(const Xapian::Database& db, const Xapian::Query& query,
                                         const FacetRequest& request, Xapian::MatchSpy* also) {
  const std::vector<const FacetColumn*> columns = columns_of(db, request);
  const bool stories = request.by_story || request.count_stories || !request.story_sizes_of.empty();
  const FacetColumn* story_ids = stories ? &column(db, ColumnKind::story()) : nullptr;
  ColumnSpy spy(columns, story_ids, request.by_story);
  std::vector<Xapian::MatchSpy*> spies{&spy};
  if (also) spies.push_back(also);
  const Xapian::MSet mset = run_counting_pass(db, query, spies, /*remote=*/false);
  FacetPass pass;
  pass.matches = mset.get_matches_estimated();
  if (stories) pass.stories = spy.stories();
  for (const auto& key : request.story_sizes_of) {
    const std::uint32_t id = story_id(key);
    pass.story_sizes.push_back(id == UINT32_MAX ? 0 : spy.story_matches(id));
  }
  add_tallies(pass, columns, spy, request);
  return pass;
}

FacetPass ColumnFacetCounter::count_on_two(const Xapian::Database& db, const Xapian::Database& second,
                                           const Xapian::Query& query, const FacetRequest& request,
                                           Xapian::doccount matches_estimated) {
  if (request.by_story || request.count_stories || !request.story_sizes_of.empty()) return count(db, query, request);
  // Reading the postings beats Xapian's matcher when they are not many more than the
  // matches (not so for a rare term AND a common one, which the matcher skips through).
  std::optional<BooleanForm> form = boolean_form(query);
  if (form && postings_read(db, *form) > POSTINGS_PER_MATCH * std::uint64_t{matches_estimated}) form.reset();
  std::string serialised;
  if (!form) {
    try {
      serialised = query.serialise();
    } catch (const Xapian::Error&) {
      // A posting source of newsdex's own (boolean_terms.h) has no serialised form.
    }
    if (serialised.empty()) return count(db, query, request);
  }
  const RangeCount count_range(form, serialised);
  const std::vector<const FacetColumn*> columns = columns_of(db, request);  // loaded here, read by both
  const Xapian::docid last = db.get_lastdocid(), half = last / 2;
  ColumnSpy low(columns, nullptr, false), high(columns, nullptr, false);
  Xapian::doccount low_matches = 0, high_matches = 0;
  bool failed = false;
  {
    std::jthread other([&] {
      try {
        high_matches = count_range(second, half + 1, last, high);
      } catch (const Xapian::Error&) {
        failed = true;  // a commit came between: the first handle counts it below
      } catch (const std::exception&) {
        failed = true;  // out of memory: the first handle tries it below, and says so if it fails too
      }
    });
    low_matches = count_range(db, 1, half, low);
  }
  if (failed) {
    ColumnSpy again(columns, nullptr, false);
    high_matches = count_range(db, half + 1, last, again);
    low.add(again);
  } else {
    low.add(high);
  }
  FacetPass pass;
  pass.matches = low_matches + high_matches;
  add_tallies(pass, columns, low, request);
  return pass;
}

namespace {

// Counts each pair of column ids that a match holds together, by docid.
class PairSpy : public Xapian::MatchSpy {
 public:
  PairSpy(const FacetColumn& first, const FacetColumn& second)
      : first_(first), second_(second), same_(&first == &second) {}
  void operator()(const Xapian::Document& doc, double) override {
    const Xapian::docid did = doc.get_docid();
    const auto firsts = first_.of(did), seconds = second_.of(did);
    for (std::size_t i = 0; i < firsts.size(); ++i) {
      for (std::size_t j = same_ ? i + 1 : 0; j < seconds.size(); ++j) {
        std::uint32_t a = firsts[i], b = seconds[j];
        if (same_ && a > b) std::swap(a, b);
        ++pairs_[std::uint64_t{a} << 32 | b];
      }
    }
  }
  const std::unordered_map<std::uint64_t, Xapian::doccount>& pairs() const { return pairs_; }

 private:
  const FacetColumn& first_;
  const FacetColumn& second_;
  bool same_;
  std::unordered_map<std::uint64_t, Xapian::doccount> pairs_;
};

}  // namespace

PairPass FacetCounter::count_pairs(const Xapian::Database&, const Xapian::Query&, Facet, Facet) {
  throw QueryError("co-occurrence over every pair needs local databases: a remote shard runs only Xapian's own "
                   "spies (name one side with --with, which a remote shard can count)");
}

PairPass ColumnFacetCounter::count_pairs(const Xapian::Database& db, const Xapian::Query& query, Facet first,
                                         Facet second) {
  const FacetColumn& a = column(db, {first});
  const FacetColumn& b = column(db, {second});
  // One pass counts the values on their own and the pairs.
  FacetRequest singles;
  singles.every_value = first == second ? std::vector<Facet>{first} : std::vector<Facet>{first, second};
  PairSpy spy(a, b);
  PairPass pass;
  pass.singles = count_with(db, query, singles, &spy);
  // Ids are per stored value (a key may be stored with several labels): merge by key.
  std::map<std::pair<std::string_view, std::string_view>, PairCount> by_keys;
  for (const auto& [ids, count] : spy.pairs()) {
    const auto i = static_cast<std::uint32_t>(ids >> 32), j = static_cast<std::uint32_t>(ids & 0xffffffffu);
    std::string_view ka = a.key(i), la = a.label(i), kb = b.key(j), lb = b.label(j);
    if (first == second && kb < ka) std::swap(ka, kb), std::swap(la, lb);
    auto [it, inserted] = by_keys.try_emplace({ka, kb}, PairCount{std::string(ka), std::string(la), std::string(kb),
                                                                  std::string(lb), 0});
    if (!inserted && la < it->second.label_a) it->second.label_a = la;
    if (!inserted && lb < it->second.label_b) it->second.label_b = lb;
    it->second.count += count;
  }
  pass.pairs.reserve(by_keys.size());
  for (auto& [keys, pair] : by_keys) pass.pairs.push_back(std::move(pair));
  return pass;
}

bool SlotFacetCounter::slot_used(const Xapian::Database& db, unsigned slot) {
  auto [it, inserted] = used_.try_emplace(slot, false);
  if (inserted) it->second = db.get_value_freq(slot) != 0;
  return it->second;
}

FacetPass SlotFacetCounter::count(const Xapian::Database& db, const Xapian::Query& query,
                                  const FacetRequest& request) {
  if (request.by_story || request.count_stories || !request.story_sizes_of.empty())
    throw QueryError("--facet-by story needs local databases: a remote shard runs only Xapian's own spies, which "
                     "count articles");
  // One stock spy per slot that holds any value; year, month and day share theirs.
  std::map<unsigned, std::unique_ptr<Xapian::ValueCountMatchSpy>> spies;
  std::map<Facet, std::vector<Xapian::valueno>> slots_of;
  const auto used = [&](Xapian::valueno s) { return slot_used(db, s); };
  for (std::size_t f = 0; f < request.size(); ++f) {
    const Facet facet = request.at(f);
    auto& slots = slots_of[facet] = facet_slots_in_use(facet, used);
    for (const Xapian::valueno s : slots)
      if (!spies.contains(s)) spies.emplace(s, std::make_unique<Xapian::ValueCountMatchSpy>(s));
  }
  std::vector<Xapian::MatchSpy*> spy_list;
  spy_list.reserve(spies.size());
  for (auto& [s, spy] : spies) spy_list.push_back(spy.get());
  const Xapian::MSet mset = run_counting_pass(db, query, spy_list, remote_);
  FacetPass pass;
  pass.matches = mset.get_matches_estimated();
  for (std::size_t f = 0; f < request.size(); ++f) {
    const Facet facet = request.at(f);
    Tally tally;
    for (const Xapian::valueno s : slots_of[facet]) {
      const auto it = spies.find(s);
      for (auto v = it->second->values_begin(); v != it->second->values_end(); ++v) {
        const std::string value = *v;
        auto [key, label] = split_facet_value(value);
        const std::string_view derived = facet_key(facet, key);
        tally.add(derived, derived.size() == key.size() ? label : derived, v.get_termfreq());
      }
    }
    pass.counts.push_back(tally.finish(facet, request.limit_at(f)));
  }
  return pass;
}

}  // namespace newsdex
