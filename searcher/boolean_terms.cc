#include "boolean_terms.h"

namespace newsdex {
namespace {

// The documents of one term, read through the public posting iterator (which reads the
// term's own chunks) instead of the matcher's leaf posting list. Weight 0: a filter.
class TermPostings : public Xapian::PostingSource {
 public:
  explicit TermPostings(std::string term) : term_(std::move(term)) {}

  Xapian::PostingSource* clone() const override { return new TermPostings(term_); }

  void init(const Xapian::Database& db) override {
    db_ = db;
    it_ = db_.postlist_begin(term_);
    end_ = db_.postlist_end(term_);
    started_ = false;
    termfreq_ = db_.get_termfreq(term_);
  }
  Xapian::doccount get_termfreq_min() const override { return termfreq_; }
  Xapian::doccount get_termfreq_est() const override { return termfreq_; }
  Xapian::doccount get_termfreq_max() const override { return termfreq_; }

  void next(double) override {
    if (started_) ++it_;
    started_ = true;
  }
  void skip_to(Xapian::docid did, double) override {
    started_ = true;
    if (it_ != end_) it_.skip_to(did);
  }
  bool at_end() const override { return it_ == end_; }
  Xapian::docid get_docid() const override { return *it_; }
  std::string get_description() const override { return "TermPostings(" + term_ + ")"; }

 private:
  std::string term_;
  Xapian::Database db_;
  Xapian::PostingIterator it_, end_;
  bool started_ = false;
  Xapian::doccount termfreq_ = 0;
};

// The condition under which Xapian 1.4 reads a term through the faulty path.
bool takes_faulty_path(const Xapian::Database& shard, const std::string& term) {
  const Xapian::doccount docs = shard.get_doccount();
  return docs != 0 && shard.get_lastdocid() != docs && shard.get_termfreq(term) == docs;
}

}  // namespace

BooleanTerms::BooleanTerms(const Xapian::Database& db, std::vector<Xapian::Database> shards, bool any_remote)
    : db_(db), shards_(std::move(shards)), any_remote_(any_remote) {}

Xapian::Query BooleanTerms::term(const std::string& term) const {
  const Xapian::doccount docs = db_.get_doccount();
  // A new MatchAll object, not a copy of Xapian::Query::MatchAll (see Searcher::run).
  if (docs != 0 && db_.get_termfreq(term) == docs) return Xapian::Query(std::string());
  if (shards_.size() < 2 || any_remote_) return Xapian::Query(term);
  for (const auto& shard : shards_)
    if (takes_faulty_path(shard, term)) return Xapian::Query((new TermPostings(term))->release());
  return Xapian::Query(term);
}

}  // namespace newsdex
