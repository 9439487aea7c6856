#include "searcher.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <stdexcept>
#include <thread>
#include <unordered_set>

#include "analysis/analyzer.h"
#include "analysis/derived_title.h"
#include "analysis/language.h"
#include "core/ascii_text.h"
#include "core/calendar.h"
#include "core/schema.h"
#include "docid_range.h"
#include "facet_labels.h"
#include "query_builder.h"
#include "shard_facets.h"
#include "storage/id_term.h"
#include "storage/stored_article.h"
#include "xml_text.h"

namespace newsdex {
namespace {

// Opening the database again after it changed underneath a query normally succeeds at
// once; give up if an indexer commits faster than a query can run.
constexpr int MAX_ATTEMPTS = 5;

// Relevance feedback (--like, --expand): how many terms and, for --expand, from how many
// top documents and with what weight against the user's own words. Chosen on the Reuters
// topic set (scripts/eval-ranking), the same for every query.
constexpr Xapian::termcount LIKE_TERMS = 40;
// Expansion terms are stems (Z terms, so every form of a word counts), each weighted by
// its ESet weight relative to the best one, times EXPAND_WEIGHT: of the ways measured on
// the topic set, the best (docs/measurements.md, Figures behind the code's limits).
constexpr Xapian::doccount EXPAND_DOCUMENTS = 10;
constexpr Xapian::termcount EXPAND_TERMS = 20;
constexpr double EXPAND_WEIGHT = 0.3;

// Whether every match of `query` matches one of its parts on its own: words, phrases and
// wildcards joined by OR, nothing required or excluded.
bool only_alternatives(const Xapian::Query& query) {
  switch (query.get_type()) {
    case Xapian::Query::LEAF_TERM:
    case Xapian::Query::OP_SYNONYM:
    case Xapian::Query::OP_PHRASE:
    case Xapian::Query::OP_NEAR:
    case Xapian::Query::OP_WILDCARD:
      return true;
    case Xapian::Query::OP_OR:
      for (std::size_t i = 0; i < query.get_num_subqueries(); ++i)
        if (!only_alternatives(query.get_subquery(i))) return false;
      return true;
    default:
      return false;
  }
}


// Adds to each matching article max_weight * 2^(-age / half-life), age in days before the
// newest article of the index: a fresh article gains up to the query's best score.
class RecencySource : public Xapian::ValuePostingSource {
 public:
  RecencySource(long newest_day, double half_life_days, double max_weight)
      : Xapian::ValuePostingSource(schema::SLOT_DATE),
        newest_day_(newest_day),
        half_life_days_(half_life_days),
        max_weight_(max_weight) {}

  void init(const Xapian::Database& db) override {
    Xapian::ValuePostingSource::init(db);
    set_maxweight(max_weight_);
  }
  double get_weight() const override {
    const auto day = day_number(get_value());
    if (!day) return 0;
    const double age = static_cast<double>(std::max(0L, newest_day_ - *day));
    return max_weight_ * std::exp2(-age / half_life_days_);
  }
  RecencySource* clone() const override { return new RecencySource(newest_day_, half_life_days_, max_weight_); }

 private:
  long newest_day_;
  double half_life_days_;
  double max_weight_;
};

// Feedback terms are words of the text: no boolean terms (capital prefixes), no stop
// words, no bare numbers (Reuters' figures are many and mean little across articles).
class WordDecider : public Xapian::ExpandDecider {
 public:
  explicit WordDecider(bool stems = false) : stems_(stems) {}
  bool operator()(const std::string& term) const override {
    if (term.empty()) return false;
    std::string_view word = term;
    if (stems_) {
      if (term[0] != 'Z' || term.size() < 2 || (term[1] >= 'A' && term[1] <= 'Z')) return false;
      word.remove_prefix(1);
    } else if (term[0] >= 'A' && term[0] <= 'Z') {
      return false;
    }
    if (is_stop_word(word)) return false;
    return word.find_first_not_of("0123456789.,") != std::string_view::npos;
  }

