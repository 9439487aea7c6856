#include "facet_labels.h"

#include <algorithm>
#include <tuple>

#include "core/calendar.h"
#include "entities/country_table.h"

namespace newsdex {

void label_and_sort(FacetCounts& counts, const SearchRequest& request) {
  if (counts.facet == Facet::COUNTRY)
    for (auto& value : counts.top) value.label = CountryTable::instance().label(value.key, request.locale);
  if (counts.facet == Facet::MONTH || counts.facet == Facet::DAY || counts.facet == Facet::MENTIONED)
    for (auto& value : counts.top) value.label = iso_date_label(value.key);
  const bool date_facet = default_facet_sort(counts.facet) == FacetSort::VALUE;
  if (request.facet_sort.value_or(default_facet_sort(counts.facet)) == FacetSort::VALUE)
    std::sort(counts.top.begin(), counts.top.end(), [date_facet](const FacetValue& a, const FacetValue& b) {
      return date_facet ? a.key < b.key : std::tie(a.label, a.key) < std::tie(b.label, b.key);
    });
}

void label_pairs(Cooccurrence& cooccurrence, const CooccurRequest& asked, const std::string& locale) {
  for (auto& pair : cooccurrence.top) {
    if (asked.first == Facet::COUNTRY && asked.with.empty())
      pair.a.label = CountryTable::instance().label(pair.a.key, locale);
    if (asked.second == Facet::COUNTRY) pair.b.label = CountryTable::instance().label(pair.b.key, locale);
  }
}

void label_terms(SignificantTerms& terms, const std::string& locale) {
  for (auto& term : terms.top)
    if (term.kind == TermKind::COUNTRY) term.label = CountryTable::instance().label(term.key, locale);
}

}  // namespace newsdex
