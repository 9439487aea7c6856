// Facet values: what the indexer stores in the facet value slots of common/core/schema.h and
// how the searcher reads them back. One definition for both sides, so that every way of
// counting (the searcher's in-memory columns, Xapian's stock ValueCountMatchSpy on a
// remote shard) sees the same keys.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <xapian.h>

#include "analysis/analyzer.h"
#include "core/article.h"
#include "core/schema.h"

namespace newsdex {

enum class Facet { PERSON, COUNTRY, REGION, AUTHOR, SOURCE, LANGUAGE, YEAR, MONTH, DAY, MENTIONED };
inline constexpr Facet ALL_FACETS[] = {Facet::PERSON, Facet::COUNTRY, Facet::REGION, Facet::AUTHOR, Facet::SOURCE,
                                       Facet::LANGUAGE, Facet::YEAR, Facet::MONTH, Facet::DAY, Facet::MENTIONED};

// The facet names, as --facet takes them, for messages.
inline constexpr std::string_view FACET_NAMES =
    "person, country, region, author, source, lang, year, month, day, mentioned";

// "person", "country", "region", "author", "source", "lang", "year", "month", "day", "mentioned".
std::string_view facet_name(Facet facet);
std::optional<Facet> facet_from_name(std::string_view name);

// The prefix of the boolean terms that index a facet's values (schema.h): a value's key
// is the term without it (a country's and a region's in upper case). YEAR, MONTH and DAY have their own.
std::string_view facet_term_prefix(Facet facet);
// The facet key a boolean term of `facet` stands for ("Ngb" -> "GB", "XRgb-sct" ->
// "GB-SCT", "XPtony blair" -> "tony blair"); nullopt for a term of another prefix.
std::optional<std::string> facet_key_of_term(Facet facet, std::string_view term);

// The slot that holds value `index` (0, 1, ...) of `facet` in an article (schema.h), or
// nothing past the one value of a single-valued facet. YEAR, MONTH and DAY share the
// publication date's slot.
std::optional<Xapian::valueno> facet_slot(Facet facet, unsigned index);

// The slots that hold values of `facet` in a database: facet_slot(facet, 0), 1, ... up
// to the first that `used` says no document has a value in (an article's values fill
// their slots in order, so no later slot has one either).
template <typename Used>
std::vector<Xapian::valueno> facet_slots_in_use(Facet facet, Used&& used) {
  std::vector<Xapian::valueno> slots;
  for (unsigned i = 0;; ++i) {
    const auto slot = facet_slot(facet, i);
    if (!slot || !used(*slot)) return slots;
    slots.push_back(*slot);
  }
}

// A stored value split into its key and its display label (the key when none is stored).
std::pair<std::string_view, std::string_view> split_facet_value(std::string_view value);

// The facet key a stored key counts under: for YEAR "YYYY", MONTH "YYYYMM", DAY
// "YYYYMMDD" cut from a published date (empty when the date is less precise, e.g. DAY
// of a month-only date: such an article is not counted); other facets keep the key.
std::string_view facet_key(Facet facet, std::string_view stored_key);

// An article's names folded (Analyzer::fold), each once per article: the keys of both
// their boolean terms and their facet values, so that a filter and a count agree. In the
// order of the article's lists.
struct FoldedNames {
  std::vector<std::string> people;
  std::vector<std::string> authors;
  std::string source;
};
FoldedNames fold_names(const Article& article, const Analyzer& analyzer);

// Adds the facet values of `article` to `doc`: authors, people and source with their
// folded form (`folded`, from fold_names of the article) as key and the name as written
// as label; countries and regions as upper-case codes; the language as its ISO 639-1 code; dates as
// "YYYYMMDD" or "YYYYMM". Values whose keys repeat within one article are written once;
// every value is stored, however many an article has (the ones past a facet's run of
// slots in the overflow slots).
void add_facet_values(Xapian::Document& doc, const Article& article, const FoldedNames& folded);

// Replaces the values of one facet in `doc` with `keys` and their display `labels` (same
// length), written as add_facet_values writes them: for a document whose names change
// after it was built.
void replace_facet_values(Xapian::Document& doc, Facet facet, const std::vector<std::string>& keys,
                          const std::vector<std::string>& labels);

}  // namespace newsdex