 private:
  bool stems_;
};

Xapian::Query filter_by(const Xapian::Query& query, const Xapian::Query& filter) {
  return Xapian::Query(Xapian::Query::OP_FILTER, query, filter);
}

}  // namespace

FacetSort default_facet_sort(Facet facet) {
  const bool date = facet == Facet::YEAR || facet == Facet::MONTH || facet == Facet::DAY || facet == Facet::MENTIONED;
  return date ? FacetSort::VALUE : FacetSort::COUNT;
}

std::optional<SortOrder> sort_order_from_name(std::string_view name) {
  if (name == "relevance") return SortOrder::RELEVANCE;
  if (name == "date") return SortOrder::DATE;
  if (name == "-date") return SortOrder::DATE_DESC;
  return std::nullopt;
}

std::optional<FacetSort> facet_sort_from_name(std::string_view name) {
  if (name == "count") return FacetSort::COUNT;
  if (name == "value") return FacetSort::VALUE;
  return std::nullopt;
}

std::optional<FacetMethod> facet_method_from_name(std::string_view name) {
  if (name == "auto") return FacetMethod::AUTO;
  if (name == "columns") return FacetMethod::COLUMNS;
  if (name == "slots") return FacetMethod::SLOTS;
  return std::nullopt;
}

std::optional<bool> facet_by_story_from_name(std::string_view name) {
  if (name == "story") return true;
  if (name == "article") return false;
  return std::nullopt;
}

Searcher::Searcher(const DatabaseSpec& databases, bool many_queries)
    : path_(databases.describe()), many_queries_(many_queries), spec_(databases), shards_(open_shard_set(spec_, &health_)),
      db_(shards_.db), columns_(make_column_counter(shards_)), slots_(std::make_unique<SlotFacetCounter>(shards_.remote)) {}

Searcher::~Searcher() = default;

QueryBuilder& Searcher::builder(const std::string& language) {
  auto& slot = builders_[language];
  if (!slot) slot = std::make_unique<QueryBuilder>(db_, language, shards_.handles, shards_.remote);
  return *slot;
}

SearchResult Searcher::search(const SearchRequest& request) {
  // A shard that failed is asked again only once its back-off ends (ShardHealth): until
  // then a query fails at once, or with --allow-partial is answered without it.
  if (stale_ || (!shards_.missing.empty() && health_.retry_due())) reopen();
  for (int attempt = 1;; ++attempt) {
    try {
      return run(request);
    } catch (const Xapian::DatabaseVersionError&) {
      throw;  // a DatabaseOpeningError that opening again cannot cure
    } catch (const Xapian::DatabaseModifiedError& e) {
      // Commits in place overwrote blocks of the revision this handle reads.
      if (attempt == MAX_ATTEMPTS) throw;
      spdlog::debug("{}: {}; opening the database again", path_, e.get_msg());
      reopen();
    } catch (const Xapian::DatabaseOpeningError& e) {
      // A table of a generation the indexer has since replaced and deleted.
      if (attempt == MAX_ATTEMPTS) throw;
      spdlog::debug("{}: {}; opening the database again", path_, e.get_msg());
      reopen();
    } catch (const Xapian::NetworkError& e) {
      // A remote shard went away after it was opened: open the set again, which names
      // the shard that is down (or, with --allow-partial, leaves it out).
      if (!shards_.remote || attempt == MAX_ATTEMPTS) throw;
      spdlog::debug("{}: {}; opening the shards again", path_, e.get_description());
      stale_ = true;
      reopen();
    }
  }
}

std::optional<Article> Searcher::article(const std::string& id) {
  for (int attempt = 1;; ++attempt) {
    try {
      const std::string term = id_term(id);
      for (auto it = db_.postlist_begin(term); it != db_.postlist_end(term); ++it) {
        Article found = decode_stored_article(db_.get_document(*it).get_data());
        if (found.id == id) return found;  // a hashed long id may, very rarely, be shared
      }
      return std::nullopt;
    } catch (const Xapian::DatabaseModifiedError&) {
      if (attempt == MAX_ATTEMPTS) throw;
      reopen();
    }
  }
}

bool Searcher::refresh() {
  try {
    // Database::reopen moves every handle sharing db_'s state to the newest revision of
    // the generation it reads; a generation replaced and deleted throws instead.
    if (!db_.reopen() && !stale_) return false;
  } catch (const Xapian::Error& e) {
    spdlog::debug("{}: {}; opening the database again", path_, e.get_description());
  }
  reopen();
  return true;
}

std::string Searcher::revision() const {
  std::string out;
  for (const auto& handle : shards_.handles) {
    try {
      out += (out.empty() ? "" : ",") + std::to_string(handle.get_revision());
    } catch (const Xapian::Error&) {
      return "";  // a remote shard of a Xapian that cannot tell
    }
  }
  return out;
}

LoadedColumns Searcher::loaded_columns() const {
  return shards_.remote ? LoadedColumns{} : columns_->loaded();
}

void Searcher::load_columns(const LoadedColumns& columns) {
  if (!shards_.remote) columns_->load(db_, columns);
}

bool Searcher::weighs_by_lengths() const {
  return many_queries_ && !shards_.remote && shards_.handles.size() == 1;
}

void Searcher::load_lengths() {
  if (weighs_by_lengths() && !lengths_) lengths_ = std::make_shared<const DocumentLengths>(db_);
}

void Searcher::reopen() {
  // From the stubs, not with Database::reopen(): a commit that compacts writes a new
  // generation and deletes the one this handle reads, which reopen() would look for.
  shards_ = open_shard_set(spec_, &health_);
  stale_ = false;
  db_ = shards_.db;
  builders_.clear();  // their person lists and spellings belong to the old revision
  columns_ = make_column_counter(shards_);
  slots_ = std::make_unique<SlotFacetCounter>(shards_.remote);
  second_.reset();
  frequencies_.reset();
  lengths_.reset();  // read again from the new revision when first needed
}

// A second handle is worth having only on local databases (a remote shard would need a
// second connection), and only when it reads the revisions the first one reads: a commit
// between the two openings leaves none, until a later query opens it again.
const Xapian::Database* Searcher::second_handle() {
  if (shards_.remote) return nullptr;
  try {
    if (!second_) second_ = open_shard_set(spec_);
    bool same = second_->handles.size() == shards_.handles.size();
    for (std::size_t i = 0; same && i < shards_.handles.size(); ++i)
      same = second_->handles[i].get_uuid() == shards_.handles[i].get_uuid() &&
             second_->handles[i].get_revision() == shards_.handles[i].get_revision();
    if (same) return &second_->db;
  } catch (const std::exception&) {
    // Opening again failed (the generation just replaced): one core reads it all.
  } catch (const Xapian::Error&) {
  }
  second_.reset();
  return nullptr;
}

std::vector<std::string> filter_languages(const std::vector<std::string>& filters) {
  std::vector<std::string> codes;
  constexpr std::string_view FIELD = "lang:";
  for (const auto& filter : filters)
    if (filter.compare(0, FIELD.size(), FIELD) == 0)
      if (std::string code = language_code(std::string_view(filter).substr(FIELD.size())); !code.empty())
        codes.push_back(std::move(code));
  return codes;
}

bool is_every_article(std::string_view query) {
  const auto first = query.find_first_not_of(" \t");
  return first != std::string_view::npos && query[first] == '*' &&
         query.find_first_not_of(" \t", first + 1) == std::string_view::npos;
}

Xapian::Query Searcher::like_query(const std::string& id) {
  const std::string term = id_term(id);
  Xapian::PostingIterator it = db_.postlist_begin(term);
  if (it == db_.postlist_end(term))
    throw QueryError("--like: no article with id '" + id + "'");
  Xapian::RSet rset;
  rset.add_document(*it);
  Xapian::Enquire enquire(db_);
  WordDecider words;
  // Exact term frequencies: over shards Xapian would otherwise estimate them from the
  // shards the feedback documents are in, and pick other terms than one database would.
  const Xapian::ESet eset = enquire.get_eset(LIKE_TERMS, rset, Xapian::Enquire::USE_EXACT_TERMFREQ, &words);
  std::vector<Xapian::Query> terms;
  for (auto term = eset.begin(); term != eset.end(); ++term) terms.emplace_back(*term);
  const Xapian::Query similar(Xapian::Query::OP_OR, terms.begin(), terms.end());
  return Xapian::Query(Xapian::Query::OP_AND_NOT, similar, Xapian::Query(term));
}

Xapian::Query Searcher::expand(const Xapian::Query& query, const Xapian::Weight& weight, Expansion expansion) {
  Xapian::Enquire enquire(db_);
  enquire.set_query(query);
  enquire.set_weighting_scheme(weight);
  const Xapian::MSet top = enquire.get_mset(0, EXPAND_DOCUMENTS);
  // Fields alone (person:blair) have no words to widen: they stay as asked.
  if (top.empty() || top.get_max_possible() == 0) return query;
  Xapian::RSet rset;
  for (auto it = top.begin(); it != top.end(); ++it) rset.add_document(*it);
  WordDecider stems(/*stems=*/true);
  const Xapian::ESet eset = enquire.get_eset(EXPAND_TERMS, rset, Xapian::Enquire::USE_EXACT_TERMFREQ, &stems);
  std::vector<Xapian::Query> terms;
  const double top_weight = eset.empty() ? 1 : eset.begin().get_weight();
  for (auto term = eset.begin(); term != eset.end(); ++term)
    terms.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(*term), term.get_weight() / top_weight);
  if (terms.empty()) return query;
  const Xapian::Query extra(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end()),
                            EXPAND_WEIGHT);
  // Widening, the new terms may find more articles (it ranked better than reordering on
  // the topic set); a query that requires or excludes something (oil -iran, +opec
  // price, all words with --all) is only reordered, as the user asked.
  const bool widen = expansion == Expansion::WIDEN && only_alternatives(query);
  return Xapian::Query(widen ? Xapian::Query::OP_OR : Xapian::Query::OP_AND_MAYBE, query, extra);
}

