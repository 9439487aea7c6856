// Responses kept for requests asked again (--cache N, on by default): the newest N within
// a budget of bytes, each kept under its request and the database revision it was computed
// from, so a commit makes every older one miss. One request may be kept at two revisions
// at once: the one served and the next one, answered ahead while the first is still
// served (SearcherPool::set_warmer). Like the request caches of Solr and Elasticsearch,
// which are on unless turned off: a newsroom's searches repeat (the day's stories, a
// dashboard's panels), and an answer is only as stale as the revision it names.
#pragma once

#include <cstddef>
#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "search_request.h"

namespace newsdex {

class ResponseCache {
 public:
  // The budget of bytes held by default: 1,000 faceted answers of the 180,000-article
  // archive take about 6 MB, so it is reached only by large pages of hits.
  static constexpr std::size_t DEFAULT_MAX_BYTES = 64u << 20;

  explicit ResponseCache(std::size_t capacity, std::size_t max_bytes = DEFAULT_MAX_BYTES)
      : capacity_(capacity), max_bytes_(max_bytes) {}
  bool enabled() const { return capacity_ > 0 && max_bytes_ > 0; }
  // The body kept for `key` at `revision`, if any. An empty revision never matches.
  std::optional<std::string> find(const std::string& key, const std::string& revision);
  // Keeps `body`, the answer to `request` under `key`, dropping the least recently used
  // answers beyond N or the budget. A body over an eighth of the budget is not kept: one
  // answer must not empty the cache.
  void store(const std::string& key, const std::string& revision, std::string body, SearchRequest request = {});

  // The requests of the `n` most recently used keys, newest first, whatever their
  // revision: what to answer again on a new revision before it is served (warming).
  struct Kept {
    std::string key;
    SearchRequest request;
  };
  std::vector<Kept> most_recent(std::size_t n) const;
  std::size_t size() const;
  std::size_t bytes() const;

 private:
  struct Entry {
    std::string key, revision, body;
    SearchRequest request;
  };
  void erase(std::list<Entry>::iterator entry);

  std::size_t capacity_;
  std::size_t max_bytes_;
  mutable std::mutex mutex_;
  std::size_t bytes_ = 0;     // of the bodies held
  std::list<Entry> entries_;  // most recently used first
  std::unordered_map<std::string, std::list<Entry>::iterator> index_;  // by key and revision
};

}  // namespace newsdex
