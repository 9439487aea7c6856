#include "searcher_pool.h"

#include <spdlog/spdlog.h>

#include <thread>

namespace newsdex {

SearcherPool::SearcherPool(const DatabaseSpec& databases, unsigned size, std::size_t max_waiting,
                           std::chrono::milliseconds refresh_every)
    : max_waiting_(max_waiting), refresh_every_(refresh_every) {
  size = std::max(1u, size);
  entries_.resize(size);
  // Opened in parallel: each loads its facet columns, which takes a while on a large archive.
  std::vector<std::thread> openers;
  std::vector<std::exception_ptr> failures(size);
  for (unsigned i = 0; i < size; ++i)
    openers.emplace_back([&, i] {
      try {
        entries_[i].searcher = std::make_unique<Searcher>(databases, /*many_queries=*/true);
        entries_[i].refreshed = std::chrono::steady_clock::now();
      } catch (...) {
        failures[i] = std::current_exception();
      }
    });
  for (auto& opener : openers) opener.join();
  for (const auto& failure : failures)
    if (failure) std::rethrow_exception(failure);
  for (std::size_t i = size; i-- > 0;) free_.push_back(i);
}

SearcherPool::~SearcherPool() = default;

std::optional<SearcherPool::Lease> SearcherPool::acquire() {
  std::size_t index = 0;
  {
    std::unique_lock lock(mutex_);
    if (free_.empty()) {
      if (waiting_ >= max_waiting_) return std::nullopt;
      ++waiting_;
      available_.wait(lock, [&] { return !free_.empty(); });
      --waiting_;
    }
    index = free_.back();
    free_.pop_back();
  }
  Lease lease(*this, index);
  Entry& entry = entries_[index];
  const auto now = std::chrono::steady_clock::now();
  if (now - entry.refreshed >= refresh_every_) {
    entry.refreshed = now;
    try {
      if (entry.searcher->refresh()) spdlog::debug("searcher {}: the database changed; opened it again", index);
    } catch (const std::exception& e) {
      // The search itself will meet the problem and report it; the lease stays good.
      spdlog::debug("searcher {}: looking for commits failed: {}", index, e.what());
    } catch (const Xapian::Error& e) {
      spdlog::debug("searcher {}: looking for commits failed: {}", index, e.get_description());
    }
  }
  return lease;
}

void SearcherPool::give_back(std::size_t index) {
  {
    std::lock_guard lock(mutex_);
    free_.push_back(index);
  }
  available_.notify_one();
}

SearcherPool::Lease::~Lease() {
  if (pool_) pool_->give_back(index_);
}

Searcher& SearcherPool::Lease::operator*() const { return *pool_->entries_[index_].searcher; }

}  // namespace newsdex