namespace {

// Whether no match has a score, from the query's estimated counts (none: it has no words).
// Fields and filters alone, or words that weigh nothing, give every match the same 0.
bool without_scores(const std::optional<Xapian::MSet>& whole) { return !whole || whole->get_max_possible() == 0; }

}  // namespace

// What a request asks of the matcher, worked out once before anything is matched.
struct Searcher::Plan {
  Xapian::Query scored;     // the words (or --like's), with any feedback terms; empty: none
  Xapian::Query asked;      // the reader's own words, before feedback added any
  std::vector<QueryToken> tokens;  // the query's text as analysed, for a spelling suggestion
  Xapian::Query query;      // scored and filtered: what is matched, ranked and counted
  // `query` as the matcher ranks it: its words weighed from document lengths in memory
  // where this searcher holds them (length_weighted_terms.h), the same scores sooner.
  Xapian::Query ranked;
  bool by_lengths = false;    // `ranked` differs from `query`
  Xapian::Registry registry;  // unserialises `ranked` (for the second core's copy)
  // What the facets, the timeline and co-occurrence count: `query`, but for an any-word
  // query (the default) when some match holds every word, those matches alone. Ranking
  // by any word finds the most relevant articles, but counting by it counted every
  // article that holds one of the words: `six nations` matched 455 BBC articles, and its
  // people were led by Tony Blair, where the 111 holding both words are about rugby.
  Xapian::Query counted;
  bool counts_every_word = false;  // `counted` is narrower than `query`
  Xapian::doccount counted_estimate = 0;  // with counts_every_word: Xapian's estimate of them
  FacetRequest facets;      // the request's facets, and the dates a timeline counts
  bool counts_all = false;  // facets or co-occurrence count every match
  bool every_article = false;
};

