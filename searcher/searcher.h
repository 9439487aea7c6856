// Runs a query against a database: ranked (BM25) hits with their stored fields and
// snippets, exact facet counts, the total, and a spelling suggestion when nothing matches.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "article.h"
#include "cooccurrence.h"
#include "facet_counter.h"
#include "query_builder.h"
#include "shard_set.h"
#include "significant_terms.h"
#include "timeline.h"

namespace newsdex {

enum class SortOrder { RELEVANCE, DATE, DATE_DESC };  // DATE: oldest first
enum class FacetMethod { AUTO, COLUMNS, SLOTS };
// The order a facet's listed values are printed in (the limit always keeps the most
// frequent): COUNT, highest first; VALUE, dates in date order, the others by name.
enum class FacetSort { COUNT, VALUE };
// Unless asked: dates (year, month, day, mentioned) in date order, the others by count.
FacetSort default_facet_sort(Facet facet);

// The names the command line and batch lines give them: "relevance", "date", "-date";
// "count", "value". nullopt for any other name.
std::optional<SortOrder> sort_order_from_name(std::string_view name);
std::optional<FacetSort> facet_sort_from_name(std::string_view name);

// Ranking defaults, tuned on the Reuters-21578 topic set (scripts/eval-ranking): b = 0.3
// (less length normalisation than the textbook 0.75: long Reuters stories are long
// because they say more) gave MAP 0.477 against 0.455; k1 between 0.9 and 2 hardly matters.
inline constexpr double DEFAULT_BM25_K1 = 1.2;
inline constexpr double DEFAULT_BM25_B = 0.3;

// Pseudo-relevance feedback: the words that stand out in the best matches of the query,
// added to it. REORDER ranks the matches with them, so every match still holds a word of
// the query (or all of them, with AND); WIDEN also finds articles that hold only the
// added words (it ranks better on the topic set, but its count is no longer of articles
// holding the reader's words).
enum class Expansion { NONE, REORDER, WIDEN };

struct SearchRequest {
  std::string qid = "1";                 // names the query in batch and TREC output
  std::string query;                     // Xapian query syntax with newsdex fields
  std::string language;                  // ISO 639-1: stem in this language only; "": in each the database holds
  Xapian::doccount offset = 0;
  Xapian::doccount limit = 10;
  std::vector<std::string> filters;      // "FIELD:VALUE", narrowing without scoring
  std::string since, until;              // "YYYY", "YYYY-MM" or "YYYY-MM-DD", inclusive
  FacetRequest facets;
  std::optional<TimelineUnit> timeline;  // matches per period, counted like the facets
  std::optional<CooccurRequest> cooccur;  // values seen together; facets.limit pairs listed
  std::size_t significant_terms = 0;      // list this many over-represented terms (0: none)
  FacetMethod facet_method = FacetMethod::AUTO;
  std::optional<FacetSort> facet_sort;   // nullopt: default_facet_sort of each facet
  std::string locale = "en";             // ICU locale of country labels
  SortOrder sort = SortOrder::RELEVANCE;
  double recency_half_life_days = 0;     // 0: no recency blend
  std::string like_id;                   // article id for "more like this"
  // One hit per story (its best-ranked article), each with the number of other matches
  // telling the same story; counted exactly over every match (Xapian's collapse key).
  bool collapse = false;
  bool facet_by_story = false;           // facets and timelines count stories, not articles
  bool story_keys = false;               // hits carry their story key (--fields story)
  // The default is the best mode measured on long and short queries within the latency
  // budget (README, Ranking): words are alternatives, ranked by BM25. Feedback ranks
  // better still but made a search five to ten times slower, so it is asked for (--expand).
  bool default_or = true;                // words without an operator: OR (false: AND)
  Expansion expansion = Expansion::NONE;
  double bm25_k1 = DEFAULT_BM25_K1;
  double bm25_b = DEFAULT_BM25_B;
  std::size_t snippet_length = 180;      // characters; 0: no snippets
  QueryLimits query_limits;              // --max-query-terms, --max-query-bytes
};

struct Hit {
  Xapian::doccount rank = 0;  // 1-based, counting the offset
  double score = 0;
  Article article;            // the stored fields
  std::string snippet;        // matched terms between SNIPPET_MARK_START and SNIPPET_MARK_END
  std::string story;          // the story key, when collapsing or asked for
  Xapian::doccount similar = 0;  // collapse: other matches of the same story
};

// Around highlighted words in Hit::snippet; writers turn them into colour or drop them.
inline constexpr char SNIPPET_MARK_START = '\x02';
inline constexpr char SNIPPET_MARK_END = '\x03';

// The ranked pass counts matches exactly up to this many (Xapian's check_at_least), as
// Elasticsearch's track_total_hits does; past it the total is Xapian's estimate between
// bounds. Measured in the README (Search speed): counting to it costs little on the
// topic queries, and a journalist quotes the count.
inline constexpr Xapian::doccount EXACT_COUNT_BUDGET = 10000;

// At most this many --filter values (or "filters" in a batch line) in one search: far
// more than a person types, and it keeps a scripted query's filter list from growing
// without bound (each one is a posting list the matcher must intersect).
inline constexpr std::size_t MAX_FILTERS = 1000;

// The languages named by "lang:" filters (ISO 639-1 codes): the query is stemmed in those.
std::vector<std::string> filter_languages(const std::vector<std::string>& filters);

// Whether a query is "*" alone: every article (narrowed by filters, if any).
bool is_every_article(std::string_view query);

struct SearchResult {
  std::vector<Hit> hits;
  Xapian::doccount total = 0;      // number of matching articles (Xapian's estimate unless total_exact)
  bool total_exact = false;        // total is the exact count
  Xapian::doccount total_min = 0;  // bounds on the count (both equal total when exact)
  Xapian::doccount total_max = 0;
  std::optional<Xapian::doccount> stories;  // collapse, facet-by story: distinct stories among the matches
  std::vector<FacetCounts> facets;
  std::optional<Timeline> timeline;  // when the request asked for one
  std::optional<Cooccurrence> cooccurrence;
  std::optional<SignificantTerms> significant;  // when significant_terms > 0
  std::string suggestion;      // "did you mean" text when nothing matched, else ""
  std::vector<std::string> missing_shards;  // --allow-partial: shards not searched ("HOST:PORT", paths)
};

// One open database and what is worth keeping between queries (query parsers, facet
// columns). Not thread-safe: one Searcher per thread.
class Searcher {
 public:
  // `databases`: one database, or shards (local and remote) searched as one (shard_set.h).
  // `many_queries`: facet columns are worth loading even for a small result set.
  explicit Searcher(const DatabaseSpec& databases, bool many_queries = false);
  ~Searcher();

