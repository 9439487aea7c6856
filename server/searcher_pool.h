// The searchers of newsdex-serve: one Searcher (one set of Xapian database handles, which
// are not thread-safe) per search running at once. A request borrows one for its search;
// when every searcher is busy it waits, and when too many wait already it is refused,
// which the server answers with 503 and Retry-After.
//
// Commits: a thread of the pool looks for them (Searcher::refresh on a searcher of its
// own). When the databases have changed it opens fresh searchers beside the ones serving,
// loads into each the facet columns that the serving ones have needed so far, and swaps
// each in the next time its slot is lent, so no request waits while the databases are
// opened again and their columns loaded (a second or more on a large archive whose
// machine is busy with the indexer). A search that meets a
// commit before its slot is swapped is survived as in newsdex-search (Searcher::search
// opens again and runs the query again).
#pragma once

#include <chrono>
#include <condition_variable>
#include <deque>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "searcher.h"

namespace newsdex {

class SearcherPool {
 public:
  // Opens `size` searchers (throws when the databases do not open), and looks for commits
  // every `refresh_every`.
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

  // The revision the newest searchers read (Searcher::revision): that of the first ones
  // opened, then of each set of fresh ones once all of them are ready. "" when a shard
  // cannot tell.
  std::string revision() const;

  // Called with the first fresh searcher of each new revision, before the pool names that
  // revision (newsdex-serve answers its most recent requests again there, so that the
  // cache holds them when the revision is served: Solr's autowarming). Meanwhile the
  // serving searchers keep answering. An empty function stops it; set_warmer waits for a
  // warming under way to end.
  using Warmer = std::function<void(Searcher& fresh)>;
  void set_warmer(Warmer warmer);

 private:
  struct Entry {
    std::unique_ptr<Searcher> searcher;
    std::unique_ptr<Searcher> next;  // opened on a newer revision, swapped in when lent
  };
  void give_back(std::size_t index, const LoadedColumns& loaded);
  void watch_for_commits();

  // A request waiting for a searcher. Searchers are handed to waiters in the order they
  // came: with a condition variable alone, the one woken is any of them, and under load
  // some waited seconds while later ones were served.
  struct Waiter {
    std::condition_variable handed;
    std::optional<std::size_t> index;
  };

  std::vector<Entry> entries_;
  std::vector<std::size_t> free_;
  std::deque<Waiter*> waiters_;
  std::size_t max_waiting_;
  std::chrono::milliseconds refresh_every_;
  mutable std::mutex mutex_;
  std::string revision_;
  DatabaseSpec databases_;
  std::unique_ptr<Searcher> probe_;  // the watcher's own, to look for commits
  LoadedColumns warm_;               // every column a lent searcher has loaded
  std::mutex warmer_mutex_;          // held while the warmer runs
  Warmer warmer_;
  bool stopping_ = false;
  std::condition_variable stop_;
  std::thread watcher_;
};

}  // namespace newsdex
