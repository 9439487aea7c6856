// Hashes whose values are stored in databases, so they must never change between builds
// or platforms (std::hash promises neither).
#pragma once

#include <cstdint>
#include <string_view>

namespace newsdex {

// 64-bit FNV-1a of `bytes`.
inline std::uint64_t fnv1a_64(std::string_view bytes, std::uint64_t hash = 14695981039346656037ULL) {
  for (unsigned char c : bytes) {
    hash ^= c;
    hash *= 1099511628211ULL;  // FNV prime
  }
  return hash;
}

// SplitMix64's finaliser: spreads every input bit over the whole output, so that hashes
// of similar inputs (FNV-1a of words differing in their last letter) look unrelated.
inline std::uint64_t mix64(std::uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return x;
}

}  // namespace newsdex
