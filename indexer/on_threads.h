// Work spread over a fixed number of threads, one item each, failures brought home.
#pragma once

#include <exception>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <vector>

#include <xapian.h>

namespace newsdex {

// Runs work(k) for k in 0..n-1 on n threads; the first failure is rethrown.
template <typename Work>
void on_threads(unsigned n, Work work) {
  if (n == 1) {
    work(0u);
    return;
  }
  std::mutex mutex;
  std::exception_ptr failure;
  std::vector<std::thread> threads;
  for (unsigned k = 0; k < n; ++k) {
    threads.emplace_back([&, k] {
      try {
        work(k);
      } catch (const Xapian::Error& e) {
        std::lock_guard lock(mutex);
        if (!failure) failure = std::make_exception_ptr(std::runtime_error(e.get_description()));
      } catch (...) {
        std::lock_guard lock(mutex);
        if (!failure) failure = std::current_exception();
      }
    });
  }
  for (auto& thread : threads) thread.join();
  if (failure) std::rethrow_exception(failure);
}

}  // namespace newsdex
