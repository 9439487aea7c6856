// The database schema: every term prefix, value slot and metadata key newsdex uses.
// This header is the single source of truth for both newsdex-index and newsdex-search.
// Prefixes follow Xapian's conventions (docs/termprefixes.rst) where one exists.
#pragma once

#include <string_view>

namespace newsdex::schema {

// Bumped whenever a change makes older databases unreadable by this searcher.
inline constexpr int VERSION = 1;
// Metadata key holding VERSION as a decimal string.
inline constexpr std::string_view METADATA_SCHEMA_VERSION = "newsdex.schema";

// --- Free-text terms (written by the analyser, read by Xapian's QueryParser) -----------
// Unprefixed: the folded word, with positions. PREFIX_STEM + stem: without positions.
inline constexpr std::string_view PREFIX_STEM = "Z";
// Title words, in addition to being indexed unprefixed with extra weight.
inline constexpr std::string_view PREFIX_TITLE = "S";

// --- Boolean terms ---------------------------------------------------------------------
inline constexpr std::string_view PREFIX_ID = "Q";            // Q<article id>
inline constexpr std::string_view PREFIX_AUTHOR = "A";        // A<author, folded>
inline constexpr std::string_view PREFIX_PERSON = "XP";       // XP<canonical name, folded>
inline constexpr std::string_view PREFIX_COUNTRY = "N";       // N<ISO 3166-1 alpha-2, lower case>
inline constexpr std::string_view PREFIX_DAY = "D";           // D<YYYYMMDD> publication day
inline constexpr std::string_view PREFIX_MONTH = "M";         // M<YYYYMM>
inline constexpr std::string_view PREFIX_YEAR = "Y";          // Y<YYYY>
inline constexpr std::string_view PREFIX_MENTIONED = "XM";    // XM<YYYYMMDD> or XM<YYYYMM>
inline constexpr std::string_view PREFIX_SOURCE = "XS";       // XS<source, folded>
inline constexpr std::string_view PREFIX_LANGUAGE = "L";      // L<ISO 639-1 code>

// --- Value slots -----------------------------------------------------------------------
// Publication date as "YYYYMMDD" (UTC). Sorts as a string; read by Xapian's
// DateRangeProcessor, by --sort date and by the recency blend.
inline constexpr unsigned SLOT_DATE = 0;

// Extra weight of a title word over a body word (added to its wdf).
inline constexpr unsigned TITLE_WDF_BOOST = 3;
// Gap left between the positions of two fields, so phrases never span them.
inline constexpr unsigned FIELD_POSITION_GAP = 100;

}  // namespace newsdex::schema
