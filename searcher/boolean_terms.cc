#include "boolean_terms.h"

#include "term_postings.h"

namespace newsdex {
namespace {

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
    if (takes_faulty_path(shard, term)) return Xapian::Query((new TermPostings({term}))->release());
  return Xapian::Query(term);
}

}  // namespace newsdex
