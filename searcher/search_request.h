// What a search asks (SearchRequest) and what it answers (SearchResult), as plain types:
// the command line, batches and the output writers use them without the engine that
// runs them (searcher.h).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "core/article.h"
#include "storage/facet_values.h"
#include "storage/term_kind.h"

namespace newsdex {

// --- Facets --------------------------------------------------------------------------

struct FacetValue {
  std::string key;    // what --filter FIELD:KEY matches (folded name, country code, YYYY[MM[DD]])
  std::string label;  // for display (countries get theirs from the searcher, in a locale)
  Xapian::doccount count = 0;
};

struct FacetCounts {
  Facet facet = Facet::PERSON;
  std::vector<FacetValue> top;   // by count (highest first), then key
  std::size_t distinct = 0;      // number of values with a count above zero
  Xapian::doccount counted = 0;  // the sum of all values' counts, listed or not
  // Date facets (year, month, day): matches without a publication date, which no value
  // counts. Filled by the searcher, which knows the number of matches.
  std::optional<Xapian::doccount> undated;
  // FacetRequest::by_story (columns only): the distinct stories among the matches that
  // hold no value of this facet (for a date facet: the stories with an undated copy).
  Xapian::doccount stories_without = 0;
};

struct FacetRequest {
  std::vector<Facet> facets;
  std::size_t limit = 10;  // values listed per facet
  // Counted after `facets`, each with every value listed: what a timeline is drawn from.
  std::vector<Facet> every_value;
  // Count stories, not articles: a value's count is the number of distinct story keys
  // (schema::SLOT_STORY) among the matches holding it, so that twelve copies of one wire
  // story count once. Needs the in-memory columns.
  bool by_story = false;
  // Count the distinct stories of the matches (FacetPass::stories), as by_story does,
  // without counting the facets by story. Needs the in-memory columns.
  bool count_stories = false;
  // Stories whose matches to count (the story keys of the hits of a --collapse search):
  // FacetPass::story_sizes, in this order. Needs the in-memory columns.
  std::vector<std::string> story_sizes_of;

