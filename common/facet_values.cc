#include "facet_values.h"

#include <set>
#include <vector>

#include "ascii_text.h"

namespace newsdex {
namespace {

// Xapian terms stop at 245 bytes; keys longer than a boolean term could be are useless.
constexpr std::size_t MAX_KEY_BYTES = 240;

struct FacetInfo {
  Facet facet;
  std::string_view name;
  schema::FacetSlots slots;
};

constexpr FacetInfo kFacets[] = {
    {Facet::PERSON, "person", schema::SLOTS_PERSON},     {Facet::COUNTRY, "country", schema::SLOTS_COUNTRY},
    {Facet::AUTHOR, "author", schema::SLOTS_AUTHOR},     {Facet::SOURCE, "source", schema::SLOTS_SOURCE},
    {Facet::YEAR, "year", schema::SLOTS_PUBLISHED},      {Facet::MONTH, "month", schema::SLOTS_PUBLISHED},
    {Facet::DAY, "day", schema::SLOTS_PUBLISHED},        {Facet::MENTIONED, "mentioned", schema::SLOTS_MENTIONED},
};

const FacetInfo& info(Facet facet) {
  for (const auto& f : kFacets)
    if (f.facet == facet) return f;
  return kFacets[0];  // unreachable: every enumerator is listed
}

// Writes up to slots.count distinct (by key) values into consecutive slots.
class SlotFiller {
 public:
  SlotFiller(Xapian::Document& doc, schema::FacetSlots slots) : doc_(doc), slots_(slots) {}

  void add(const std::string& key, std::string_view label) {
    if (key.empty() || key.size() > MAX_KEY_BYTES || used_ >= slots_.count) return;
    if (!seen_.insert(key).second) return;
    std::string value = key;
    if (!label.empty() && label != key) {
      value += schema::FACET_LABEL_SEPARATOR;
      value.append(label);
    }
    doc_.add_value(slots_.first + used_++, value);
  }

 private:
  Xapian::Document& doc_;
  schema::FacetSlots slots_;
  unsigned used_ = 0;
  std::set<std::string> seen_;
};

}  // namespace

std::string_view facet_name(Facet facet) { return info(facet).name; }

std::optional<Facet> facet_from_name(std::string_view name) {
  for (const auto& f : kFacets)
    if (f.name == name) return f.facet;
  return std::nullopt;
}

schema::FacetSlots facet_slots(Facet facet) { return info(facet).slots; }

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

void add_facet_values(Xapian::Document& doc, const Article& article, const Analyzer& analyzer) {
  SlotFiller people(doc, schema::SLOTS_PERSON);
  for (const auto& person : article.people) people.add(analyzer.fold(person), person);
  SlotFiller countries(doc, schema::SLOTS_COUNTRY);
  for (const auto& country : article.countries) countries.add(upper_ascii(country), {});
  SlotFiller authors(doc, schema::SLOTS_AUTHOR);
  for (const auto& author : article.authors) authors.add(analyzer.fold(author), author);
  SlotFiller source(doc, schema::SLOTS_SOURCE);
  if (!article.source.empty()) source.add(analyzer.fold(article.source), article.source);
  SlotFiller published(doc, schema::SLOTS_PUBLISHED);
  if (article.date) published.add(article.date->to_compact(), {});
  SlotFiller mentioned(doc, schema::SLOTS_MENTIONED);
  for (const auto& date : article.mentioned_dates) mentioned.add(date.to_compact(), {});
}

}  // namespace newsdex
