#include "rate_limiter.h"

#include <algorithm>

namespace newsdex {

bool RateLimiter::allow(const std::string& client) {
  if (per_second_ <= 0) return true;
  const auto now = std::chrono::steady_clock::now();
  const double burst = 2 * per_second_;
  std::lock_guard lock(mutex_);
  // Buckets full again are forgotten now and then, so that many clients passing through
  // do not grow the table without bound.
  if (now - last_sweep_ > std::chrono::seconds(60)) {
    for (auto it = buckets_.begin(); it != buckets_.end();)
      it = now - it->second.last > std::chrono::seconds(10) ? buckets_.erase(it) : std::next(it);
    last_sweep_ = now;
  }
  auto [it, inserted] = buckets_.try_emplace(client);
  Bucket& bucket = it->second;
  if (inserted) bucket.tokens = burst;
  else bucket.tokens = std::min(burst, bucket.tokens + std::chrono::duration<double>(now - bucket.last).count() * per_second_);
  bucket.last = now;
  if (bucket.tokens < 1) return false;
  bucket.tokens -= 1;
  return true;
}

}  // namespace newsdex