  // Throws QueryError (query_builder.h) for a malformed query. When an indexer's commits
  // invalidate what this handle reads (Xapian::DatabaseModifiedError, or a generation
  // deleted after a newer one replaced it: DatabaseOpeningError), the databases are
  // opened again from their stubs and the query run again, a bounded number of times.
  SearchResult search(const SearchRequest& request);

  // The stored article with this id, whole (for --show); nullopt when there is none.
  std::optional<Article> article(const std::string& id);

  // For a searcher that lives long (newsdex-serve): when a commit has changed any of the
  // databases since they were opened (in place, or into a new generation), opens them
  // again, so that new articles are found, not only commits survived. Returns whether it
  // did. Costs a read of each database's version file (a round trip to a remote shard).
  bool refresh();

  // The revisions of the open databases, "12" or "12,7,3" for shards: equal strings mean
  // the same articles (newsdex-serve's response cache keys on it). "" when a shard cannot
  // say.
  std::string revision() const;

 private:
  SearchResult run(const SearchRequest& request);
  void reopen();  // opens spec_ afresh and drops what belonged to the old handles
  const Xapian::Database* second_handle();
  QueryBuilder& builder(const std::string& language);
  Xapian::Query like_query(const std::string& id);
  Xapian::Query expand(const Xapian::Query& query, const Xapian::Weight& weight, Expansion expansion);
  Cooccurrence cooccur(const CooccurRequest& request, const Xapian::Query& query, QueryBuilder& qb, std::size_t limit);

  std::string path_;
  bool many_queries_;
  DatabaseSpec spec_;
  ShardHealth health_;   // remote shards found down, for the rest of the batch
  bool stale_ = false;   // a remote shard failed and opening the set again failed too
  ShardSet shards_;
  Xapian::Database db_;  // shards_.db
  std::map<std::string, std::unique_ptr<QueryBuilder>> builders_;
  std::unique_ptr<FacetCounter> columns_;  // in-memory columns (shard_facets.h)
  std::unique_ptr<SlotFacetCounter> slots_;
  // The same local databases opened again, for work on a second core within one query
  // (a Xapian handle is not thread-safe); opened when first needed.
  std::optional<ShardSet> second_;
  std::optional<ArchiveFrequencies> frequencies_;  // read when significant terms first need them
};

}  // namespace newsdex
