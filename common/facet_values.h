// Facet values: what the indexer stores in the facet value slots of common/schema.h and
// how the searcher reads them back. One definition for both sides, so that every way of
// counting (the searcher's in-memory columns, Xapian's stock ValueCountMatchSpy on a
// remote shard) sees the same keys.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include <xapian.h>

#include "analyzer.h"
#include "article.h"
#include "schema.h"

namespace newsdex {

enum class Facet { PERSON, COUNTRY, AUTHOR, SOURCE, YEAR, MONTH, DAY, MENTIONED };
inline constexpr Facet ALL_FACETS[] = {Facet::PERSON, Facet::COUNTRY, Facet::AUTHOR, Facet::SOURCE,
                                       Facet::YEAR,   Facet::MONTH,   Facet::DAY,    Facet::MENTIONED};

// "person", "country", "author", "source", "year", "month", "day", "mentioned".
std::string_view facet_name(Facet facet);
std::optional<Facet> facet_from_name(std::string_view name);

// The value slots a facet is counted from. YEAR, MONTH and DAY share SLOTS_PUBLISHED.
schema::FacetSlots facet_slots(Facet facet);

// A stored value split into its key and its display label (the key when none is stored).
std::pair<std::string_view, std::string_view> split_facet_value(std::string_view value);

// The facet key a stored key counts under: for YEAR "YYYY", MONTH "YYYYMM", DAY
// "YYYYMMDD" cut from a published date (empty when the date is less precise, e.g. DAY
// of a month-only date: such an article is not counted); other facets keep the key.
std::string_view facet_key(Facet facet, std::string_view stored_key);

// Adds the facet values of `article` to `doc`: authors, people and source with their
// folded form as key (the same text as their boolean terms) and the name as written as
// label; countries as upper-case codes; dates as "YYYYMMDD" or "YYYYMM". Values whose
// keys repeat within one article are written once; values past a facet's slot count are
// not stored (and so not counted).
void add_facet_values(Xapian::Document& doc, const Article& article, const Analyzer& analyzer);

}  // namespace newsdex
