// The database schema: every term prefix, value slot and metadata key newsdex uses.
// This header is the single source of truth for both newsdex-index and newsdex-search.
// Prefixes follow Xapian's conventions (docs/termprefixes.rst) where one exists.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace Xapian {
class Database;
class WritableDatabase;
}

namespace newsdex::schema {

// Bumped whenever a change makes older databases unreadable by this searcher.
inline constexpr int VERSION = 1;
// Metadata key holding VERSION as a decimal string.
inline constexpr std::string_view METADATA_SCHEMA_VERSION = "newsdex.schema";
// What keeps this build from reading or writing `db` (one database, local or remote): ""
// when it holds VERSION, else "not a newsdex database (no schema version)" or "schema
// version 2, this version of newsdex reads 1", for the caller to name the database.
std::string version_problem(const Xapian::Database& db);
// Marks `db` as written with this schema (in its next commit): the one writer of the mark
// that version_problem() reads.
void stamp_version(Xapian::WritableDatabase& db);
// Metadata key holding the name of the generation directory ("gen-000007") a commit of
// newsdex-index finished writing: how a directory whose stub was lost finds its newest
// complete generation again.
inline constexpr std::string_view METADATA_GENERATION = "newsdex.generation";
// The file beside a database (in its generation's directory) that holds its facet
// columns, written by newsdex-index at each commit (common/storage/facet_columns.h).
inline constexpr std::string_view COLUMN_FILE = "newsdex-columns";
// Metadata key holding the document frequencies of the most frequent subject terms
// (frequent_terms.h).
inline constexpr std::string_view METADATA_FREQUENT_TERMS = "newsdex.frequent-terms";

// --- Free-text terms (written by the analyser, read by Xapian's QueryParser) -----------
// Unprefixed: the folded word, with positions. PREFIX_STEM + stem: without positions.
inline constexpr std::string_view PREFIX_STEM = "Z";
// Title words, in addition to being indexed unprefixed with extra weight.
inline constexpr std::string_view PREFIX_TITLE = "S";

// --- Boolean terms ---------------------------------------------------------------------
// Xapian rejects terms over 245 bytes; a boolean term (prefix and value) longer than this
// is not written: values that long are no useful facet or filter.
inline constexpr std::size_t MAX_BOOLEAN_TERM = 240;
inline constexpr std::string_view PREFIX_ID = "Q";            // Q<article id>
inline constexpr std::string_view PREFIX_AUTHOR = "A";        // A<author, folded>
inline constexpr std::string_view PREFIX_PERSON = "XP";       // XP<canonical name, folded>
inline constexpr std::string_view PREFIX_COUNTRY = "N";       // N<ISO 3166-1 alpha-2, lower case>
inline constexpr std::string_view PREFIX_REGION = "XR";       // XR<ISO 3166-2, lower case>: XRgb-sct
inline constexpr std::string_view PREFIX_DAY = "D";           // D<YYYYMMDD> publication day
inline constexpr std::string_view PREFIX_MONTH = "M";         // M<YYYYMM>
inline constexpr std::string_view PREFIX_YEAR = "Y";          // Y<YYYY>
inline constexpr std::string_view PREFIX_MENTIONED = "XM";    // XM<YYYYMMDD> or XM<YYYYMM>
inline constexpr std::string_view PREFIX_SOURCE = "XS";       // XS<source, folded>
inline constexpr std::string_view PREFIX_LANGUAGE = "L";      // L<ISO 639-1 code>
// XB<band digit><8 hex digits>: a band of the article's near-duplicate sketch
// (common/analysis/story_sketch.h); the articles sharing one are compared when a commit links stories.
inline constexpr std::string_view PREFIX_STORY_BAND = "XB";

// The boolean term of a country: PREFIX_COUNTRY + its ISO code in lower case (`code` in
// either case). The indexer writes it and "country:" reads it from here alone.
std::string country_term(std::string_view code);
// The boolean term of a region below the country: PREFIX_REGION + its ISO 3166-2 code in
// lower case ("GB-SCT" -> "XRgb-sct"). An article naming a region has its country's term too.
std::string region_term(std::string_view code);

// --- Value slots -----------------------------------------------------------------------
// Publication date as "YYYYMMDD" (UTC). Sorts as a string; read by Xapian's
// DateRangeProcessor, by --sort date and by the recency blend.
inline constexpr unsigned SLOT_DATE = 0;
// The story key (16 hex digits): articles that tell the same story (near-duplicates, found
// by common/analysis/story_sketch.h) share it. Xapian's collapse key for --collapse.
inline constexpr unsigned SLOT_STORY = 4;
// The article's MinHash sketch (common/analysis/story_sketch.h), when its text has enough words.
inline constexpr unsigned SLOT_SKETCH = 5;

// Facet values (common/storage/facet_values.h writes them, the searcher counts them). One value
// per slot, so that Xapian's stock ValueCountMatchSpy can count them too (it is the only
// spy a remote xapian-tcpsrv runs). A facet with several values per article owns a run
// of slots for its first values, value i of an article in slot first + i; the values past
// that run (an article naming 500 people) go to the overflow slots, value first_count + k
// in SLOT_OVERFLOW_FIRST + k * OVERFLOW_LANES + lane, so that no value is left uncounted
// and databases written before the overflow slots existed read the same. An article's
// values fill their slots in order, so the first slot no article uses ends a facet's slots.
// A value is "<key>" or "<key>\x1F<display label>", the key being what a filter matches
// (the folded name of the boolean term, the country code, the compact date).
struct FacetSlots {
  unsigned first;
  unsigned count;         // the first values of an article: slots first .. first + count - 1
  int overflow_lane = -1;  // the lane of the values past `count`; -1: one value per article
};
inline constexpr unsigned SLOT_OVERFLOW_FIRST = 1000;
inline constexpr unsigned OVERFLOW_LANES = 4;
// Publication date as "YYYYMMDD", or "YYYYMM" when only the month is known.
inline constexpr FacetSlots SLOTS_PUBLISHED = {1, 1};
inline constexpr FacetSlots SLOTS_SOURCE = {2, 1};
inline constexpr FacetSlots SLOTS_LANGUAGE = {3, 1};  // ISO 639-1 code
inline constexpr FacetSlots SLOTS_AUTHOR = {10, 8, 0};
inline constexpr FacetSlots SLOTS_PERSON = {20, 32, 1};
inline constexpr FacetSlots SLOTS_COUNTRY = {60, 32, 2};     // ISO 3166-1 alpha-2, upper case
inline constexpr FacetSlots SLOTS_MENTIONED = {100, 32, 3};  // "YYYYMMDD" or "YYYYMM"
// ISO 3166-2, upper case. No overflow lane: the slots outnumber the regions the table
// knows (common/entities/data/regions.tsv; a test holds them to it), so none is left out.
inline constexpr FacetSlots SLOTS_REGION = {140, 100};
// Separates a facet value's key from its display label.
inline constexpr char FACET_LABEL_SEPARATOR = '\x1F';

// Extra weight of a title word over a body word (added to its wdf).
inline constexpr unsigned TITLE_WDF_BOOST = 3;
// Gap left between the positions of two fields, so phrases never span them.
inline constexpr unsigned FIELD_POSITION_GAP = 100;

}  // namespace newsdex::schema
