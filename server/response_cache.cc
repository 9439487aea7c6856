#include "response_cache.h"

#include <unordered_set>

namespace newsdex {
namespace {

std::string index_key(const std::string& key, const std::string& revision) {
  std::string out = key;
  out += '\0';
  out += revision;
  return out;
}

}  // namespace

std::optional<std::string> ResponseCache::find(const std::string& key, const std::string& revision) {
  if (!enabled() || revision.empty()) return std::nullopt;
  std::lock_guard lock(mutex_);
  const auto it = index_.find(index_key(key, revision));
  if (it == index_.end()) return std::nullopt;
  entries_.splice(entries_.begin(), entries_, it->second);
  return it->second->body;
}

void ResponseCache::erase(std::list<Entry>::iterator entry) {
  bytes_ -= entry->body.size();
  index_.erase(index_key(entry->key, entry->revision));
  entries_.erase(entry);
}

void ResponseCache::store(const std::string& key, const std::string& revision, std::string body,
                          SearchRequest request) {
  if (!enabled() || revision.empty()) return;
  std::lock_guard lock(mutex_);
  const std::string indexed = index_key(key, revision);
  if (const auto it = index_.find(indexed); it != index_.end()) erase(it->second);
  if (body.size() > max_bytes_ / 8) return;
  bytes_ += body.size();
  entries_.push_front({key, revision, std::move(body), std::move(request)});
  index_[indexed] = entries_.begin();
  while (entries_.size() > capacity_ || bytes_ > max_bytes_) erase(std::prev(entries_.end()));
}

std::vector<ResponseCache::Kept> ResponseCache::most_recent(std::size_t n) const {
  std::lock_guard lock(mutex_);
  std::vector<Kept> out;
  std::unordered_set<std::string_view> seen;
  for (auto it = entries_.begin(); it != entries_.end() && out.size() < n; ++it)
    if (seen.insert(it->key).second) out.push_back({it->key, it->request});
  return out;
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
