#include "match_bitmap.h"

#include <bit>

namespace newsdex {
namespace {

using Words = std::vector<std::uint64_t>;

bool is_or_like(int type) {
  return type == Xapian::Query::OP_OR || type == Xapian::Query::OP_SYNONYM || type == Xapian::Query::OP_MAX;
}

// Evaluates `form` over the documents first..last of `db`.
class Evaluator {
 public:
  Evaluator(const Xapian::Database& db, Xapian::docid first, Xapian::docid last)
      : db_(db), first_(first), last_(last), words_((static_cast<std::size_t>(last - first) + 64) / 64) {}

  Words eval(const BooleanForm& form) const {
    switch (form.op) {
      case BooleanForm::Op::NOTHING: return Words(words_, 0);
      case BooleanForm::Op::TERM: return postings(form.term);
      case BooleanForm::Op::EVERY: return postings(std::string());  // "": every document
      case BooleanForm::Op::OR: {
        Words out = eval(form.kids.front());
        for (std::size_t k = 1; k < form.kids.size(); ++k) {
          const Words kid = eval(form.kids[k]);
          for (std::size_t w = 0; w < words_; ++w) out[w] |= kid[w];
        }
        return out;
      }
      case BooleanForm::Op::AND: {
        Words out = eval(form.kids.front());
        for (std::size_t k = 1; k < form.kids.size(); ++k) {
          const Words kid = eval(form.kids[k]);
          for (std::size_t w = 0; w < words_; ++w) out[w] &= kid[w];
        }
        return out;
      }
      case BooleanForm::Op::AND_NOT: {
        Words out = eval(form.kids.front());
        for (std::size_t k = 1; k < form.kids.size(); ++k) {
          const Words kid = eval(form.kids[k]);
          for (std::size_t w = 0; w < words_; ++w) out[w] &= ~kid[w];
        }
        return out;
      }
    }
    return Words(words_, 0);
  }

 private:
  Words postings(const std::string& term) const {
    Words out(words_, 0);
    Xapian::PostingIterator it = db_.postlist_begin(term);
    const Xapian::PostingIterator end = db_.postlist_end(term);
    if (it != end && *it < first_) it.skip_to(first_);
    for (; it != end; ++it) {
      const Xapian::docid did = *it;
      if (did > last_) break;
      const std::size_t bit = did - first_;
      out[bit / 64] |= std::uint64_t{1} << (bit % 64);
    }
    return out;
  }

  const Xapian::Database& db_;
  Xapian::docid first_, last_;
  std::size_t words_;
};

}  // namespace

std::optional<BooleanForm> boolean_form(const Xapian::Query& query) {
  BooleanForm form;
  const auto type = query.get_type();
  switch (type) {
    case Xapian::Query::LEAF_TERM:
      form.op = BooleanForm::Op::TERM;
      form.term = *query.get_terms_begin();
      return form;
    case Xapian::Query::LEAF_MATCH_ALL: form.op = BooleanForm::Op::EVERY; return form;
    case Xapian::Query::LEAF_MATCH_NOTHING: form.op = BooleanForm::Op::NOTHING; return form;
    case Xapian::Query::OP_SCALE_WEIGHT: return boolean_form(query.get_subquery(0));
    case Xapian::Query::OP_AND_MAYBE: return boolean_form(query.get_subquery(0));  // the rest only weighs
    case Xapian::Query::OP_AND:
    case Xapian::Query::OP_FILTER: form.op = BooleanForm::Op::AND; break;
    case Xapian::Query::OP_AND_NOT: form.op = BooleanForm::Op::AND_NOT; break;
    default:
      if (!is_or_like(type)) return std::nullopt;
      form.op = BooleanForm::Op::OR;
  }
  const std::size_t n = query.get_num_subqueries();
  if (n == 0) return std::nullopt;
  for (std::size_t i = 0; i < n; ++i) {
    auto kid = boolean_form(query.get_subquery(i));
    if (!kid) return std::nullopt;
    form.kids.push_back(std::move(*kid));
  }
  return form;
}

MatchBitmap::MatchBitmap(const Xapian::Database& db, const BooleanForm& form, Xapian::docid first, Xapian::docid last)
    : first_(first) {
  if (last >= first) words_ = Evaluator(db, first, last).eval(form);
}

std::size_t MatchBitmap::count() const {
  std::size_t n = 0;
  for (const std::uint64_t w : words_) n += static_cast<std::size_t>(std::popcount(w));
  return n;
}

}  // namespace newsdex
