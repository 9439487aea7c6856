// What a set of matches is about: the words, people and countries over-represented in
// the matches (the foreground) against the whole archive (the background), as
// Elasticsearch's significant_terms aggregation finds them, scored by the same JLH
// statistic: (fg% - bg%) * (fg% / bg%), which needs a term to be both more common in the
// matches in absolute terms and many times more common relatively. The foreground is the
// best SIGNIFICANT_SAMPLE matches (Elasticsearch's sampler): reading every term of every
// match of a query that matches most of the archive would cost a second per query, and the
// best matches are what the set is about.
#pragma once

#include <string>
#include <vector>

#include <xapian.h>

#include "search_request.h"
#include "storage/frequent_terms.h"
#include "storage/subject_terms.h"

namespace newsdex {

// The matches read, best first: Elasticsearch's sampler reads 100 per shard by default.
// Reading a match's terms is most of the cost (Xapian inflates its compressed term list),
// and the best hundred are what the set is about.
inline constexpr Xapian::doccount SIGNIFICANT_SAMPLE = 100;
// A term in fewer of them says nothing about the set (Elasticsearch's min_doc_count).
inline constexpr Xapian::doccount SIGNIFICANT_MIN_MATCHES = 3;

// The `limit` most significant terms of the documents `sample` (best first) of `db`.
// `second`, when given, is another handle on the same revision of the same database:
// half of the sample is read through it on a second thread. `archive` gives the archive
// counts. The terms of `query` itself,
// and the words whose stem (by `stemmer`) it asks for, are left out: they are significant
// by construction.
SignificantTerms significant_terms(const Xapian::Database& db, const Xapian::Database* second,
                                   const ArchiveFrequencies& archive, const std::vector<Xapian::docid>& sample,
                                   const Xapian::Query& query, const Xapian::Stem& stemmer, std::size_t limit);

}  // namespace newsdex
