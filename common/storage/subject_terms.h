// The terms that can say what an article is about: its words (as indexed, folded; not
// stop words or single letters), the people it names and its countries. Significant
// terms (newsdex-search) scores them, and each database keeps the document frequencies
// of its most frequent ones (frequent_terms.h).
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <xapian.h>

#include "storage/term_kind.h"

namespace newsdex {

// What kind of subject term `term` is, and its key: the word, the person's folded name,
// the country's code in lower case. False for every other term (stems, title copies,
// dates, ids, story bands, stop words, single letters).
bool classify_subject_term(std::string_view term, TermKind& kind, std::string_view& key);

// The stretches of a sorted term list that can hold a subject term, in byte order: words
// that begin with a digit (before the upper-case prefixes), countries, people, and the
// words, which sort after every prefix. [from, to); "" is the start or the end.
struct TermStretch {
  std::string from;
  std::string to;
};
const std::vector<TermStretch>& subject_term_stretches();

// Calls visit(term, iterator at it) for each subject term from `it` to `end` (a
// document's term list, or all the terms of a database), skipping over the stretches
// that hold none (half of a term list: stems and title copies) without copying them.
template <typename Visit>
void for_each_subject_term(Xapian::TermIterator it, const Xapian::TermIterator& end, Visit&& visit) {
  for (const TermStretch& stretch : subject_term_stretches()) {
    if (!stretch.from.empty()) it.skip_to(stretch.from);
    for (; it != end; ++it) {
      std::string term = *it;
      if (!stretch.to.empty() && term >= stretch.to) break;
      TermKind kind;
      std::string_view key;
      if (classify_subject_term(term, kind, key)) visit(std::move(term), it);
    }
  }
}

}  // namespace newsdex