// The ranked matches and the hits shown from them.
struct Searcher::Page {
  Xapian::MSet mset;
  // Ranked on two cores (rank_on_two): `mset` holds the first half of the document ids,
  // this the second; the hits come from both.
  std::optional<Xapian::MSet> second_half;
  std::vector<Xapian::MSetIterator> shown;  // the hits, in order
  std::vector<std::string> shown_stories;   // collapsed locally: their story keys
  // The whole query's counts as Xapian estimated them before ranking (set_order), when it
  // has words: split, each half's upper bound is the whole query's, so their sum alone
  // would double it.
  std::optional<Xapian::MSet> whole;
  // `whole` was estimated from the words as Xapian's terms, where the ranking weighed
  // them itself (Plan::by_lengths).
  bool words_in_whole = false;

  // What snippets are made from: an MSet whose query holds the words as terms.
  const Xapian::MSet& words() const { return words_in_whole ? *whole : mset; }

  // No match has a score: listed by date.
  bool weightless() const { return without_scores(whole); }

  Xapian::doccount matches_lower_bound() const {
    if (!second_half) return mset.get_matches_lower_bound();
    return std::max(whole->get_matches_lower_bound(),
                    mset.get_matches_lower_bound() + second_half->get_matches_lower_bound());
  }
  Xapian::doccount matches_upper_bound() const {
    if (!second_half) return mset.get_matches_upper_bound();
    return std::min(whole->get_matches_upper_bound(),
                    mset.get_matches_upper_bound() + second_half->get_matches_upper_bound());
  }
  Xapian::doccount matches_estimated() const {
    if (!second_half) return mset.get_matches_estimated();
    return std::clamp(mset.get_matches_estimated() + second_half->get_matches_estimated(), matches_lower_bound(),
                      std::max(matches_lower_bound(), matches_upper_bound()));
  }
};

void Searcher::check_database_supports(const SearchRequest& request) const {
  // A database indexed before the lang facet existed holds no value for it: say so,
  // rather than count no language at all.
  const auto& facets = request.facets.facets;
  if (std::find(facets.begin(), facets.end(), Facet::LANGUAGE) != facets.end() && db_.get_doccount() > 0 &&
      db_.get_value_freq(*facet_slot(Facet::LANGUAGE, 0)) == 0)
    throw std::runtime_error("this database was indexed before the lang facet existed: index its articles again "
                             "to count them by language (--filter lang:CODE works as it is)");
  if ((request.collapse || request.facet_by_story) && db_.get_doccount() > 0 &&
      db_.get_value_freq(schema::SLOT_STORY) == 0)
    throw std::runtime_error("this database was indexed before story keys existed: index its articles again to "
                             "collapse copies of a story");
  if (request.recency_half_life_days > 0 && shards_.remote)
    throw QueryError("--recency needs local databases: its posting source is newsdex's own, which a stock "
                     "xapian-tcpsrv cannot run (sort by date with --sort -date instead)");
}

Searcher::Plan Searcher::plan(const SearchRequest& request, QueryBuilder& qb, const Xapian::Weight& weight) {
  if (request.filters.size() > MAX_FILTERS)
    throw QueryError(fmt::format("{} filters; at most {} are allowed in one search", request.filters.size(), MAX_FILTERS));
  // A week is counted from days, and a story that ran on two days of it would count twice.
  if (request.facet_by_story && request.timeline &&
      (*request.timeline == TimelineUnit::DAY || *request.timeline == TimelineUnit::WEEK))
    throw QueryError("--facet-by story counts a timeline by month or year: by day or week a story that ran on "
                     "several days would count once for each");
  check_database_supports(request);
  Plan plan;
  plan.facets = request.facets;
  if (request.timeline) plan.facets.every_value = timeline_facets(*request.timeline);
  plan.facets.by_story = request.facet_by_story;
  plan.counts_all = plan.facets.size() > 0 || request.cooccur.has_value();
  // "*" alone, or no query with facets or a timeline to count, means every article: a
  // timeline or a facet over the whole archive, narrowed by filters if there are any.
  plan.every_article =
      request.like_id.empty() && (is_every_article(request.query) || (request.query.empty() && plan.counts_all));

  // Filters are gathered and joined by one n-ary AND at the end: joining them two at a
  // time built a tree as deep as the list, and Xapian's recursion over 50,000 of them
  // overflowed the stack.
  std::vector<Xapian::Query> filters;
  if (!request.like_id.empty()) {
    plan.scored = like_query(request.like_id);
    if (!request.query.empty())
      filters.push_back(qb.build(request.query, filter_languages(request.filters), &plan.tokens));
  } else if (plan.every_article) {
    // Not Xapian::Query::MatchAll (see `filtered` below): a query of its own.
    filters.emplace_back(std::string());
  } else if (!request.query.empty()) {
    plan.scored = qb.build(request.query, filter_languages(request.filters), &plan.tokens);
    plan.asked = plan.scored;
    if (request.expansion != Expansion::NONE) plan.scored = expand(plan.scored, weight, request.expansion);
  }
  Xapian::Query every_word;  // the query as --all reads it, when that differs
  if (plan.counts_all && request.default_or && !plan.asked.empty()) {
    qb.set_default_or(false);
    every_word = qb.build(request.query, filter_languages(request.filters));
    qb.set_default_or(true);
    if (every_word.get_description() == plan.asked.get_description()) every_word = Xapian::Query();
  }
  for (const auto& f : request.filters) filters.push_back(qb.filter(f));
  const auto date_bound = [&](const std::string& text, bool lower) {
    const auto range = parse_day_range(text);
    if (!range) throw QueryError("bad date '" + text + "' for " + (lower ? "--since" : "--until") +
                                 " (use YYYY, YYYY-MM or YYYY-MM-DD)");
    filters.emplace_back(lower ? Xapian::Query::OP_VALUE_GE : Xapian::Query::OP_VALUE_LE, schema::SLOT_DATE,
                         lower ? range->first : range->last);
  };
  if (!request.since.empty()) date_bound(request.since, true);
  if (!request.until.empty()) date_bound(request.until, false);
  if (plan.scored.empty() && filters.empty()) throw QueryError("empty query: give words, --filter, or --like ID");
  // Not Xapian::Query::MatchAll: that is one static object whose reference count is not
  // atomic, and batch threads copying it at once corrupted the count (a batch on several
  // threads crashed in Query's destructor).
  const Xapian::Query filtered =
      filters.empty() ? Xapian::Query()
      : filters.size() == 1 ? filters.front()
                            : Xapian::Query(Xapian::Query::OP_AND, filters.begin(), filters.end());
  const auto filter = [&](const Xapian::Query& query) {
    return filtered.empty() ? query : query.empty() ? filtered : filter_by(query, filtered);
  };
  plan.query = filter(plan.scored);
  plan.ranked = plan.query;
  if (const auto bm25 = dynamic_cast<const Xapian::BM25Weight*>(&weight);
      bm25 && !plan.scored.empty() && weighs_by_lengths()) {
    // Read once per revision (64 ms at 1.8 million articles): as much as Xapian's matcher
    // reads for one query whose matches are spread over the archive.
    load_lengths();
    const LengthWeightedTerms terms(lengths_, {request.bm25_k1, request.bm25_b, BM25_MIN_NORMLEN});
    plan.ranked = terms.weigh(plan.query);
    plan.registry = terms.registry();
    plan.by_lengths = true;
  }
  plan.counted = plan.query;
  if (!every_word.empty()) {
    // A matcher pass that stops at the first match: when none holds every word (a
    // pasted description, most often), the counts are of every match, as before.
    Xapian::Enquire probe(db_);
    probe.set_query(filter(every_word));
    probe.set_weighting_scheme(Xapian::BoolWeight());
    if (const Xapian::MSet first = probe.get_mset(0, 1); !first.empty()) {
      plan.counted = probe.get_query();
      plan.counts_every_word = true;
      plan.counted_estimate = first.get_matches_estimated();
    }
  }
  return plan;
}

