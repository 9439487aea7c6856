#include "significant_terms.h"

#include <algorithm>
#include <span>
#include <thread>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include "core/ascii_text.h"
#include "storage/facet_values.h"
#include "core/schema.h"

namespace newsdex {
namespace {

using TermCounts = std::unordered_map<std::string, Xapian::doccount>;

// Counts, for each subject term, the documents of `docids` that hold it.
void count_terms(const Xapian::Database& db, std::span<const Xapian::docid> docids, TermCounts& counts) {
  for (const Xapian::docid docid : docids)
    for_each_subject_term(db.termlist_begin(docid), db.termlist_end(docid),
                          [&](std::string&& term, const Xapian::TermIterator&) { ++counts[std::move(term)]; });
}

// Below this many sampled matches, a second thread costs more than it saves.
constexpr std::size_t SPLIT_AT = 16;

// The sample's term counts. Reading the term lists is most of the cost (each is inflated
// and decoded), so with a second handle the second half is read on another core.
TermCounts count_sample(const Xapian::Database& db, const Xapian::Database* second,
                        const std::vector<Xapian::docid>& sample) {
  TermCounts counts;
  const std::span<const Xapian::docid> all(sample);
  if (!second || sample.size() < SPLIT_AT) {
    count_terms(db, all, counts);
    return counts;
  }
  const std::size_t half = sample.size() / 2;
  TermCounts other;
  bool failed = false;
  {
    std::jthread reader([&] {
      try {
        count_terms(*second, all.subspan(half), other);
      } catch (const Xapian::Error&) {
        failed = true;  // a commit came between: the first handle reads it again below
      }
    });
    count_terms(db, all.first(half), counts);
  }
  if (failed) {
    other.clear();
    count_terms(db, all.subspan(half), other);
  }
  for (auto& [term, n] : other) counts[term] += n;
  return counts;
}

}  // namespace

std::string_view term_kind_name(TermKind kind) {
  switch (kind) {
    case TermKind::WORD: return "word";
    case TermKind::PERSON: return "person";
    case TermKind::COUNTRY: return "country";
  }
  return "word";
}

SignificantTerms significant_terms(const Xapian::Database& db, const Xapian::Database* second,
                                   const ArchiveFrequencies& archive, const std::vector<Xapian::docid>& sample,
                                   const Xapian::Query& query, const Xapian::Stem& stemmer, std::size_t limit) {
  SignificantTerms out;
  out.foreground = static_cast<Xapian::doccount>(sample.size());
  out.background = db.get_doccount();
  if (out.foreground == 0 || out.background == 0) return out;
  std::unordered_set<std::string> asked(query.get_unique_terms_begin(), query.get_unique_terms_end());
  const TermCounts foreground = count_sample(db, second, sample);
  const double fg_size = out.foreground, bg_size = out.background;
  // Candidates by how many sampled matches hold them, most first. A term's archive count
  // is at least its sample count, so its score is at most the one it would have if only
  // the sampled articles held it, which grows with the sample count: once that bound falls
  // below the limit-th best score found, no later candidate can enter the list, and its
  // archive count (a posting-list lookup each) is never read.
  std::vector<std::pair<Xapian::doccount, const std::string*>> candidates;
  for (const auto& [term, in_foreground] : foreground)
    if (in_foreground >= SIGNIFICANT_MIN_MATCHES) candidates.emplace_back(in_foreground, &term);
  std::sort(candidates.begin(), candidates.end(),
            [](const auto& a, const auto& b) { return a.first != b.first ? a.first > b.first : *a.second < *b.second; });
  const auto better = [](const SignificantTerm& a, const SignificantTerm& b) {
    return a.score != b.score ? a.score > b.score : std::tie(a.kind, a.key) < std::tie(b.kind, b.key);
  };
  std::vector<SignificantTerm> terms;  // the best `limit` so far, a heap whose top is the worst of them
  for (const auto& [in_foreground, term_ptr] : candidates) {
    const std::string& term = *term_ptr;
    const double fg = in_foreground / fg_size;
    const double bound = (fg - in_foreground / bg_size) * (fg / (in_foreground / bg_size));
    if (limit == 0 || (terms.size() == limit && bound < terms.front().score)) break;
    TermKind kind;
    std::string_view key;
    if (asked.contains(term) || !classify_subject_term(term, kind, key)) continue;
    if (kind == TermKind::WORD && asked.contains(std::string(schema::PREFIX_STEM) + stemmer(term))) continue;
    // The archive holds every sampled article: at least as many as the sample.
    const Xapian::doccount in_background = std::max(archive(term), in_foreground);
    const double bg = in_background / bg_size;
    if (fg <= bg) continue;
    SignificantTerm s{kind, std::string(key), std::string(key), in_foreground, in_background, (fg - bg) * (fg / bg)};
    if (kind == TermKind::COUNTRY) s.key = s.label = upper_ascii(s.key);
    if (terms.size() == limit) {
      if (!better(s, terms.front())) continue;
      std::pop_heap(terms.begin(), terms.end(), better);
      terms.back() = std::move(s);
    } else {
      terms.push_back(std::move(s));
    }
    std::push_heap(terms.begin(), terms.end(), better);
  }
  std::sort_heap(terms.begin(), terms.end(), better);
  // People's names as written, from the facet values ("key\x1FLabel") of the sampled
  // articles, read only for the people listed.
  std::unordered_map<std::string, SignificantTerm*> unnamed;
  for (auto& term : terms)
    if (term.kind == TermKind::PERSON) unnamed.emplace(term.key, &term);
  for (auto it = sample.begin(); it != sample.end() && !unnamed.empty(); ++it) {
    const Xapian::Document doc = db.get_document(*it);
    for (unsigned i = 0; !unnamed.empty(); ++i) {
      const auto slot = facet_slot(Facet::PERSON, i);
      if (!slot) break;
      const std::string value = doc.get_value(*slot);
      if (value.empty()) break;
      const auto [key, label] = split_facet_value(value);
      if (const auto found = unnamed.find(std::string(key)); found != unnamed.end()) {
        found->second->label = label;
        unnamed.erase(found);
      }
    }
  }
  out.top = std::move(terms);
  return out;
}

}  // namespace newsdex
