#include "storage/frequent_terms.h"

#include <algorithm>
#include <cstdint>
#include <utility>

#include "core/schema.h"
#include "storage/subject_terms.h"

namespace newsdex {
namespace {

// One entry: the count (4 bytes, little-endian), the term's length (1 byte), the term.
std::string encode(const std::vector<std::pair<std::string, Xapian::doccount>>& terms) {
  std::string out;
  for (const auto& [term, count] : terms) {
    if (term.size() > 255) continue;  // longer than Xapian lets a term be
    for (int shift = 0; shift < 32; shift += 8) out.push_back(static_cast<char>((count >> shift) & 0xff));
    out.push_back(static_cast<char>(term.size()));
    out += term;
  }
  return out;
}

}  // namespace

void write_frequent_terms(Xapian::WritableDatabase& db, bool recount_only) {
  std::vector<std::pair<std::string, Xapian::doccount>> terms;
  if (recount_only) {
    for (auto& [term, count] : read_frequent_terms(db)) terms.emplace_back(term, db.get_termfreq(term));
  }
  if (terms.empty()) {
    for_each_subject_term(db.allterms_begin(), db.allterms_end(), [&](std::string&& term, const Xapian::TermIterator& it) {
      terms.emplace_back(std::move(term), it.get_termfreq());
    });
  }
  // The most frequent, then in term order (the order does not matter to a reader; a
  // fixed one makes the table the same for the same database).
  const auto more_frequent = [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  };
  if (terms.size() > FREQUENT_TERMS) {
    std::nth_element(terms.begin(), terms.begin() + FREQUENT_TERMS, terms.end(), more_frequent);
    terms.resize(FREQUENT_TERMS);
  }
  std::sort(terms.begin(), terms.end());
  db.set_metadata(std::string(schema::METADATA_FREQUENT_TERMS), encode(terms));
}

std::unordered_map<std::string, Xapian::doccount> read_frequent_terms(const Xapian::Database& single) {
  std::unordered_map<std::string, Xapian::doccount> table;
  const std::string stored = single.get_metadata(std::string(schema::METADATA_FREQUENT_TERMS));
  for (std::size_t at = 0; at < stored.size();) {
    if (stored.size() - at < 5) return {};
    Xapian::doccount count = 0;
    for (int i = 0; i < 4; ++i) count |= Xapian::doccount{static_cast<unsigned char>(stored[at + i])} << (8 * i);
    const std::size_t length = static_cast<unsigned char>(stored[at + 4]);
    at += 5;
    if (stored.size() - at < length) return {};
    table.emplace(stored.substr(at, length), count);
    at += length;
  }
  return table;
}

ArchiveFrequencies::ArchiveFrequencies(std::vector<Xapian::Database> shards) : shards_(std::move(shards)) {
  for (const auto& shard : shards_) tables_.push_back(read_frequent_terms(shard));
}

Xapian::doccount ArchiveFrequencies::operator()(const std::string& term) const {
  Xapian::doccount total = 0;
  for (std::size_t i = 0; i < shards_.size(); ++i) {
    const auto found = tables_[i].find(term);
    total += found != tables_[i].end() ? found->second : shards_[i].get_termfreq(term);
  }
  return total;
}

}  // namespace newsdex