  // The facets to count, `facets` then `every_value`, and how many values each lists.
  std::size_t size() const { return facets.size() + every_value.size(); }
  Facet at(std::size_t i) const { return i < facets.size() ? facets[i] : every_value[i - facets.size()]; }
  std::size_t limit_at(std::size_t i) const { return i < facets.size() ? limit : SIZE_MAX; }
};

// --- Timelines ------------------------------------------------------------------------

enum class TimelineUnit { DAY, WEEK, MONTH, YEAR };

// "day", "week", "month", "year".
std::string_view timeline_unit_name(TimelineUnit unit);
std::optional<TimelineUnit> timeline_unit_from_name(std::string_view name);

struct TimelinePoint {
  std::string period;  // "2004", "2004-12", "2004-W51" (ISO 8601 week) or "2004-12-31"
  std::string start;   // its first day, "YYYY-MM-DD"
  Xapian::doccount count = 0;
};

struct Timeline {
  TimelineUnit unit = TimelineUnit::MONTH;
  std::vector<TimelinePoint> points;  // every period from the first to the last, in order
  Xapian::doccount undated = 0;       // matches without a publication date
  // Matches dated to the month only (a day or week timeline cannot place them).
  Xapian::doccount month_only = 0;
};

// --- Co-occurrence and significant terms ------------------------------------------------

struct CooccurRequest {
  Facet first = Facet::PERSON;
  Facet second = Facet::PERSON;  // the same facet: pairs of two of its values
  std::string with;              // a value of `first`: list the values of `second` seen with it
};

struct Associate {
  FacetValue a;                  // count: matches holding it
  FacetValue b;
  Xapian::doccount together = 0;  // matches holding both
  double g2 = 0;                 // log-likelihood ratio, higher is stronger
  double npmi = 0;               // normalised pointwise mutual information, -1 .. 1
};

struct Cooccurrence {
  CooccurRequest request;
  Xapian::doccount matches = 0;       // the matches counted over
  Xapian::doccount with_matches = 0;  // those holding `request.with`, when given
  std::size_t distinct = 0;           // pairs listed before the limit
  std::vector<Associate> top;         // by G², highest first
};

struct SignificantTerm {
  TermKind kind = TermKind::WORD;
  std::string key;    // the word as indexed (folded), the person's folded name, the country code
  std::string label;  // as written: the person's name, the country's code (the searcher names it)
  Xapian::doccount foreground = 0;  // sampled matches holding it
  Xapian::doccount background = 0;  // articles of the archive holding it
  double score = 0;                 // JLH
};

struct SignificantTerms {
  Xapian::doccount foreground = 0;  // matches sampled
  Xapian::doccount background = 0;  // articles in the archive
  std::vector<SignificantTerm> top; // by score, highest first
};

// "word", "person", "country".
std::string_view term_kind_name(TermKind kind);

// --- The query's limits -----------------------------------------------------------------

// Limits on one query's text, checked before QueryParser sees it. Xapian's matcher takes
// time that grows with the square of the number of ORed terms the index does not hold
// (docs/measurements.md, Figures behind the code's limits), so a query over a limit is
// refused with a QueryError (exit status 2; in a batch, that query's error record). The
// default of words keeps a 100,000-character query of ordinary words (11,111 of them)
// within it; the default of bytes bounds the analysis that counts the words. --max-query-terms and --max-query-bytes change them.
inline constexpr std::size_t DEFAULT_MAX_QUERY_TERMS = 12000;
inline constexpr std::size_t DEFAULT_MAX_QUERY_BYTES = std::size_t{1} << 20;

struct QueryLimits {
  std::size_t max_terms = DEFAULT_MAX_QUERY_TERMS;  // words; operators and field names do not count
  std::size_t max_bytes = DEFAULT_MAX_QUERY_BYTES;  // of the query text as typed (UTF-8)
};

// The fields a query (and --filter) may name, for messages and --help.
inline constexpr std::string_view QUERY_FIELDS = "title, person, country, author, source, lang, date";

// --- The request ------------------------------------------------------------------------

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
// "auto", "columns", "slots".
std::optional<FacetMethod> facet_method_from_name(std::string_view name);
// --facet-by and a batch line's "facet_by": "story" (true) or "article" (false).
std::optional<bool> facet_by_story_from_name(std::string_view name);

// Ranking defaults, tuned on the Reuters-21578 topic set (scripts/eval-ranking): b = 0.3,
// less length normalisation than the textbook 0.75, because long news stories are long
// because they say more; k1 hardly matters (docs/measurements.md, Ranking quality).
inline constexpr Xapian::doccount DEFAULT_TWO_CORES_FROM = 20000;
inline constexpr double DEFAULT_BM25_K1 = 1.2;
inline constexpr double DEFAULT_BM25_B = 0.3;
// BM25's floor on a document's length relative to the average (Xapian's min_normlen).
inline constexpr double BM25_MIN_NORMLEN = 0.5;

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
  // budget (docs/measurements.md, Ranking quality): words are alternatives, ranked by BM25. Feedback ranks
  // better still but made a search five to ten times slower, so it is asked for (--expand).
  bool default_or = true;                // words without an operator: OR (false: AND)
  Expansion expansion = Expansion::NONE;
  double bm25_k1 = DEFAULT_BM25_K1;
  double bm25_b = DEFAULT_BM25_B;
  std::size_t snippet_length = 180;      // characters; 0: no snippets
  QueryLimits query_limits;              // --max-query-terms, --max-query-bytes
  // From this many estimated matches a search ranks and counts facets on two cores, half
  // the document ids each, on two handles of the database; below it a thread costs more
  // than it saves. Measured in docs/measurements.md (Archive scale).
  Xapian::doccount two_cores_from = DEFAULT_TWO_CORES_FROM;
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

// At most this many --filter values (or "filters" in a batch line) in one search: far
// more than a person types, and it keeps a scripted query's filter list from growing
// without bound (each one is a posting list the matcher must intersect).
inline constexpr std::size_t MAX_FILTERS = 1000;

// The matches holding every word of an any-word query, which the counts describe.
struct EveryWordCount {
  Xapian::doccount articles = 0;
  std::optional<Xapian::doccount> stories;  // facet-by story: distinct stories among them
};

struct SearchResult {
  std::vector<Hit> hits;
  Xapian::doccount total = 0;      // number of matching articles (Xapian's estimate unless total_exact)
  bool total_exact = false;        // total is the exact count
  Xapian::doccount total_min = 0;  // bounds on the count (both equal total when exact)
  Xapian::doccount total_max = 0;
  std::optional<Xapian::doccount> stories;  // collapse, facet-by story: distinct stories among the matches
  // An any-word query (the default) whose facets, timeline and co-occurrence counted only
  // the matches holding every word: how many those were (Searcher::Plan::counted says why).
  std::optional<EveryWordCount> every_word;
  std::vector<FacetCounts> facets;
  std::optional<Timeline> timeline;  // when the request asked for one
  std::optional<Cooccurrence> cooccurrence;
  std::optional<SignificantTerms> significant;  // when significant_terms > 0
  std::string suggestion;      // "did you mean" text when nothing matched, else ""
  std::vector<std::string> missing_shards;  // --allow-partial: shards not searched ("HOST:PORT", paths)
};

// The languages named by "lang:" filters (ISO 639-1 codes): the query is stemmed in those.
std::vector<std::string> filter_languages(const std::vector<std::string>& filters);

// Whether a query is "*" alone: every article (narrowed by filters, if any).
bool is_every_article(std::string_view query);

}  // namespace newsdex
