#include "text_formatter.h"

#include <fmt/format.h>
#include <fmt/ostream.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "entities/country_table.h"
#include "cooccurrence.h"
#include "storage/facet_values.h"

namespace newsdex {
namespace {

constexpr std::string_view BOLD = "\x1b[1m";
constexpr std::string_view HIGHLIGHT = "\x1b[1;33m";
constexpr std::string_view DIM = "\x1b[2m";
constexpr std::string_view RESET = "\x1b[0m";

// One line of text, safe for a terminal: control characters (escape sequences in the
// articles included) become spaces, runs of white space one space. That covers the C1
// controls U+0080-U+009F too (UTF-8 C2 80 to C2 9F): a terminal takes U+009B as CSI and
// U+009D as OSC, and Reuters and TREC files hold them as `&#x9b;`.
std::string one_line(std::string_view text, bool colour) {
  std::string out;
  out.reserve(text.size());
  bool space = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == SNIPPET_MARK_START || c == SNIPPET_MARK_END) {
      if (colour) out.append(c == SNIPPET_MARK_START ? HIGHLIGHT : RESET);
      continue;
    }
    const bool c1 = static_cast<unsigned char>(c) == 0xc2 && i + 1 < text.size() &&
                    static_cast<unsigned char>(text[i + 1]) >= 0x80 && static_cast<unsigned char>(text[i + 1]) <= 0x9f;
    if (c1) ++i;
    if (c1 || static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = ' ';
    if (c == ' ') {
      if (space || out.empty()) continue;
      space = true;
    } else {
      space = false;
    }
    out += c;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

// What was asked, for the count line: the query as typed, then its filters and dates,
// so that a line saying nothing matches names everything that narrowed the search.
std::string describe_request(const SearchRequest& request) {
  std::string what = request.like_id.empty() ? request.query : "like " + request.like_id;
  if (request.like_id.empty() && is_every_article(what)) what.clear();
  what = what.empty() ? std::string() : "'" + one_line(what, false) + "'";
  std::vector<std::string> narrowing = request.filters;
  if (!request.since.empty()) narrowing.push_back("since " + request.since);
  if (!request.until.empty()) narrowing.push_back("until " + request.until);
  if (narrowing.empty()) return what;
  const std::string list = one_line(fmt::format("{}", fmt::join(narrowing, ", ")), false);
  return what.empty() ? list : what + " (" + list + ")";
}

// "57 articles", "1 article", or the bounds when the count is Xapian's estimate.
// With stories counted (--collapse, --facet-by story): "57 articles (41 stories)".
std::string count_phrase(const SearchResult& result) {
  // An estimated total (remote shards) goes with an estimated number of stories.
  const std::string stories =
      result.stories ? fmt::format(" ({}{} {})", result.total_exact ? "" : "about ", *result.stories,
                                   *result.stories == 1 ? "story" : "stories")
                     : "";
  if (result.total_exact)
    return fmt::format("{} {}{}", result.total, result.total == 1 ? "article" : "articles", stories);
  return fmt::format("between {} and {} articles{}", result.total_min, result.total_max, stories);
}

}  // namespace

namespace {

// Columns a UTF-8 string takes, counting each code point as one.
std::size_t columns(std::string_view text) {
  std::size_t n = 0;
  for (char c : text) n += (static_cast<unsigned char>(c) & 0xc0) != 0x80;
  return n;
}

// One line per period: its name, a bar scaled so that the busiest period fills the width
// left, and the count. A period with matches always gets a sliver of a bar.
void write_timeline(std::ostream& out, const Timeline& timeline, std::size_t width, bool colour) {
  std::vector<std::string> apart;
  if (timeline.undated) apart.push_back(fmt::format("{} undated", timeline.undated));
  if (timeline.month_only) apart.push_back(fmt::format("{} dated to the month only", timeline.month_only));
  const std::string note = apart.empty() ? "" : fmt::format(" ({})", fmt::join(apart, ", "));
  const std::string_view unit = timeline_unit_name(timeline.unit);
  if (timeline.points.empty()) {
    fmt::print(out, "{}timeline by {}{}: no match is dated{}\n", colour ? BOLD : "", unit, colour ? RESET : "", note);
    return;
  }
  fmt::print(out, "{}timeline by {}{}, {} to {}{}:\n", colour ? BOLD : "", unit, colour ? RESET : "",
             timeline.points.front().period, timeline.points.back().period, note);
  Xapian::doccount most = 0;
  std::size_t label_width = 0;
  for (const auto& point : timeline.points) {
    most = std::max(most, point.count);
    label_width = std::max(label_width, point.period.size());
  }
  const std::size_t count_width = fmt::formatted_size("{}", most);
  const std::size_t used = 2 + label_width + 2 + 1 + count_width;
  const std::size_t bar_room = width > used + 10 ? width - used : 10;
  for (const auto& point : timeline.points) {
    std::size_t length = most == 0 ? 0 : static_cast<std::size_t>(std::lround(
        static_cast<double>(point.count) * static_cast<double>(bar_room) / static_cast<double>(most)));
    std::string bar;
    for (std::size_t i = 0; i < length; ++i) bar += "\u2588";
    if (length == 0 && point.count > 0) bar = "\u258F";
    fmt::print(out, "  {:<{}}  {}{}{} {}\n", point.period, label_width, colour ? HIGHLIGHT : "", bar,
               colour ? RESET : "", point.count);
  }
}

// One line per pair: the two names (or the partner of a --with value), how many matches
// hold both, and the log-likelihood score.
void write_cooccurrence(std::ostream& out, const Cooccurrence& co, bool colour) {
  const std::string_view first = facet_name(co.request.first), second = facet_name(co.request.second);
  const bool with = !co.request.with.empty();
  std::string heading;
  if (with) {
    heading = fmt::format("{} with {} (in {} of {} matches; {} associated, by log-likelihood G²)", second,
                          one_line(co.request.with, false), co.with_matches, co.matches, co.distinct);
  } else {
    const std::string what = first == second ? fmt::format("{} pairs", first) : fmt::format("{} with {}", first, second);
    heading = fmt::format("{} ({} together in {}+ of {} matches, by log-likelihood G²)", what, co.distinct,
                          MIN_TOGETHER, co.matches);
  }
  fmt::print(out, "{}{}{}:\n", colour ? BOLD : "", heading, colour ? RESET : "");
  std::vector<std::string> names;
  std::size_t widest = 0;
  for (const auto& pair : co.top) {
    names.push_back(with ? one_line(pair.b.label, false)
                         : one_line(pair.a.label, false) + " + " + one_line(pair.b.label, false));
    widest = std::max(widest, columns(names.back()));
  }
  for (std::size_t i = 0; i < co.top.size(); ++i) {
    const auto& pair = co.top[i];
    const std::string pad(widest - columns(names[i]), ' ');
    fmt::print(out, "  {}{}  {:>5}  {}G² {:.1f}{}\n", names[i], pad, pair.together, colour ? DIM : "", pair.g2,
               colour ? RESET : "");
  }
}

// One line per term: the word (people and countries marked), how many of the sampled
// matches and of the archive hold it, and its score.
void write_significant(std::ostream& out, const SignificantTerms& terms, bool colour) {
  fmt::print(out, "{}significant terms{} (in {} best matches against {} articles, by JLH):\n", colour ? BOLD : "",
             colour ? RESET : "", terms.foreground, terms.background);
  std::vector<std::string> names;
  std::size_t widest = 0;
  for (const auto& term : terms.top) {
    const std::string name = one_line(term.label, false);
    names.push_back(term.kind == TermKind::WORD ? name : fmt::format("{} ({})", name, term_kind_name(term.kind)));
    widest = std::max(widest, columns(names.back()));
  }
  for (std::size_t i = 0; i < terms.top.size(); ++i) {
    const auto& term = terms.top[i];
    fmt::print(out, "  {}{}  {:>5} of {}, {} in the archive  {}{:.3f}{}\n", names[i],
               std::string(widest - columns(names[i]), ' '), term.foreground, terms.foreground, term.background,
               colour ? DIM : "", term.score, colour ? RESET : "");
  }
}

}  // namespace

void write_text(std::ostream& out, const SearchRequest& request, const SearchResult& result, bool colour,
                std::size_t width) {
  const std::string asked = describe_request(request);
  // Nothing asked but every article: "17999 articles in the archive".
  const std::string what = asked.empty() ? "in the archive" : asked;
  const std::string verb = asked.empty() ? "" : result.total_exact && result.total == 1 ? "matches " : "match ";
  const std::uint64_t first = std::uint64_t{request.offset} + 1;  // 64 bits: --offset 4294967295 shows 4294967296
  if (result.total == 0) {
    fmt::print(out, "No articles {}{}.\n", verb.empty() ? "" : "match ", what);
  } else if (request.limit == 0) {
    fmt::print(out, "{} {}{}.\n", count_phrase(result), verb, what);
  } else if (result.hits.empty()) {
    fmt::print(out, "{} {}{}; none from {}.\n", count_phrase(result), verb, what, first);
  } else {
    fmt::print(out, "{} {}{}; showing {}-{}:\n", count_phrase(result), verb, what, first,
               first + result.hits.size() - 1);
  }
  if (result.hits.empty() && !result.suggestion.empty())
    fmt::print(out, "Did you mean {}?\n", one_line(result.suggestion, false));
  for (const auto& hit : result.hits) {
    const std::string date = hit.article.date ? hit.article.date->to_iso() : std::string("----------");
    const std::string title = one_line(hit.article.title, false);
    const std::string similar =
        hit.similar ? fmt::format("  {}(+{} similar){}", colour ? DIM : "", hit.similar, colour ? RESET : "") : "";
    fmt::print(out, "{:>4}  {:<12} {:<10}  {:7.3f}  {}{}{}{}\n", hit.rank, one_line(hit.article.id, false), date,
               hit.score, colour ? BOLD : "", title, colour ? RESET : "", similar);
    if (!hit.snippet.empty()) fmt::print(out, "      {}{}\n", one_line(hit.snippet, colour), colour ? RESET : "");
  }
  if (result.every_word) {
    const EveryWordCount& counted = *result.every_word;
    const std::string stories = counted.stories ? fmt::format(" ({} {})", *counted.stories,
                                                              *counted.stories == 1 ? "story" : "stories")
                                                : "";
    fmt::print(out, "Counted below: the {} {}{} holding every word.\n", counted.articles,
               counted.articles == 1 ? "article" : "articles", stories);
  }
  for (const auto& facet : result.facets) {
    const std::string undated = facet.undated && *facet.undated ? fmt::format("; {} undated", *facet.undated) : "";
    fmt::print(out, "{}{}{} ({} distinct{}):", colour ? BOLD : "", facet_name(facet.facet), colour ? RESET : "",
               facet.distinct, undated);
    for (const auto& value : facet.top) fmt::print(out, "  {} {}{}{}", one_line(value.label, false),
                                                   colour ? DIM : "", value.count, colour ? RESET : "");
    out << '\n';
  }
  if (result.timeline) write_timeline(out, *result.timeline, width, colour);
  if (result.cooccurrence) write_cooccurrence(out, *result.cooccurrence, colour);
  if (result.significant) write_significant(out, *result.significant, colour);
}

namespace {

// `paragraph` (one line already) broken at spaces into lines of at most `width` columns;
// a word longer than that stands on a line of its own.
void write_wrapped(std::ostream& out, std::string_view paragraph, std::size_t width) {
  std::size_t used = 0;
  while (!paragraph.empty()) {
    const auto space = paragraph.find(' ');
    const std::string_view word = paragraph.substr(0, space);
    const std::size_t cols = columns(word);
    if (used > 0 && used + 1 + cols > width) {
      out << '\n';
      used = 0;
    }
    if (used > 0) {
      out << ' ';
      ++used;
    }
    out << word;
    used += cols;
    if (space == std::string_view::npos) break;
    paragraph.remove_prefix(space + 1);
  }
  out << '\n';
}

}  // namespace

void write_article_text(std::ostream& out, const Article& article, std::size_t width, bool colour) {
  fmt::print(out, "{}{}{}\n", colour ? BOLD : "", one_line(article.title, false), colour ? RESET : "");
  const auto field = [&](std::string_view name, const std::string& value) {
    if (!value.empty()) fmt::print(out, "{}{}:{} {}\n", colour ? DIM : "", name, colour ? RESET : "", one_line(value, false));
  };
  field("id", article.id);
  field("date", article.date ? article.date->to_iso() : std::string());
  field("source", article.source);
  field("url", article.url);
  field("language", article.language);
  field("authors", fmt::format("{}", fmt::join(article.authors, ", ")));
  field("people", fmt::format("{}", fmt::join(article.people, ", ")));
  std::vector<std::string> countries;
  for (const auto& code : article.countries) countries.push_back(CountryTable::instance().label(code, "en"));
  field("countries", fmt::format("{}", fmt::join(countries, ", ")));
  std::vector<std::string> regions;
  for (const auto& code : article.regions) regions.push_back(CountryTable::instance().region_label(code));
  field("regions", fmt::format("{}", fmt::join(regions, ", ")));
  out << '\n';
  // A paragraph ends at a blank line, where the next line is indented (wire copy wraps
  // its lines at 70 columns and indents each paragraph), or after a line too long to be
  // a wrapped one (web text puts a paragraph on a line); other line breaks only wrap.
  std::string paragraph;
  bool first = true;
  const auto flush = [&] {
    const std::string line = one_line(paragraph, false);
    paragraph.clear();
    if (line.empty()) return;
    if (!first) out << '\n';
    write_wrapped(out, line, std::max<std::size_t>(width, 20));
    first = false;
  };
  std::string_view text = article.body;
  while (!text.empty()) {
    const auto end = text.find('\n');
    const std::string_view line = text.substr(0, end);
    const bool blank = line.find_first_not_of(" \t\r") == std::string_view::npos;
    if (blank || line.front() == ' ' || line.front() == '\t') flush();
    paragraph.append(line).push_back(' ');
    if (columns(line) > 100) flush();
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
  flush();
}

}  // namespace newsdex
