#include "docid_range.h"

#include <algorithm>

namespace newsdex {

DocidRange::DocidRange(Xapian::docid first, Xapian::docid last) : first_(std::max<Xapian::docid>(first, 1)), last_(last) {}

void DocidRange::init(const Xapian::Database& db) {
  current_ = 0;
  const Xapian::docid end = std::min(last_, db.get_lastdocid());
  // A frequency may not exceed the database's document count.
  size_ = end < first_ ? 0 : std::min<Xapian::doccount>(end - first_ + 1, db.get_doccount());
}

void DocidRange::next(double) { current_ = current_ == 0 ? first_ : current_ + 1; }

void DocidRange::skip_to(Xapian::docid did, double) {
  if (current_ == 0) current_ = first_;
  current_ = std::max(current_, did);
}

std::string DocidRange::get_description() const {
  return "DocidRange(" + std::to_string(first_) + ".." + std::to_string(last_) + ")";
}

Xapian::Query within_docids(const Xapian::Query& query, Xapian::docid first, Xapian::docid last) {
  return Xapian::Query(Xapian::Query::OP_FILTER, query, Xapian::Query((new DocidRange(first, last))->release()));
}

}  // namespace newsdex
