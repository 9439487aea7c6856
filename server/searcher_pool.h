// The searchers of newsdex-serve: one Searcher (one set of Xapian database handles, which
// are not thread-safe) per search running at once. A request borrows one for its search;
// when every searcher is busy it waits, and when too many wait already it is refused,
// which the server answers with 503 and Retry-After.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include "searcher.h"

namespace newsdex {

class SearcherPool {
 public:
  // Opens `size` searchers (throws when the databases do not open). Each looks for
  // commits (Searcher::refresh) when lent, at most once per `refresh_every`.
  SearcherPool(const DatabaseSpec& databases, unsigned size, std::size_t max_waiting,
               std::chrono::milliseconds refresh_every);
  ~SearcherPool();
  SearcherPool(const SearcherPool&) = delete;
  SearcherPool& operator=(const SearcherPool&) = delete;

  // A searcher lent to one request; given back when the lease goes away.
  class Lease {
   public:
    Lease(SearcherPool& pool, std::size_t index) : pool_(&pool), index_(index) {}
    Lease(Lease&& other) noexcept : pool_(other.pool_), index_(other.index_) { other.pool_ = nullptr; }
    Lease& operator=(Lease&&) = delete;
    Lease(const Lease&) = delete;
    ~Lease();
    Searcher& operator*() const;
    Searcher* operator->() const { return &**this; }

   private:
    SearcherPool* pool_;
    std::size_t index_;
  };

  // A free searcher, refreshed if its time has come; nullopt when `max_waiting` requests
  // are waiting already (overloaded).
  std::optional<Lease> acquire();

  unsigned size() const { return static_cast<unsigned>(entries_.size()); }

 private:
  struct Entry {
    std::unique_ptr<Searcher> searcher;
    std::chrono::steady_clock::time_point refreshed;
  };
  void give_back(std::size_t index);

  std::vector<Entry> entries_;
  std::vector<std::size_t> free_;
  std::size_t waiting_ = 0;
  std::size_t max_waiting_;
  std::chrono::milliseconds refresh_every_;
  std::mutex mutex_;
  std::condition_variable available_;
};

}  // namespace newsdex