std::optional<Xapian::MSet> Searcher::set_order(Xapian::Enquire& enquire, const SearchRequest& request,
                                                const Plan& plan, const Xapian::Weight& weight,
                                                Xapian::MultiValueKeyMaker& oldest_first) {
  Xapian::Query query = plan.ranked;
  if (request.recency_half_life_days > 0 && !plan.scored.empty()) {
    enquire.set_query(query);
    const Xapian::MSet best = enquire.get_mset(0, 1);
    const auto newest = day_number(db_.get_value_upper_bound(schema::SLOT_DATE));
    if (!best.empty() && newest) {
      auto* recency = new RecencySource(*newest, request.recency_half_life_days, best.begin().get_weight());
      query = Xapian::Query(Xapian::Query::OP_AND_MAYBE, query, Xapian::Query(recency->release()));
    }
  }
  enquire.set_query(query);
  // Words give scores; fields and filters alone (person:blair, --filter country:BY) give
  // every match the same 0, and Xapian would list them in docid order. Those are listed
  // newest first, as a news archive lists a person's or a country's articles.
  std::optional<Xapian::MSet> whole;
  if (plan.by_lengths) {
    // From the words as Xapian's terms: the same estimates, and an MSet whose query holds
    // the terms that snippets mark (Xapian's snippet generator reads its MSet's query).
    Xapian::Enquire words(db_);
    words.set_query(plan.query);
    words.set_weighting_scheme(weight);
    whole = words.get_mset(0, 0);
  } else if (!plan.scored.empty()) {
    whole = enquire.get_mset(0, 0);
  }
  const SortOrder sort =
      request.sort == SortOrder::RELEVANCE && without_scores(whole) ? SortOrder::DATE_DESC : request.sort;
  // Undated articles come last in both date orders. Descending, an empty date sorts last
  // by itself; ascending needs a key maker that files a missing date after every date.
  // A stock xapian-tcpsrv cannot run a key maker: there undated articles come first.
  oldest_first.add_value(schema::SLOT_DATE, false, std::string(1, '\xff'));
  if (sort == SortOrder::DATE && !shards_.remote) enquire.set_sort_by_key_then_relevance(&oldest_first, false);
  else if (sort == SortOrder::DATE) enquire.set_sort_by_value_then_relevance(schema::SLOT_DATE, false);
  if (sort == SortOrder::DATE_DESC) enquire.set_sort_by_value_then_relevance(schema::SLOT_DATE, true);
  return whole;
}

