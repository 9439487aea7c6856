#include "facet_labels.h"

#include <algorithm>
#include <tuple>

#include "core/calendar.h"
#include "entities/country_table.h"

namespace newsdex {
namespace {

// Countries and regions are counted by code and shown by name; other keys are their own label.
void label_place(Facet facet, FacetValue& value, const std::string& locale) {
  if (facet == Facet::COUNTRY) value.label = CountryTable::instance().label(value.key, locale);
  if (facet == Facet::REGION) value.label = CountryTable::instance().region_label(value.key);
}

}  // namespace

void label_and_sort(FacetCounts& counts, const SearchRequest& request) {
  for (auto& value : counts.top) label_place(counts.facet, value, request.locale);
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
    if (asked.with.empty()) label_place(asked.first, pair.a, locale);
    label_place(asked.second, pair.b, locale);
  }
}

void label_terms(SignificantTerms& terms, const std::string& locale) {
  for (auto& term : terms.top)
    if (term.kind == TermKind::COUNTRY) term.label = CountryTable::instance().label(term.key, locale);
}

}  // namespace newsdex
