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

#include "core/article.h"
#include "cooccurrence.h"
#include "facet_counter.h"
#include "length_weighted_terms.h"
#include "query_builder.h"
#include "search_request.h"
#include "shard_set.h"
#include "significant_terms.h"
#include "timeline.h"

namespace newsdex {

// The ranked pass counts matches exactly up to this many (Xapian's check_at_least), as
// Elasticsearch's track_total_hits does; past it the total is Xapian's estimate between
// bounds. Measured in docs/measurements.md (Search speed): counting to it costs little on the
// topic queries, and a journalist quotes the count.
inline constexpr Xapian::doccount EXACT_COUNT_BUDGET = 10000;


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

  // The facet columns this searcher has loaded, and loading them ahead of the queries
  // that will need them: newsdex-serve warms a searcher opened on a new revision with
  // what the serving ones use, before lending it.
  LoadedColumns loaded_columns() const;
  void load_columns(const LoadedColumns& columns);
  // Reads every document's length ahead of the first ranked query, which reads them in a
  // searcher for many queries (length_weighted_terms.h); nothing where it would not.
  void load_lengths();

 private:
  struct Plan;
  struct Page;
  // A search's stages, in the order run() takes them.
  SearchResult run(const SearchRequest& request);
  void check_database_supports(const SearchRequest& request) const;
  Plan plan(const SearchRequest& request, QueryBuilder& qb, const Xapian::Weight& weight);
  // Sets the enquire's query (with any recency blend) and order. Returns the query's
  // estimated counts when it has words (read to tell whether any match has a score; the
  // ranking keeps them), nothing when it has none.
  std::optional<Xapian::MSet> set_order(Xapian::Enquire& enquire, const SearchRequest& request, const Plan& plan,
                                        const Xapian::Weight& weight, Xapian::MultiValueKeyMaker& oldest_first);
  Page rank(Xapian::Enquire& enquire, const SearchRequest& request, const Plan& plan, const Xapian::Weight& weight,
            std::optional<Xapian::MSet> whole);
  // Ranks the first half of the document ids here and the second on a second handle in a
  // thread of its own, for a query with many matches ordered by relevance alone; false
  // (and nothing ranked) where it cannot.
  bool rank_on_two(Xapian::Enquire& enquire, const SearchRequest& request, const Xapian::Weight& weight,
                   const Xapian::Registry& registry, Xapian::doccount count_to, Page& page);
  void rank_collapsed(Xapian::Enquire& enquire, const SearchRequest& request, Page& page);
  void read_hits(SearchResult& result, const SearchRequest& request, const Page& page, QueryBuilder& qb);
  void count_stories(SearchResult& result, const Xapian::Query& query);
  void count_facets(SearchResult& result, const SearchRequest& request, const Plan& plan,
                    Xapian::doccount matches_estimated);
  void find_significant_terms(SearchResult& result, const SearchRequest& request, const Plan& plan,
                              Xapian::Enquire& enquire, const Xapian::MSet& ranked, QueryBuilder& qb);
  void reopen();  // opens spec_ afresh and drops what belonged to the old handles
  // Whether words are ranked from lengths in memory: for many queries, on one local database.
  bool weighs_by_lengths() const;
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
  // Every document's length, for BM25 without Xapian's per-match read of them
  // (length_weighted_terms.h); read when a long-lived searcher first ranks words.
  std::shared_ptr<const DocumentLengths> lengths_;
};

}  // namespace newsdex
