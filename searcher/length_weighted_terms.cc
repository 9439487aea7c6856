#include "length_weighted_terms.h"

#include <algorithm>
#include <cmath>

#include "term_postings.h"

namespace newsdex {
namespace {

// One word's postings (or the union of two words' postings, a synonym), weighed as
// Xapian::BM25Weight weighs the term (or Xapian's SynonymPostList the synonym): the same
// formula with the same operations in the same order, so that the doubles are equal.
class Bm25Postings : public TermPostings {
 public:
  Bm25Postings(std::vector<std::string> terms, std::shared_ptr<const DocumentLengths> lengths,
               const Bm25Parameters& parameters)
      : TermPostings(std::move(terms)), lengths_(std::move(lengths)), p_(parameters) {}

  Xapian::PostingSource* clone() const override { return new Bm25Postings(terms(), lengths_, p_); }
  std::string name() const override { return "newsdex.Bm25Postings"; }
  // The terms, each ended by a NUL (a term holds none).
  std::string serialise() const override {
    std::string out;
    for (const auto& term : terms()) out += term + '\0';
    return out;
  }
  Xapian::PostingSource* unserialise(const std::string& serialised) const override {
    std::vector<std::string> terms;
    for (std::size_t at = 0, end; at < serialised.size(); at = end + 1) {
      end = serialised.find('\0', at);
      if (end == std::string::npos) throw Xapian::SerialisationError("newsdex.Bm25Postings: a term without its end");
      terms.push_back(serialised.substr(at, end - at));
    }
    if (terms.empty()) throw Xapian::SerialisationError("newsdex.Bm25Postings: no term");
    return new Bm25Postings(std::move(terms), lengths_, p_);
  }

  void init(const Xapian::Database& db) override {
    TermPostings::init(db);
    // BM25Weight::init without a relevance set, for a term of factor 1 (not under a scale),
    // with the synonym's estimated frequency for two terms.
    const double docs = db.get_doccount(), termfreq = get_termfreq_est();
    double tw = (docs - termfreq + 0.5) / (termfreq + 0.5);
    if (tw < 2) tw = tw * 0.5 + 1;
    termweight_ = std::log(tw) * 1.0;
    // Each leaf of the query is weighed with its own wqf, which the QueryParser makes 1
    // (a word typed twice is two leaves, each weighed once), as is a synonym's.
    const double wqf = 1;
    termweight_ *= (K3 + 1) * wqf / (K3 + wqf);
    termweight_ *= (p_.k1 + 1);
    len_factor_ = 0;
    if (p_.b != 0 && p_.k1 != 0) {
      len_factor_ = db.get_avlength();
      if (len_factor_ != 0) len_factor_ = 1 / len_factor_;
    }
    // BM25Weight::get_maxpart: the bound the matcher prunes by (for a synonym, the sum of
    // its terms' bounds: looser than Xapian's, never lower).
    Xapian::termcount wdf_max = 0;
    for (const auto& term : terms()) wdf_max += db.get_wdf_upper_bound(term);
    double denom = p_.k1;
    if (p_.k1 != 0 && p_.b != 0) {
      const double lower = std::max<double>(wdf_max, db.get_doclength_lower_bound());
      denom *= (std::max(lower * len_factor_, p_.min_normlen) * p_.b + (1 - p_.b));
    }
    denom += wdf_max;
    set_maxweight(denom > 0 ? termweight_ * (wdf_max / denom) : 0);
  }

  // BM25Weight::get_sumpart (for a synonym, with SynonymPostList's sum of the wdfs,
  // capped at the document's length).
  double get_weight() const override {
    const Xapian::docid did = get_docid();
    // A document added after the lengths were read: asked of the database.
    const Xapian::termcount length = did <= lengths_->last_docid() ? (*lengths_)[did] : database().get_doclength(did);
    Xapian::termcount wdf_sum = wdf();
    if (terms().size() > 1) wdf_sum = std::min(wdf_sum, length);
    const double normlen = std::max(length * len_factor_, p_.min_normlen);
    const double wdf = wdf_sum;
    const double denom = p_.k1 * (normlen * p_.b + (1 - p_.b)) + wdf;
    return termweight_ * (wdf / denom);
  }

  std::string get_description() const override { return "Bm25" + TermPostings::get_description(); }

 private:
  static constexpr double K3 = 1;

  std::shared_ptr<const DocumentLengths> lengths_;
  Bm25Parameters p_;
  double termweight_ = 0;
  double len_factor_ = 0;
};

}  // namespace

DocumentLengths::DocumentLengths(const Xapian::Database& db) : lengths_(std::size_t{db.get_lastdocid()} + 1, 0) {
  for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) lengths_[*it] = it.get_doclength();
}

LengthWeightedTerms::LengthWeightedTerms(std::shared_ptr<const DocumentLengths> lengths,
                                         const Bm25Parameters& parameters)
    : lengths_(std::move(lengths)), parameters_(parameters) {
  registry_.register_posting_source(Bm25Postings({}, lengths_, parameters_));
}

Xapian::Query LengthWeightedTerms::weigh(const Xapian::Query& query) const {
  const auto type = query.get_type();
  if (type == Xapian::Query::LEAF_TERM) {
    const std::string term = *query.get_terms_begin();
    if (term.empty()) return query;  // every document
    return Xapian::Query((new Bm25Postings({term}, lengths_, parameters_))->release());
  }
  // Two words as one (a word stemmed in two languages).
  if (type == Xapian::Query::OP_SYNONYM && query.get_num_subqueries() == 2 &&
      query.get_subquery(0).get_type() == Xapian::Query::LEAF_TERM &&
      query.get_subquery(1).get_type() == Xapian::Query::LEAF_TERM)
    return Xapian::Query((new Bm25Postings({*query.get_subquery(0).get_terms_begin(),
                                            *query.get_subquery(1).get_terms_begin()},
                                           lengths_, parameters_))
                             ->release());
  // Operators whose weight is the sum of their weighted parts' weights; of AND_NOT and
  // FILTER only the first part is weighted.
  std::size_t weighted = 0;
  switch (type) {
    case Xapian::Query::OP_AND:
    case Xapian::Query::OP_OR:
    case Xapian::Query::OP_XOR:
    case Xapian::Query::OP_AND_MAYBE:
    case Xapian::Query::OP_MAX: weighted = query.get_num_subqueries(); break;
    case Xapian::Query::OP_AND_NOT:
    case Xapian::Query::OP_FILTER: weighted = 1; break;
    default: return query;
  }
  std::vector<Xapian::Query> parts;
  for (std::size_t i = 0; i < query.get_num_subqueries(); ++i)
    parts.push_back(i < weighted ? weigh(query.get_subquery(i)) : query.get_subquery(i));
  return Xapian::Query(type, parts.begin(), parts.end());
}

}  // namespace newsdex