void Searcher::rank_collapsed(Xapian::Enquire& enquire, const SearchRequest& request, Page& page) {
  // One hit per story, the best of each in rank order, taken from the plain ranking: what
  // Xapian's collapse key picks, without reading the key of every candidate the matcher
  // weighs (which made a collapsed search three times a faceted one). The counting pass
  // (count_stories) gives the exact totals and copies.
  const std::uint64_t want = std::uint64_t{request.offset} + request.limit;
  std::uint64_t fetch = std::max<std::uint64_t>(2 * want, 20);
  while (true) {
    fetch = std::min<std::uint64_t>(fetch, db_.get_doccount());
    page.mset = enquire.get_mset(0, static_cast<Xapian::doccount>(fetch), Xapian::doccount{0});
    page.shown.clear();
    page.shown_stories.clear();
    std::unordered_set<std::string> seen;
    std::uint64_t stories = 0;
    for (auto it = page.mset.begin(); it != page.mset.end() && page.shown.size() < request.limit; ++it) {
      std::string key = it.get_document().get_value(schema::SLOT_STORY);
      if (!key.empty() && !seen.insert(key).second) continue;  // an article without a key is its own story
      if (stories++ < request.offset) continue;
      page.shown.push_back(it);
      page.shown_stories.push_back(std::move(key));
    }
    if (page.shown.size() == request.limit || page.mset.size() < fetch || fetch >= db_.get_doccount()) return;
    fetch *= 4;
  }
}

bool Searcher::rank_on_two(Xapian::Enquire& enquire, const SearchRequest& request, const Xapian::Weight& weight,
                           const Xapian::Registry& registry, Xapian::doccount count_to, Page& page) {
  // Relevance alone: a date order or the recency blend would need their key makers and
  // posting sources in the other thread. One local database: shards number documents apart.
  if (request.sort != SortOrder::RELEVANCE || page.weightless() || request.recency_half_life_days > 0 ||
      shards_.remote || shards_.handles.size() != 1)
    return false;
  const Xapian::Query query = enquire.get_query();
  std::string serialised;
  try {
    serialised = query.serialise();
  } catch (const Xapian::Error&) {
    return false;  // a posting source without a serialised form (boolean_terms.h, recency)
  }
  if (page.whole->get_matches_estimated() < request.two_cores_from) return false;
  const Xapian::Database* second = second_handle();
  if (!second) return false;
  const Xapian::docid last = db_.get_lastdocid(), half = last / 2;
  const auto want = static_cast<Xapian::doccount>(std::uint64_t{request.offset} + request.limit);
  // The two halves count as far as one ranking would, together.
  const Xapian::doccount count_each = count_to / 2;
  const std::unique_ptr<Xapian::Weight> their_weight(weight.clone());  // the other thread's own
  Xapian::MSet high;
  bool failed = false;
  {
    std::jthread other([&] {
      try {
        Xapian::Enquire theirs(*second);
        theirs.set_query(within_docids(Xapian::Query::unserialise(serialised, registry), half + 1, last));
        theirs.set_weighting_scheme(*their_weight);
        high = theirs.get_mset(0, want, count_each);
      } catch (const Xapian::Error&) {
        failed = true;  // a commit came between: one core ranks it all
      } catch (const std::exception&) {
        failed = true;  // out of memory: one core tries it all, and says so if it fails too
      }
    });
    enquire.set_query(within_docids(query, 1, half));
    page.mset = enquire.get_mset(0, want, count_each);
    enquire.set_query(query);
  }
  if (failed) return false;
  page.second_half = std::move(high);
  // Both halves are ranked as one database ranks them (the same statistics, the filter
  // weighs nothing): merged by weight, then document id, Xapian's own order.
  auto a = page.mset.begin(), b = page.second_half->begin();
  for (std::uint64_t rank = 0; rank < want; ++rank) {
    const bool take_a = a != page.mset.end() && (b == page.second_half->end() || a.get_weight() > b.get_weight() ||
                                                 (a.get_weight() == b.get_weight() && *a < *b));
    if (!take_a && b == page.second_half->end()) break;
    auto& from = take_a ? a : b;
    if (rank >= request.offset) page.shown.push_back(from);
    ++from;
  }
  return true;
}

Searcher::Page Searcher::rank(Xapian::Enquire& enquire, const SearchRequest& request, const Plan& plan,
                              const Xapian::Weight& weight, std::optional<Xapian::MSet> whole) {
  Page page;
  page.whole = std::move(whole);
  page.words_in_whole = plan.by_lengths;
  if (request.collapse && !shards_.remote) {
    rank_collapsed(enquire, request, page);
    return page;
  }
  // The facet pass counts every match exactly, so the ranked pass need not, unless the
  // facets count fewer.
  Xapian::doccount count_to = plan.counts_all && !plan.counts_every_word ? 0 : EXACT_COUNT_BUDGET;
  if (!request.collapse && request.significant_terms == 0 &&
      rank_on_two(enquire, request, weight, plan.registry, count_to, page))
    return page;
  if (request.collapse) {
    // A remote shard reads no column: Xapian collapses, counting the copies it saw among
    // the matches it looked at (all of them, so asked), with estimated totals.
    enquire.set_collapse_key(schema::SLOT_STORY);
    count_to = db_.get_doccount();
  }
  if (request.significant_terms > 0 && !request.collapse) {
    // The page is read from the ranking that samples the best matches: one pass of the
    // matcher instead of two.
    const std::uint64_t page_end = std::uint64_t{request.offset} + request.limit;
    const auto fetch = static_cast<Xapian::doccount>(
        std::min<std::uint64_t>(std::max<std::uint64_t>(page_end, SIGNIFICANT_SAMPLE), db_.get_doccount()));
    page.mset = enquire.get_mset(0, fetch, count_to);
    for (auto it = page.mset.begin(); it != page.mset.end(); ++it)
      if (it.get_rank() >= request.offset && it.get_rank() < page_end) page.shown.push_back(it);
  } else {
    page.mset = enquire.get_mset(request.offset, request.limit, count_to);
    for (auto it = page.mset.begin(); it != page.mset.end(); ++it) page.shown.push_back(it);
  }
  return page;
}

