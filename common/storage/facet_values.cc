#include "storage/facet_values.h"

#include <cstdint>
#include <set>
#include <vector>

#include "core/ascii_text.h"

namespace newsdex {
namespace {


struct FacetInfo {
  Facet facet;
  std::string_view name;
  schema::FacetSlots slots;
  std::string_view term_prefix;
};

constexpr FacetInfo FACETS[] = {
    {Facet::PERSON, "person", schema::SLOTS_PERSON, schema::PREFIX_PERSON},
    {Facet::COUNTRY, "country", schema::SLOTS_COUNTRY, schema::PREFIX_COUNTRY},
    {Facet::REGION, "region", schema::SLOTS_REGION, schema::PREFIX_REGION},
    {Facet::AUTHOR, "author", schema::SLOTS_AUTHOR, schema::PREFIX_AUTHOR},
    {Facet::SOURCE, "source", schema::SLOTS_SOURCE, schema::PREFIX_SOURCE},
    {Facet::LANGUAGE, "lang", schema::SLOTS_LANGUAGE, schema::PREFIX_LANGUAGE},
    {Facet::YEAR, "year", schema::SLOTS_PUBLISHED, schema::PREFIX_YEAR},
    {Facet::MONTH, "month", schema::SLOTS_PUBLISHED, schema::PREFIX_MONTH},
    {Facet::DAY, "day", schema::SLOTS_PUBLISHED, schema::PREFIX_DAY},
    {Facet::MENTIONED, "mentioned", schema::SLOTS_MENTIONED, schema::PREFIX_MENTIONED},
};

const FacetInfo& info(Facet facet) {
  for (const auto& f : FACETS)
    if (f.facet == facet) return f;
  return FACETS[0];  // unreachable: every enumerator is listed
}

// Writes an article's distinct (by key) values of one facet into its slots, in order.
class SlotFiller {
 public:
  SlotFiller(Xapian::Document& doc, Facet facet) : doc_(doc), facet_(facet) {}

  void add(const std::string& key, std::string_view label) {
    if (key.empty() || key.size() > schema::MAX_BOOLEAN_TERM) return;
    const auto slot = facet_slot(facet_, used_);
    if (!slot || !seen_.insert(key).second) return;
    std::string value = key;
    if (!label.empty() && label != key) {
      value += schema::FACET_LABEL_SEPARATOR;
      value.append(label);
    }
    doc_.add_value(*slot, value);
    ++used_;
  }

 private:
  Xapian::Document& doc_;
  Facet facet_;
  unsigned used_ = 0;
  std::set<std::string> seen_;
};

}  // namespace

std::string_view facet_name(Facet facet) { return info(facet).name; }

std::optional<Facet> facet_from_name(std::string_view name) {
  for (const auto& f : FACETS)
    if (f.name == name) return f.facet;
  return std::nullopt;
}

std::string_view facet_term_prefix(Facet facet) { return info(facet).term_prefix; }

std::optional<std::string> facet_key_of_term(Facet facet, std::string_view term) {
  const std::string_view prefix = facet_term_prefix(facet);
  if (!term.starts_with(prefix)) return std::nullopt;
  const std::string_view key = term.substr(prefix.size());
  // Codes are stored in upper case, their terms in lower case (schema.h).
  if (facet == Facet::COUNTRY || facet == Facet::REGION) return upper_ascii(key);
  return std::string(key);
}

std::optional<Xapian::valueno> facet_slot(Facet facet, unsigned index) {
  const schema::FacetSlots slots = info(facet).slots;
  if (index < slots.count) return slots.first + index;
  if (slots.overflow_lane < 0) return std::nullopt;
  const std::uint64_t slot = schema::SLOT_OVERFLOW_FIRST +
                             std::uint64_t{index - slots.count} * schema::OVERFLOW_LANES +
                             static_cast<unsigned>(slots.overflow_lane);
  // Past the last slot Xapian can number (four billion values of one facet): not stored.
  if (slot >= Xapian::BAD_VALUENO) return std::nullopt;
  return static_cast<Xapian::valueno>(slot);
}

std::pair<std::string_view, std::string_view> split_facet_value(std::string_view value) {
  const auto separator = value.find(schema::FACET_LABEL_SEPARATOR);
  if (separator == std::string_view::npos) return {value, value};
  return {value.substr(0, separator), value.substr(separator + 1)};
}

std::string_view facet_key(Facet facet, std::string_view key) {
  switch (facet) {
    case Facet::YEAR: return key.size() >= 4 ? key.substr(0, 4) : std::string_view{};
    case Facet::MONTH: return key.size() >= 6 ? key.substr(0, 6) : std::string_view{};
    case Facet::DAY: return key.size() == 8 ? key : std::string_view{};
    default: return key;
  }
}

FoldedNames fold_names(const Article& article, const Analyzer& analyzer) {
  FoldedNames folded;
  folded.people.reserve(article.people.size());
  for (const auto& person : article.people) folded.people.push_back(analyzer.fold(person));
  folded.authors.reserve(article.authors.size());
  for (const auto& author : article.authors) folded.authors.push_back(analyzer.fold(author));
  if (!article.source.empty()) folded.source = analyzer.fold(article.source);
  return folded;
}

void add_facet_values(Xapian::Document& doc, const Article& article, const FoldedNames& folded) {
  SlotFiller people(doc, Facet::PERSON);
  for (std::size_t i = 0; i < article.people.size(); ++i) people.add(folded.people[i], article.people[i]);
  SlotFiller countries(doc, Facet::COUNTRY);
  for (const auto& country : article.countries) countries.add(upper_ascii(country), {});
  SlotFiller regions(doc, Facet::REGION);
  for (const auto& region : article.regions) regions.add(upper_ascii(region), {});
  SlotFiller authors(doc, Facet::AUTHOR);
  for (std::size_t i = 0; i < article.authors.size(); ++i) authors.add(folded.authors[i], article.authors[i]);
  SlotFiller source(doc, Facet::SOURCE);
  if (!article.source.empty()) source.add(folded.source, article.source);
  SlotFiller language(doc, Facet::LANGUAGE);
  if (!article.language.empty()) language.add(article.language, {});
  SlotFiller published(doc, Facet::DAY);
  if (article.date) published.add(article.date->to_compact(), {});
  SlotFiller mentioned(doc, Facet::MENTIONED);
  for (const auto& date : article.mentioned_dates) mentioned.add(date.to_compact(), {});
}

void replace_facet_values(Xapian::Document& doc, Facet facet, const std::vector<std::string>& keys,
                          const std::vector<std::string>& labels) {
  // An article's values fill their slots in order: the first empty slot ends them.
  for (unsigned i = 0;; ++i) {
    const auto slot = facet_slot(facet, i);
    if (!slot || doc.get_value(*slot).empty()) break;
    doc.remove_value(*slot);
  }
  SlotFiller filler(doc, facet);
  for (std::size_t i = 0; i < keys.size() && i < labels.size(); ++i) filler.add(keys[i], labels[i]);
}

}  // namespace newsdex
