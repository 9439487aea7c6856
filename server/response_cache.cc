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

void ResponseCache::erase(std::list<Entry>::iterator entry) {
  bytes_ -= entry->body.size();
  index_.erase(entry->key);
  entries_.erase(entry);
}

void ResponseCache::store(const std::string& key, const std::string& revision, std::string body) {
  if (!enabled() || revision.empty()) return;
  std::lock_guard lock(mutex_);
  if (const auto it = index_.find(key); it != index_.end()) erase(it->second);
  if (body.size() > max_bytes_ / 8) return;
  bytes_ += body.size();
  entries_.push_front({key, revision, std::move(body)});
  index_[key] = entries_.begin();
  while (entries_.size() > capacity_ || bytes_ > max_bytes_) erase(std::prev(entries_.end()));
}

std::size_t ResponseCache::size() const {
  std::lock_guard lock(mutex_);
  return entries_.size();
}

std::size_t ResponseCache::bytes() const {
  std::lock_guard lock(mutex_);
  return bytes_;
}

}  // namespace newsdex
