// Requests per second per client address (--rate-limit): a token bucket per address that
// holds up to two seconds' worth, so a page that sends a few requests at once is not
// refused while a script that sends without pause is.
#pragma once

#include <chrono>
#include <cstddef>
#include <mutex>
#include <string>
#include <unordered_map>

namespace newsdex {

class RateLimiter {
 public:
  explicit RateLimiter(double per_second) : per_second_(per_second) {}
  // Whether a request from `client` may go on now; 0 per second lets every one through.
  bool allow(const std::string& client);

 private:
  struct Bucket {
    double tokens = 0;
    std::chrono::steady_clock::time_point last;
  };
  double per_second_;
  std::mutex mutex_;
  std::unordered_map<std::string, Bucket> buckets_;
  std::chrono::steady_clock::time_point last_sweep_{};
};

}  // namespace newsdex
