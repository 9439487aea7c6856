#include "term_postings.h"

#include <algorithm>

namespace newsdex {
namespace {

const Xapian::PostingIterator END{};

}  // namespace

void TermPostings::init(const Xapian::Database& db) {
  db_ = db;
  its_.clear();
  for (const auto& term : terms_) its_.emplace_back(db_.postlist_begin(term));
  started_ = false;
  at_ = 0;
  termfreq_min_ = termfreq_est_ = termfreq_max_ = 0;
  const double docs = db_.get_doccount();
  for (const auto& term : terms_) {
    const Xapian::doccount freq = db_.get_termfreq(term);
    if (&term == &terms_.front()) {
      termfreq_min_ = termfreq_est_ = termfreq_max_ = freq;
      continue;
    }
    const double a = termfreq_est_, b = freq;
    // Truncated after adding 0.5, as Xapian rounds it: lround would differ at .5.
    termfreq_est_ = docs == 0 ? 0 : static_cast<Xapian::doccount>(a + b - (a * b / docs) + 0.5);  // NOLINT(bugprone-incorrect-roundings)
    termfreq_min_ = std::max(termfreq_min_, freq);
    termfreq_max_ = static_cast<Xapian::doccount>(std::min(static_cast<double>(termfreq_max_) + b, docs));
  }
}

void TermPostings::next(double) {
  if (started_)
    for (auto& it : its_)
      if (it != END && *it == at_) ++it;
  started_ = true;
  settle();
}

void TermPostings::skip_to(Xapian::docid did, double) {
  started_ = true;
  for (auto& it : its_)
    if (it != END && *it < did) it.skip_to(did);
  settle();
}

void TermPostings::settle() {
  at_ = 0;
  for (const auto& it : its_)
    if (it != END && (at_ == 0 || *it < at_)) at_ = *it;
}

Xapian::termcount TermPostings::wdf() const {
  Xapian::termcount sum = 0;
  for (const auto& it : its_)
    if (it != END && *it == at_) sum += it.get_wdf();
  return sum;
}

std::string TermPostings::get_description() const {
  std::string out = "TermPostings(";
  for (const auto& term : terms_) out += (&term == &terms_.front() ? "" : " ") + term;
  return out + ")";
}

}  // namespace newsdex
