#include "response_cache.h"

namespace newsdex {

std::optional<std::string> ResponseCache::find(const std::string& key, const std::string& revision) {
  if (!enabled() || revision.empty()) return std::nullopt;
  std::lock_guard lock(mutex_);
  const auto it = index_.find(key);
  if (it == index_.end() || it->second->revision != revision) return std::nullopt;
  entries_.splice(entries_.begin(), entries_, it->second);
  return it->second->body;
}

void ResponseCache::store(const std::string& key, const std::string& revision, std::string body) {
  if (!enabled() || revision.empty()) return;
  std::lock_guard lock(mutex_);
  if (const auto it = index_.find(key); it != index_.end()) {
    entries_.erase(it->second);
    index_.erase(it);
  }
  entries_.push_front({key, revision, std::move(body)});
  index_[key] = entries_.begin();
  while (entries_.size() > capacity_) {
    index_.erase(entries_.back().key);
    entries_.pop_back();
  }
}

}  // namespace newsdex
