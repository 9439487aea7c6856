#include "cooccurrence.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <tuple>
#include <unordered_map>

#include "cli/cli.h"

namespace newsdex {
namespace {

double cell(double k, double row, double column, double n) { return k > 0 ? k * std::log(k * n / (row * column)) : 0; }

// Fills the scores of `pair` from its counts over `n` matches; false when the values are
// not seen together more often than chance, or too rarely to say.
bool score(Associate& pair, Xapian::doccount n) {
  const double both = pair.together, a = pair.a.count, b = pair.b.count, total = n;
  if (pair.together < MIN_TOGETHER || both * total <= a * b) return false;
  pair.g2 = log_likelihood_ratio(both, a - both, b - both, total - a - b + both);
  const double p_both = both / total;
  pair.npmi = p_both >= 1 ? 1 : std::log(p_both / ((a / total) * (b / total))) / -std::log(p_both);
  return true;
}

Cooccurrence finish(Cooccurrence out, std::vector<Associate> pairs, std::size_t limit) {
  out.distinct = pairs.size();
  const auto stronger = [](const Associate& x, const Associate& y) {
    if (x.g2 != y.g2) return x.g2 > y.g2;
    if (x.together != y.together) return x.together > y.together;
    return std::tie(x.a.key, x.b.key) < std::tie(y.a.key, y.b.key);
  };
  const std::size_t n = std::min(limit, pairs.size());
  std::partial_sort(pairs.begin(), pairs.begin() + static_cast<std::ptrdiff_t>(n), pairs.end(), stronger);
  pairs.resize(n);
  out.top = std::move(pairs);
  return out;
}

std::unordered_map<std::string, const FacetValue*> by_key(const FacetCounts& counts) {
  std::unordered_map<std::string, const FacetValue*> out;
  for (const auto& value : counts.top) out.emplace(value.key, &value);
  return out;
}

}  // namespace

bool can_cooccur(Facet facet) {
  return facet == Facet::PERSON || facet == Facet::COUNTRY || facet == Facet::REGION || facet == Facet::AUTHOR ||
         facet == Facet::SOURCE;
}

CooccurRequest parse_cooccur(std::string_view list, std::string with) {
  std::vector<Facet> facets;
  for (const std::string_view name : cli::comma_list(list)) {
    const auto facet = facet_from_name(name);
    if (!facet || !can_cooccur(*facet))
      throw std::invalid_argument("unknown facet '" + std::string(name) + "' (person, country, region, author or source)");
    facets.push_back(*facet);
  }
  if (facets.empty() || facets.size() > 2)
    throw std::invalid_argument("one facet or two, such as person or person,country");
  return CooccurRequest{facets.front(), facets.back(), std::move(with)};
}

double log_likelihood_ratio(double both, double a_only, double b_only, double neither) {
  const double n = both + a_only + b_only + neither;
  const double a = both + a_only, not_a = b_only + neither, b = both + b_only, not_b = a_only + neither;
  return 2 * (cell(both, a, b, n) + cell(a_only, a, not_b, n) + cell(b_only, not_a, b, n) +
              cell(neither, not_a, not_b, n));
}

Cooccurrence rank_pairs(const CooccurRequest& request, const PairPass& pass, std::size_t limit) {
  Cooccurrence out;
  out.request = request;
  out.matches = pass.singles.matches;
  if (pass.singles.counts.empty()) return out;
  const auto firsts = by_key(pass.singles.counts.front());
  const auto seconds = by_key(pass.singles.counts.back());
  std::vector<Associate> pairs;
  for (const auto& pair : pass.pairs) {
    const auto a = firsts.find(pair.key_a), b = seconds.find(pair.key_b);
    if (a == firsts.end() || b == seconds.end()) continue;  // cannot be: both were counted
    Associate associate{*a->second, *b->second, pair.count, 0, 0};
    if (score(associate, out.matches)) pairs.push_back(std::move(associate));
  }
  return finish(std::move(out), std::move(pairs), limit);
}

Cooccurrence rank_partners(const CooccurRequest& request, const FacetPass& all, const FacetPass& near,
                           const std::vector<std::string>& own_keys, std::size_t limit) {
  Cooccurrence out;
  out.request = request;
  out.matches = all.matches;
  out.with_matches = near.matches;
  if (all.counts.empty() || near.counts.empty()) return out;
  const auto totals = by_key(all.counts.front());
  const FacetValue with{request.with, request.with, near.matches};
  std::vector<Associate> pairs;
  for (const auto& value : near.counts.front().top) {
    if (std::find(own_keys.begin(), own_keys.end(), value.key) != own_keys.end()) continue;
    const auto total = totals.find(value.key);
    if (total == totals.end()) continue;  // cannot be: the near matches are among all
    Associate associate{with, *total->second, value.count, 0, 0};
    if (score(associate, out.matches)) pairs.push_back(std::move(associate));
  }
  return finish(std::move(out), std::move(pairs), limit);
}

}  // namespace newsdex
