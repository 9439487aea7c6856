// What a reader sees for the keys the counting passes produce: a country's code as its
// name in the asked locale, a compact date as an ISO date. Applied once to a result, so
// that every writer (text, JSON, CSV, the server's page) shows the same names in the same
// order; the counters deal in keys alone.
#pragma once

#include <string>

#include "search_request.h"

namespace newsdex {

// Labels a facet's top values and puts them in the order asked: by count as counted, or
// by value (dates by their key, the others by the name shown).
void label_and_sort(FacetCounts& counts, const SearchRequest& request);

// Countries named in the locale, as in facets; a --with value stays as typed.
void label_pairs(Cooccurrence& cooccurrence, const CooccurRequest& asked, const std::string& locale);

// Countries among the significant terms named in the locale.
void label_terms(SignificantTerms& terms, const std::string& locale);

}  // namespace newsdex
