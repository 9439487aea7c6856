// A Xapian posting source that matches every document id in a range: filtering a query
// by it (OP_FILTER) splits the query's matches into parts that threads count at once, each
// on its own database handle (a handle is not thread-safe).
#pragma once

#include <string>

#include <xapian.h>

namespace newsdex {

class DocidRange : public Xapian::PostingSource {
 public:
  // Matches the ids first..last (inclusive), those of deleted documents too: it is meant to
  // filter a query, whose own postings hold only documents that exist.
  DocidRange(Xapian::docid first, Xapian::docid last);

  void init(const Xapian::Database& db) override;
  Xapian::doccount get_termfreq_min() const override { return 0; }
  Xapian::doccount get_termfreq_est() const override { return size_; }
  Xapian::doccount get_termfreq_max() const override { return size_; }
  void next(double min_wt) override;
  void skip_to(Xapian::docid did, double min_wt) override;
  bool at_end() const override { return current_ > last_; }
  Xapian::docid get_docid() const override { return current_; }
  Xapian::PostingSource* clone() const override { return new DocidRange(first_, last_); }
  std::string get_description() const override;

 private:
  Xapian::docid first_, last_;
  Xapian::docid current_ = 0;  // 0 before the first next() or skip_to()
  Xapian::doccount size_ = 0;  // ids in the range that the database can hold
};

// The matches of `query` with document ids first..last, weighed as `query` weighs them.
Xapian::Query within_docids(const Xapian::Query& query, Xapian::docid first, Xapian::docid last);

}  // namespace newsdex