void Searcher::read_hits(SearchResult& result, const SearchRequest& request, const Page& page, QueryBuilder& qb) {
  const Xapian::MSet& mset = page.mset;
  if (request.collapse && shards_.remote) {
    // Collapsed, Xapian's counts are of stories; the articles are the uncollapsed ones.
    result.total = mset.get_uncollapsed_matches_estimated();
    result.total_min = mset.get_uncollapsed_matches_lower_bound();
    result.total_max = mset.get_uncollapsed_matches_upper_bound();
    result.stories = mset.get_matches_estimated();
  } else {
    result.total = page.matches_estimated();
    result.total_min = page.matches_lower_bound();
    result.total_max = page.matches_upper_bound();
  }
  result.total_exact = result.total_min == result.total_max;
  for (std::size_t i = 0; i < page.shown.size(); ++i) {
    const Xapian::MSetIterator& it = page.shown[i];
    Hit hit;
    hit.rank = request.collapse || page.second_half ? request.offset + static_cast<Xapian::doccount>(i) + 1
                                                     : it.get_rank() + 1;
    hit.score = it.get_weight();
    if (request.collapse && !shards_.remote) {
      hit.story = page.shown_stories[i];
    } else if (request.collapse) {
      hit.story = it.get_collapse_key();
      hit.similar = it.get_collapse_count();  // a lower bound
    } else if (request.story_keys) {
      hit.story = it.get_document().get_value(schema::SLOT_STORY);
    }
    hit.article = decode_stored_article(it.get_document().get_data());
    if (request.snippet_length > 0 && page.weightless()) {
      // No word to find a passage by: the lead sentence, which in news says what the story is.
      hit.snippet = derive_title(hit.article.body.empty() ? hit.article.title : hit.article.body,
                                 request.snippet_length);
    } else if (request.snippet_length > 0) {
      const std::string& text = hit.article.body.empty() ? hit.article.title : hit.article.body;
      // Without SNIPPET_BACKGROUND_MODEL and SNIPPET_EXHAUSTIVE (Xapian's defaults) the
      // snippet is the first good passage, not the best one: fast for ten hits, and it
      // still shows the matches. Stemmed as the article was, so its own inflections are
      // highlighted.
      hit.snippet = markup_text(page.words().snippet(text, request.snippet_length, qb.stemmer(hit.article.language), 0,
                                               std::string(1, SNIPPET_MARK_START), std::string(1, SNIPPET_MARK_END),
                                               "…"));
    }
    result.hits.push_back(std::move(hit));
  }
}

void Searcher::count_stories(SearchResult& result, const Xapian::Query& query) {
  // Every match's story, counted: the articles, the stories, and each hit's copies.
  FacetRequest stories;
  stories.count_stories = true;  // with --limit 0 there is no hit to ask about
  for (const auto& hit : result.hits) stories.story_sizes_of.push_back(hit.story);
  const FacetPass pass = columns_->count(db_, query, stories);
  result.total = result.total_min = result.total_max = pass.matches;
  result.total_exact = true;
  result.stories = pass.stories;
  for (std::size_t i = 0; i < result.hits.size(); ++i)
    result.hits[i].similar = pass.story_sizes[i] > 0 ? pass.story_sizes[i] - 1 : 0;
}

void Searcher::count_facets(SearchResult& result, const SearchRequest& request, const Plan& plan,
                            Xapian::doccount matches_estimated) {
  const FacetRequest& facets = plan.facets;
  // Columns mapped from the column file cost nothing to open. Read from the database,
  // a column holds the facet's values of every article: worth it for many queries or a
  // big result set; a few matches are cheaper to count from their values.
  bool use_columns = request.facet_method == FacetMethod::COLUMNS;
  if (request.facet_method == FacetMethod::AUTO && !shards_.remote)
    use_columns = columns_->columns_mapped(db_) || many_queries_ || matches_estimated * 8 > db_.get_doccount();
  if (facets.by_story) use_columns = true;  // only the columns know stories
  // A remote shard runs only the spies Xapian registers itself: ValueCountMatchSpy.
  if (shards_.remote) use_columns = false;
  FacetCounter& counter = use_columns ? *columns_ : static_cast<FacetCounter&>(*slots_);
  const Xapian::Database* second =
      use_columns && matches_estimated >= request.two_cores_from ? second_handle() : nullptr;
  FacetPass pass = second ? counter.count_on_two(db_, *second, plan.counted, facets, matches_estimated)
                          : counter.count(db_, plan.counted, facets);
  if (plan.counts_every_word) {
    result.every_word = EveryWordCount{pass.matches, facets.by_story ? std::optional(pass.stories) : std::nullopt};
  } else {
    result.total = result.total_min = result.total_max = pass.matches;
    result.total_exact = true;
    if (facets.by_story) result.stories = pass.stories;
  }
  // What the facets and the timeline count: articles, or stories.
  const Xapian::doccount counted = facets.by_story ? pass.stories : pass.matches;
  if (request.timeline) {
    const auto first = pass.counts.begin() + static_cast<std::ptrdiff_t>(facets.facets.size());
    std::vector<FacetCounts> dates(std::make_move_iterator(first), std::make_move_iterator(pass.counts.end()));
    pass.counts.erase(first, pass.counts.end());
    // By story, the undated are the stories with an undated copy, which the columns counted.
    if (facets.by_story) dates.back().undated = dates.back().stories_without;
    const auto since = parse_day_range(request.since), until = parse_day_range(request.until);
    result.timeline =
        make_timeline(*request.timeline, dates, counted, since ? since->first : "", until ? until->last : "");
  }
  for (auto& counts : pass.counts) {
    label_and_sort(counts, request);
    // An article has at most one publication date: the matches no date value counted are undated.
    if (counts.facet == Facet::YEAR || counts.facet == Facet::MONTH || counts.facet == Facet::DAY)
      counts.undated = facets.by_story ? counts.stories_without : counted - std::min(counts.counted, counted);
    result.facets.push_back(std::move(counts));
  }
}

