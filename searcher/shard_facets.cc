#include "shard_facets.h"

#include <algorithm>
#include <limits>
#include <map>
#include <string>

namespace newsdex {

ShardColumnFacetCounter::ShardColumnFacetCounter(std::vector<Xapian::Database> shards) : shards_(std::move(shards)) {
  for (std::size_t i = 0; i < shards_.size(); ++i) counters_.push_back(std::make_unique<ColumnFacetCounter>());
}

FacetPass ShardColumnFacetCounter::count(const Xapian::Database&, const Xapian::Query& query,
                                         const FacetRequest& request) {
  // Every value of every shard, so that the sums are exact before the top ones are chosen.
  FacetRequest every = request;
  every.limit = std::numeric_limits<std::size_t>::max();
  struct Entry {
    Xapian::doccount count = 0;
    std::string label;
  };
  std::vector<std::map<std::string, Entry>> merged(request.size());
  FacetPass pass;
  for (std::size_t s = 0; s < shards_.size(); ++s) {
    const FacetPass part = counters_[s]->count(shards_[s], query, every);
    pass.matches += part.matches;
    for (std::size_t f = 0; f < part.counts.size(); ++f) {
      for (const auto& value : part.counts[f].top) {
        auto [it, inserted] = merged[f].try_emplace(value.key, Entry{0, value.label});
        // The smallest label among those counted, as each counter names a value.
        if (!inserted && value.label < it->second.label) it->second.label = value.label;
        it->second.count += value.count;
      }
    }
  }
  for (std::size_t f = 0; f < merged.size(); ++f) {
    FacetCounts counts;
    counts.facet = request.at(f);
    counts.distinct = merged[f].size();
    for (auto& [key, entry] : merged[f]) {
      counts.top.push_back({key, std::move(entry.label), entry.count});
      counts.counted += entry.count;
    }
    const auto by_count = [](const FacetValue& a, const FacetValue& b) {
      return a.count != b.count ? a.count > b.count : a.key < b.key;
    };
    const std::size_t n = std::min(request.limit_at(f), counts.top.size());
    std::partial_sort(counts.top.begin(), counts.top.begin() + static_cast<std::ptrdiff_t>(n), counts.top.end(),
                      by_count);
    counts.top.resize(n);
    pass.counts.push_back(std::move(counts));
  }
  return pass;
}

std::unique_ptr<FacetCounter> make_column_counter(const ShardSet& set) {
  if (set.handles.size() <= 1) return std::make_unique<ColumnFacetCounter>();
  return std::make_unique<ShardColumnFacetCounter>(set.handles);
}

}  // namespace newsdex
