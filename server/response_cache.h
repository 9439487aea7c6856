// Responses kept for requests asked again (--cache N): the newest N, each valid only for
// the database revision it was computed from, so a commit makes every older one miss.
#pragma once

#include <cstddef>
#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace newsdex {

class ResponseCache {
 public:
  explicit ResponseCache(std::size_t capacity) : capacity_(capacity) {}
  bool enabled() const { return capacity_ > 0; }
  // The body kept for `key` at `revision`, if any. An empty revision never matches.
  std::optional<std::string> find(const std::string& key, const std::string& revision);
  void store(const std::string& key, const std::string& revision, std::string body);

 private:
  struct Entry {
    std::string key, revision, body;
  };
  std::size_t capacity_;
  std::mutex mutex_;
  std::list<Entry> entries_;  // most recently used first
  std::unordered_map<std::string, std::list<Entry>::iterator> index_;
};

}  // namespace newsdex
