// The documents of one or more terms (their union), read through Xapian's public posting
// iterator, as a posting source. It weighs nothing itself: as it is, it is a filter that
// keeps clear of a matcher bug (boolean_terms.h); BM25 is added on top of it
// (length_weighted_terms.h).
#pragma once

#include <string>
#include <vector>

#include <xapian.h>

namespace newsdex {

class TermPostings : public Xapian::PostingSource {
 public:
  explicit TermPostings(std::vector<std::string> terms) : terms_(std::move(terms)) {}

  Xapian::PostingSource* clone() const override { return new TermPostings(terms_); }
  void init(const Xapian::Database& db) override;

  // One term's frequency, or for two Xapian's estimate of a synonym's: the union's size,
  // the terms taken as independent (OrPostList::get_termfreq_est_using_stats).
  Xapian::doccount get_termfreq_min() const override { return termfreq_min_; }
  Xapian::doccount get_termfreq_est() const override { return termfreq_est_; }
  Xapian::doccount get_termfreq_max() const override { return termfreq_max_; }

  void next(double min_weight) override;
  void skip_to(Xapian::docid did, double min_weight) override;
  bool at_end() const override { return at_ == 0; }
  Xapian::docid get_docid() const override { return at_; }
  std::string get_description() const override;

 protected:
  const std::vector<std::string>& terms() const { return terms_; }
  const Xapian::Database& database() const { return db_; }
  // The terms' wdfs at the current document, summed.
  Xapian::termcount wdf() const;

 private:
  void settle();  // the current document: the lowest of the iterators', 0 when all ended

  std::vector<std::string> terms_;
  Xapian::Database db_;
  std::vector<Xapian::PostingIterator> its_;
  bool started_ = false;
  Xapian::docid at_ = 0;
  Xapian::doccount termfreq_min_ = 0, termfreq_est_ = 0, termfreq_max_ = 0;
};

}  // namespace newsdex
