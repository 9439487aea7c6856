// BM25 over document lengths held in memory: the scores of Xapian's BM25Weight, to the
// last bit, without its per-match read of the document-length list.
//
// Why: Xapian 1.4 finds a match's length by moving a cursor along the database's
// document-length list, decoding every entry between one match and the next. A word in
// 8,703 of 1.8 million articles thus decoded the lengths of nearly all 1.8 million: 4.7 ms
// of a 5.4 ms top-10 search, where the same ranking with lengths read from an array took
// 1.1 ms (docs/measurements.md, Archive scale). Lucene reads norms by document id.
//
// How: each word of the query becomes a posting source that walks the word's postings
// and weighs each with BM25, reading the length by document id; so does a synonym of two
// words (a word stemmed in two languages). Words under a phrase or a weight scale, and
// larger synonyms, stay Xapian's terms: their weights are not a sum of independent terms'
// BM25 parts (or carry a factor, or an estimate built in another order) and would differ.
// One local database only: on shards a posting source sees each shard's own document
// ids, and a remote shard cannot run it.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <xapian.h>

namespace newsdex {

// Every document's length, indexed by document id, read once from a database.
class DocumentLengths {
 public:
  explicit DocumentLengths(const Xapian::Database& db);
  // For a document id up to last_docid() (a document added since was not read).
  Xapian::termcount operator[](Xapian::docid did) const { return lengths_[did]; }
  Xapian::docid last_docid() const { return static_cast<Xapian::docid>(lengths_.size()) - 1; }

 private:
  std::vector<Xapian::termcount> lengths_;
};

// The BM25 parameters the searcher ranks with (Xapian::BM25Weight's k1, b and
// min_normlen; k2 is 0 and k3 is 1, as Searcher::run sets them).
struct Bm25Parameters {
  double k1 = 0;
  double b = 0;
  double min_normlen = 0;
};

class LengthWeightedTerms {
 public:
  LengthWeightedTerms(std::shared_ptr<const DocumentLengths> lengths, const Bm25Parameters& parameters);

  // `query` with each word that is weighted as a term on its own replaced by a posting
  // source that gives it the same weight. Matches the same documents.
  Xapian::Query weigh(const Xapian::Query& query) const;

  // A registry that can unserialise a query weigh() returned (Query::unserialise), for
  // another thread's own copy.
  const Xapian::Registry& registry() const { return registry_; }

 private:
  std::shared_ptr<const DocumentLengths> lengths_;
  Bm25Parameters parameters_;
  Xapian::Registry registry_;
};

}  // namespace newsdex
