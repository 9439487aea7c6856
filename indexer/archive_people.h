// An article's people as the index stores them, read and written in place: the person
// terms (XP), the person facet's values and the stored article's list. The commit-time
// steps that correct people from what the archive knows (known_names.h,
// surname_resolver.h) rewrite articles through here, so the three stay in step.
#pragma once

#include <atomic>
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <xapian.h>

#include "analysis/analyzer.h"
#include "core/article.h"
#include "index_writer.h"

namespace newsdex {

// Articles naming each full name (of two words or more), by its folded key.
using FullNameCounts = std::unordered_map<std::string, Xapian::doccount>;

// Adds to `counts` the articles of `db` naming each full name: read once per commit for
// the archive, whose names both people steps count (commit_people.h).
void count_full_names(const Xapian::Database& db, FullNameCounts& counts);

// The person term of a folded name ("tony blair" -> "XPtony blair").
std::string person_term(std::string_view key);

// The name as an article of `db` wrote it ("Tony Blair") for its folded key ("tony
// blair"), read from the person facet of an article naming it; nullopt if none does.
std::optional<std::string> person_label_in(const Xapian::Database& db, const std::string& key);

// Gives the article `docid` of `db`, whose stored form is `article`, the people
// `labels` with their folded `keys` (same length, in order): terms, facet values and the
// stored list. Person terms of the article not among `keys` go.
void replace_people(Xapian::WritableDatabase& db, Xapian::docid docid, Xapian::Document doc, Article article,
                    const std::vector<std::string>& keys, std::vector<std::string> labels);

// Rewrites the articles of the commit's `parts` that `changes` lists (one map per part:
// document id -> what to change), the parts spread over the machine's cores:
// rewrite(db, docid, change, analyzer) returns whether the article changed. Returns how
// many did.
template <typename Change, typename Rewrite>
std::size_t rewrite_articles(const std::vector<PartInfo>& parts, const std::vector<std::map<Xapian::docid, Change>>& changes,
                             Rewrite&& rewrite) {
  std::vector<std::size_t> changed_parts;
  for (std::size_t p = 0; p < parts.size(); ++p)
    if (!changes[p].empty()) changed_parts.push_back(p);
  std::vector<Analyzer> analyzers(rewrite_threads(changed_parts.size()));
  std::atomic<std::size_t> articles{0};
  rewrite_parts(parts, changed_parts, [&](unsigned thread, std::size_t p, Xapian::WritableDatabase& db) {
    for (const auto& [docid, change] : changes[p])
      if (rewrite(db, docid, change, analyzers[thread])) ++articles;
  });
  return articles;
}

}  // namespace newsdex