void Searcher::find_significant_terms(SearchResult& result, const SearchRequest& request, const Plan& plan,
                                      Xapian::Enquire& enquire, const Xapian::MSet& ranked, QueryBuilder& qb) {
  // The best matches, as ranked: the page was read from them, but for a collapsed page.
  const Xapian::MSet best = request.collapse ? enquire.get_mset(0, SIGNIFICANT_SAMPLE) : ranked;
  std::vector<Xapian::docid> sample;
  for (auto it = best.begin(); it != best.end() && sample.size() < SIGNIFICANT_SAMPLE; ++it) sample.push_back(*it);
  // What the reader asked is left out; the words feedback added are what to show.
  if (!frequencies_) frequencies_.emplace(shards_.handles);
  result.significant = significant_terms(db_, second_handle(), *frequencies_, sample,
                                         plan.asked.empty() ? plan.query : plan.asked, qb.stemmer(),
                                         request.significant_terms);
  label_terms(*result.significant, request.locale);
}

SearchResult Searcher::run(const SearchRequest& request) {
  QueryBuilder& qb = builder(request.language);
  qb.set_default_or(request.default_or);
  qb.set_limits(request.query_limits);
  const Xapian::BM25Weight bm25(request.bm25_k1, 0, 1, request.bm25_b, BM25_MIN_NORMLEN);
  const Plan plan = this->plan(request, qb, bm25);

  Xapian::Enquire enquire(db_);
  enquire.set_weighting_scheme(bm25);
  Xapian::MultiValueKeyMaker oldest_first;  // outlives the enquire's use of it
  Page page = rank(enquire, request, plan, bm25, set_order(enquire, request, plan, bm25, oldest_first));

  SearchResult result;
  result.missing_shards = shards_.missing_names();
  read_hits(result, request, page, qb);
  if (request.collapse && !shards_.remote) count_stories(result, plan.query);
  if (plan.facets.size() > 0)
    count_facets(result, request, plan, plan.counts_every_word ? plan.counted_estimate : page.matches_estimated());
  if (request.significant_terms > 0) find_significant_terms(result, request, plan, enquire, page.mset, qb);
  if (request.cooccur) {
    result.cooccurrence = cooccur(*request.cooccur, plan.counted, qb, request.facets.limit);
    if (plan.counts_every_word) {
      if (!result.every_word) result.every_word = EveryWordCount{result.cooccurrence->matches, std::nullopt};
    } else {
      result.total = result.total_min = result.total_max = result.cooccurrence->matches;
      result.total_exact = true;
    }
    label_pairs(*result.cooccurrence, *request.cooccur, request.locale);
  }
  if (result.total == 0 && !request.query.empty() && !plan.every_article)
    result.suggestion = qb.suggest_spelling(request.query, plan.tokens);
  return result;
}

Cooccurrence Searcher::cooccur(const CooccurRequest& request, const Xapian::Query& query, QueryBuilder& qb,
                               std::size_t limit) {
  // Remote shards run only Xapian's own spies: every pair needs the columns, a --with
  // list is two plain facet passes that any shard can count.
  FacetCounter& counter = shards_.remote ? static_cast<FacetCounter&>(*slots_) : *columns_;
  if (request.with.empty()) return rank_pairs(request, counter.count_pairs(db_, query, request.first, request.second), limit);
  FacetRequest partners;
  partners.every_value = {request.second};
  const FacetPass all = counter.count(db_, query, partners);
  // `with` as a filter on its field: person:blair is every Blair the index knows.
  const Xapian::Query own = qb.filter(std::string(facet_name(request.first)) + ":" + request.with);
  const FacetPass near = counter.count(db_, Xapian::Query(Xapian::Query::OP_FILTER, query, own), partners);
  std::vector<std::string> own_keys;
  if (request.first == request.second) {
    for (auto it = own.get_unique_terms_begin(); it != own.get_unique_terms_end(); ++it)
      if (auto key = facet_key_of_term(request.first, *it)) own_keys.push_back(std::move(*key));
    own_keys.push_back(Analyzer().fold(request.with));  // when the term was read through a posting source
  }
  return rank_partners(request, all, near, own_keys, limit);
}

}  // namespace newsdex
