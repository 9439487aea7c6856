// Co-occurrence: which values of two facets (people, countries, authors, sources) appear
// together in the matches more often than chance would have them, as a journalist asks
// "who appears with whom". Pairs are counted exactly over every match and scored by
// Dunning's log-likelihood ratio G² on the 2x2 table of the matches (with both, with one
// only, with the other only, with neither), so a pair ranks high because its values keep
// company, not because each is frequent; normalised PMI is given beside it.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "facet_counter.h"
#include "search_request.h"

namespace newsdex {

// The facets co-occurrence takes: those whose values an article names (a field of the
// query syntax matches them), not dates.
bool can_cooccur(Facet facet);

// "person", "person,country": one facet (pairs of its values) or two (one value of each),
// with `with` (may be empty). Throws std::invalid_argument naming what is wrong.
CooccurRequest parse_cooccur(std::string_view list, std::string with);

// Pairs seen together in fewer matches are not listed: one shared article says little.
inline constexpr Xapian::doccount MIN_TOGETHER = 2;

// G² of the 2x2 table [[both, a only], [b only, neither]].
double log_likelihood_ratio(double both, double a_only, double b_only, double neither);

// The pairs of `pass` that are positively associated and seen together in at least
// MIN_TOGETHER of `pass.singles.matches` matches, best `limit` by G².
Cooccurrence rank_pairs(const CooccurRequest& request, const PairPass& pass, std::size_t limit);

// --with: the values of `request.second` over the matches (`all`) and over those that
// also hold `request.with` (`near`, which counted `near_matches`); `own_keys` are the
// keys `with` itself stands for, left out of the list.
Cooccurrence rank_partners(const CooccurRequest& request, const FacetPass& all, const FacetPass& near,
                           const std::vector<std::string>& own_keys, std::size_t limit);

}  // namespace newsdex
