#include "shard_facets.h"

#include <algorithm>
#include <limits>
#include <map>
#include <string>

namespace newsdex {

ShardColumnFacetCounter::ShardColumnFacetCounter(std::vector<Xapian::Database> shards, const std::vector<std::string>& dirs)
    : shards_(std::move(shards)) {
  for (std::size_t i = 0; i < shards_.size(); ++i)
    counters_.push_back(std::make_unique<ColumnFacetCounter>(i < dirs.size() ? dirs[i] : std::string()));
}

namespace {

// The shards' counts summed by value, then the top ones of each facet chosen. Each shard
// counted every value, so that the sums are exact before the top ones are chosen.
FacetPass merge_shard_counts(const std::vector<FacetPass>& parts, const FacetRequest& request) {
  struct Entry {
    Xapian::doccount count = 0;
    std::string label;
  };
  std::vector<std::map<std::string, Entry>> merged(request.size());
  std::vector<Xapian::doccount> stories_without(request.size(), 0);
  FacetPass pass;
  for (const FacetPass& part : parts) {
    pass.matches += part.matches;
    pass.stories += part.stories;  // a story never spans shards: each links its own articles
    pass.story_sizes.resize(part.story_sizes.size(), 0);
    for (std::size_t i = 0; i < part.story_sizes.size(); ++i) pass.story_sizes[i] += part.story_sizes[i];
    for (std::size_t f = 0; f < part.counts.size(); ++f) {
      stories_without[f] += part.counts[f].stories_without;
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
    counts.stories_without = stories_without[f];
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

}  // namespace

FacetPass ShardColumnFacetCounter::count(const Xapian::Database&, const Xapian::Query& query,
                                         const FacetRequest& request) {
  FacetRequest every = request;
  every.limit = std::numeric_limits<std::size_t>::max();
  std::vector<FacetPass> parts;
  for (std::size_t s = 0; s < shards_.size(); ++s) parts.push_back(counters_[s]->count(shards_[s], query, every));
  return merge_shard_counts(parts, request);
}

PairPass ShardColumnFacetCounter::count_pairs(const Xapian::Database&, const Xapian::Query& query, Facet first,
                                              Facet second) {
  std::vector<FacetPass> singles;
  std::map<std::pair<std::string, std::string>, PairCount> by_keys;
  for (std::size_t s = 0; s < shards_.size(); ++s) {
    PairPass part = counters_[s]->count_pairs(shards_[s], query, first, second);
    singles.push_back(std::move(part.singles));
    for (auto& pair : part.pairs) {
      auto [it, inserted] = by_keys.try_emplace({pair.key_a, pair.key_b}, pair);
      if (inserted) continue;
      // The smallest label among those counted, as each counter names a value.
      it->second.label_a = std::min(it->second.label_a, pair.label_a);
      it->second.label_b = std::min(it->second.label_b, pair.label_b);
      it->second.count += pair.count;
    }
  }
  FacetRequest request;
  request.every_value = first == second ? std::vector<Facet>{first} : std::vector<Facet>{first, second};
  PairPass pass;
  pass.singles = merge_shard_counts(singles, request);
  for (auto& [keys, pair] : by_keys) pass.pairs.push_back(std::move(pair));
  return pass;
}

void ShardColumnFacetCounter::load(const Xapian::Database&, const LoadedColumns& columns) {
  for (std::size_t s = 0; s < shards_.size(); ++s) counters_[s]->load(shards_[s], columns);
}

bool ShardColumnFacetCounter::columns_mapped(const Xapian::Database&) {
  for (std::size_t s = 0; s < shards_.size(); ++s)
    if (!counters_[s]->columns_mapped(shards_[s])) return false;
  return true;
}

std::unique_ptr<FacetCounter> make_column_counter(const ShardSet& set) {
  std::vector<std::string> dirs;
  for (const auto& shard : set.shards) dirs.push_back(shard.kind == ShardLocation::Kind::LOCAL ? shard.path : "");
  if (set.handles.size() <= 1) return std::make_unique<ColumnFacetCounter>(dirs.empty() ? std::string() : dirs.front());
  return std::make_unique<ShardColumnFacetCounter>(set.handles, dirs);
}

}  // namespace newsdex
