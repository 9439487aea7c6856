#include "searcher_pool.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <thread>

#include <xapian.h>

namespace newsdex {

SearcherPool::SearcherPool(const DatabaseSpec& databases, unsigned size, std::size_t max_waiting,
                           std::chrono::milliseconds refresh_every)
    : max_waiting_(max_waiting), refresh_every_(refresh_every), databases_(databases) {
  size = std::max(1u, size);
  entries_.resize(size);
  // Opened in parallel: each loads its facet columns and document lengths, which takes a
  // while on a large archive.
  std::vector<std::thread> openers;
  std::vector<std::exception_ptr> failures(size);
  for (unsigned i = 0; i < size; ++i)
    openers.emplace_back([&, i] {
      try {
        entries_[i].searcher = std::make_unique<Searcher>(databases, /*many_queries=*/true);
        entries_[i].searcher->load_lengths();
      } catch (...) {
        failures[i] = std::current_exception();
      }
    });
  for (auto& opener : openers) opener.join();
  for (const auto& failure : failures)
    if (failure) std::rethrow_exception(failure);
  for (std::size_t i = size; i-- > 0;) free_.push_back(i);
  revision_ = entries_.front().searcher->revision();
  probe_ = std::make_unique<Searcher>(databases);
  watcher_ = std::thread([this] { watch_for_commits(); });
}

SearcherPool::~SearcherPool() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  stop_.notify_all();
  watcher_.join();
}

void SearcherPool::watch_for_commits() {
  std::unique_lock lock(mutex_);
  while (!stop_.wait_for(lock, refresh_every_, [&] { return stopping_; })) {
    lock.unlock();
    bool changed = false;
    try {
      changed = probe_->refresh();
    } catch (const std::exception& e) {
      spdlog::debug("looking for commits failed: {}", e.what());
    } catch (const Xapian::Error& e) {
      spdlog::debug("looking for commits failed: {}", e.get_description());
    }
    if (changed) {
      spdlog::debug("the databases changed (revision {}); opening fresh searchers", probe_->revision());
      std::string fresh_revision;
      bool all_fresh = true;
      for (std::size_t i = 0; i < entries_.size(); ++i) {
        std::unique_ptr<Searcher> fresh, replaced;
        LoadedColumns warm;
        {
          std::lock_guard copy(mutex_);
          warm = warm_;
        }
        try {
          fresh = std::make_unique<Searcher>(databases_, /*many_queries=*/true);
          fresh->load_columns(warm);
          fresh->load_lengths();
        } catch (const std::exception& e) {
          spdlog::warn("opening a fresh searcher failed: {}", e.what());
          all_fresh = false;
          break;
        } catch (const Xapian::Error& e) {
          spdlog::warn("opening a fresh searcher failed: {}", e.get_description());
          all_fresh = false;
          break;
        }
        if (i == 0) {
          std::lock_guard warming(warmer_mutex_);
          if (warmer_) warmer_(*fresh);
        }
        // Each fresh one must read the same revision for the pool to name one.
        const std::string read = fresh->revision();
        if (i == 0) fresh_revision = read;
        else if (read != fresh_revision) all_fresh = false;
        std::lock_guard swap(mutex_);
        replaced = std::move(entries_[i].next);  // an older fresh one never lent: dropped
        entries_[i].next = std::move(fresh);
        if (stopping_) break;
      }
      std::lock_guard publish(mutex_);
      revision_ = all_fresh ? fresh_revision : "";
    }
    lock.lock();
  }
}

std::optional<SearcherPool::Lease> SearcherPool::acquire() {
  std::size_t index = 0;
  std::unique_ptr<Searcher> replaced;  // destroyed after the lock is released
  {
    std::unique_lock lock(mutex_);
    if (!free_.empty() && waiters_.empty()) {
      index = free_.back();
      free_.pop_back();
    } else {
      if (waiters_.size() >= max_waiting_) return std::nullopt;
      Waiter waiter;
      waiters_.push_back(&waiter);
      waiter.handed.wait(lock, [&] { return waiter.index.has_value(); });
      index = *waiter.index;
    }
    if (entries_[index].next) {
      replaced = std::move(entries_[index].searcher);
      entries_[index].searcher = std::move(entries_[index].next);
    }
  }
  return Lease(*this, index);
}

void SearcherPool::give_back(std::size_t index, const LoadedColumns& loaded) {
  std::lock_guard lock(mutex_);
  // The columns its requests needed: a fresh searcher loads them before it is lent.
  for (const Facet facet : loaded.facets)
    if (std::find(warm_.facets.begin(), warm_.facets.end(), facet) == warm_.facets.end()) warm_.facets.push_back(facet);
  warm_.stories = warm_.stories || loaded.stories;
  if (waiters_.empty()) {
    free_.push_back(index);
    return;
  }
  Waiter* first = waiters_.front();
  waiters_.pop_front();
  first->index = index;
  first->handed.notify_one();
}

void SearcherPool::set_warmer(Warmer warmer) {
  std::lock_guard warming(warmer_mutex_);
  warmer_ = std::move(warmer);
}

std::string SearcherPool::revision() const {
  std::lock_guard lock(mutex_);
  return revision_;
}

SearcherPool::Lease::~Lease() {
  // Asked while the searcher is still this lease's, outside the pool's lock.
  if (pool_) pool_->give_back(index_, (**this).loaded_columns());
}

Searcher& SearcherPool::Lease::operator*() const { return *pool_->entries_[index_].searcher; }

}  // namespace newsdex
