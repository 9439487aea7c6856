// The matches of a query, as a bitmap over a range of document ids, computed from posting
// lists alone: for counting every match of a query with many (the facet pass), where
// Xapian's matcher spends most of its time per match on ranking machinery that counting
// does not need (measured in docs/measurements.md, Archive scale).
//
// Only queries that are trees of terms under OR, AND, AND_NOT, FILTER, AND_MAYBE,
// SYNONYM, MAX and SCALE_WEIGHT are taken: their matches are a set algebra of posting
// lists. Anything else (phrases, wildcards, value ranges, posting sources) is left to
// Xapian: boolean_form() says none.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <xapian.h>

namespace newsdex {

// A query's matching part as plain data, so that threads can each evaluate it on their
// own database handle (a Xapian::Query is never shared between threads: its reference
// counts are not atomic).
struct BooleanForm {
  enum class Op { TERM, EVERY, NOTHING, OR, AND, AND_NOT };
  Op op = Op::NOTHING;
  std::string term;               // TERM
  std::vector<BooleanForm> kids;  // OR, AND: all; AND_NOT: the first less the others
};

// The form of `query`'s matches; nullopt when the query holds anything but the above.
std::optional<BooleanForm> boolean_form(const Xapian::Query& query);

// The documents first..last (inclusive) of `db` that match `form`: bit (did - first).
class MatchBitmap {
 public:
  MatchBitmap(const Xapian::Database& db, const BooleanForm& form, Xapian::docid first, Xapian::docid last);

  std::size_t count() const;
  // Calls f(did) for each match, in ascending order.
  template <typename F>
  void for_each(F&& f) const {
    for (std::size_t w = 0; w < words_.size(); ++w)
      for (std::uint64_t bits = words_[w]; bits != 0; bits &= bits - 1)
        f(static_cast<Xapian::docid>(first_ + w * 64 + static_cast<std::size_t>(__builtin_ctzll(bits))));
  }

 private:
  Xapian::docid first_;
  std::vector<std::uint64_t> words_;
};

}  // namespace newsdex
