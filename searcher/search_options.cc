#include "search_options.h"

#include <algorithm>
#include <charconv>
#include <iostream>
#include <sstream>
#include <vector>

#include "cli/cli.h"
#include "core/calendar.h"
#include "graph_file.h"
#include "reader_options.h"
#include "storage/facet_values.h"

namespace po = boost::program_options;

namespace newsdex {
namespace {

constexpr const char* USAGE = R"(Usage: newsdex-search --db DIR [OPTIONS] QUERY...
   or: newsdex-search --db DIR [OPTIONS] --batch FILE

Searches a database written by newsdex-index and prints the best-ranked articles (BM25,
title matches above body matches), with snippets and, if asked, exact facet counts.
Words of QUERY are analysed exactly as articles were (case, accents and word forms do
not matter). QUERY understands Xapian's query syntax:
  words            any may match, more first:    grain embargo   (--all: all must match)
  "a phrase"       words in this order:          "peace plan"
  AND, OR, NOT     combine; brackets group:      (cocoa OR coffee) AND brazil
  +word, -word     required, excluded:           cocoa -brazil
  NEAR             words close together:         china NEAR belarus
  word*            any word that starts so:      ukrain*
Fields:
  title:WORD       in the title                  title:embargo
  person:NAME      full name or surname          person:lukashenko  person:"alexander lukashenko"
  country:NAME     code, name, adjective, or a   country:BY  country:Belarus  country:Belarusian
                   name in another language      country:Weißrussland
  region:NAME      a UK nation, US state or      region:scotland  region:GB-SCT  region:Calif.
                   a region of another country
  author:NAME  source:NAME  lang:CODE            author:"tessa wong"  source:reuters  lang:en
  date:WHEN        a year, month, day or range   date:2023  date:2023-03  date:2023-03-01..2023-03-31

Examples:
  newsdex-search --db news.db Lukashenko
  newsdex-search --db news.db '"cocoa crop" brazil' --limit 5
  newsdex-search --db news.db 'grain embargo' --facet country,person,month --since 2023-01
  newsdex-search --db news.db --like 000_350c6e58df6e67c7
  newsdex-search --db news.db --show 000_350c6e58df6e67c7 144      (whole articles)
  newsdex-search --db news.db --facet person --filter country:BY   (every article, '*', narrowed)
  newsdex-search --db news.db yukos --timeline month --limit 0        (matches per month)
  newsdex-search --db news.db --cooccur person --with "Tony Blair"  (who appears with one person)
  newsdex-search --db news.db --batch topics.tsv --format trec > run.txt
  newsdex-search --db shards.stub --timeout 2000 --allow-partial oil   (shards, some remote)

Batch lines are "qid<TAB>query" or JSON objects such as
  {"qid": "q1", "query": "oil", "filters": ["country:SA"], "facets": ["person"], "limit": 5,
   "timeline": "month"}
and results are written in input order; a bad query gets an error record of its own.

Exit status: 0 success (also when nothing matches), 1 runtime error (e.g. missing
database, a shard that failed, even in a batch), 2 usage error or malformed query (in a
batch: when any query or line was malformed).
)";

constexpr double MAX_BM25_K1 = 1000;

std::optional<std::pair<double, double>> parse_bm25(const std::string& text) {
  const auto comma = text.find(',');
  if (comma == std::string::npos) return std::nullopt;
  try {
    std::size_t used = 0;
    const double k1 = std::stod(text.substr(0, comma), &used);
    if (used != comma) return std::nullopt;
    const std::string rest = text.substr(comma + 1);
    const double b = std::stod(rest, &used);
    // Past these the scores are not numbers (nan, inf) or not comparable; Lucene and
    // Xapian both document k1 in about [0, 3] as the useful range.
    if (used != rest.size() || !(k1 >= 0 && k1 <= MAX_BM25_K1) || !(b >= 0 && b <= 1)) return std::nullopt;
    return std::pair{k1, b};
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

}  // namespace

std::optional<double> parse_half_life(std::string_view text) {
  if (text.empty()) return std::nullopt;
  double unit = 1;
  switch (text.back()) {
    case 'd': unit = 1; text.remove_suffix(1); break;
    case 'w': unit = 7; text.remove_suffix(1); break;
    case 'm': unit = 30; text.remove_suffix(1); break;
    case 'y': unit = 365; text.remove_suffix(1); break;
    default: break;
  }
  double value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || !(value > 0)) return std::nullopt;
  return value * unit;
}

namespace {

// The values the command line gives as text, before they are checked and turned into
// SearchOptions.
struct SearchArguments {
  std::string language, format = "text", sort = "relevance", recency, bm25, colour = "auto",
              facet_method = "auto", timeline, cooccur, with, facet_sort, fields, facet_by;
  std::vector<std::string> facet_lists;
  std::vector<std::string> words;
  bool all_words = false, any_word = false, expand = false;
};

cli::CommandLine search_command_line(SearchArguments& args, SearchOptions& options) {
  auto& request = options.request;
  po::options_description searching("Search options");
  add_database_options(searching, options.db);
  searching.add_options()
      ("limit,n", cli::count_value(&request.limit, "limit")->value_name("N"), "show at most N hits (default: 10)")
      ("offset", cli::count_value(&request.offset, "offset")->value_name("N"),
       "skip the first N hits, for paging (default: 0)")
      ("filter", po::value<std::vector<std::string>>(&request.filters)->value_name("FIELD:VALUE"),
       "only articles with this field value, without changing scores (repeatable), e.g. country:BY")
      ("since", po::value<std::string>(&request.since)->value_name("DATE"),
       "only articles published on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD)")
      ("until", po::value<std::string>(&request.until)->value_name("DATE"),
       "only articles published on or before DATE")
      ("sort", po::value<std::string>(&args.sort)->value_name("ORDER"),
       "relevance (default), date (oldest first) or -date (newest first)")
      ("recency", po::value<std::string>(&args.recency)->value_name("HALF-LIFE"),
       "blend relevance with freshness: an article HALF-LIFE older than the newest one in the "
       "index gets half the boost (e.g. 30d, 2w, 6m, 1y)")
      ("show", po::value<std::vector<std::string>>(&options.show)->multitoken()->value_name("ID..."),
       "print these articles whole (text or json/jsonl) instead of searching")
      ("like", po::value<std::string>(&request.like_id)->value_name("ID"),
       "articles like the one with this id (a QUERY, if given, filters them)")
      ("collapse", po::bool_switch(&request.collapse),
       "one hit per story: near-duplicates (copies, corrections, updates of one wire story) are "
       "shown once, the best ranked, with the number of similar articles that matched")
      ("all", po::bool_switch(&args.all_words),
       "every word without an operator is required (the default: articles holding any of the "
       "words, those holding more of them and rarer ones first, by BM25)")
      ("or", po::bool_switch(&args.any_word), "articles holding any of the words: the default, said explicitly")
      ("expand", po::bool_switch(&args.expand),
       "add the words that stand out in the best matches (pseudo-relevance feedback): ranks "
       "better, finds articles that hold none of the words, costs about ten times the search; "
       "with --all it only reorders the matches")
      ("bm25", po::value<std::string>(&args.bm25)->value_name("K1,B"),
       "BM25 parameters (default: 1.2,0.3, tuned on Reuters-21578)");
  cli::add_language_option(searching, &args.language,
                           "stem the query's words in this language only (default: in each language the "
                           "database's articles are in, so a word finds its inflections in every one)");
  add_query_limit_options(searching, request.query_limits);
  po::options_description facets("Facets and snippets");
  facets.add_options()
      ("facet", po::value<std::vector<std::string>>(&args.facet_lists)->value_name("LIST"),
       "count these over all matches (those holding every word, when some do): "
       "person,country,region,author,source,lang,year,month,day,mentioned")
      ("timeline", po::value<std::string>(&args.timeline)->value_name("UNIT"),
       "count the matches per day, week (ISO), month or year, in date order with empty periods "
       "shown (the undated ones apart); one series per query in a batch")
      ("cooccur", po::value<std::string>(&args.cooccur)->value_name("LIST"),
       "pairs of values seen together in the matches more often than chance, by log-likelihood "
       "(G²): person, country, region, author, source, or two of them (person,country)")
      ("with", po::value<std::string>(&args.with)->value_name("VALUE"),
       "with --cooccur: only the values seen with this one (of the first facet), e.g. "
       "--cooccur person --with \"Tony Blair\"")
      ("significant-terms", cli::count_value(&request.significant_terms, "significant-terms")->value_name("N"),
       "the N words, people and countries most over-represented in the best 100 matches "
       "against the whole archive (JLH score)")
      ("facet-by", po::value<std::string>(&args.facet_by)->value_name("WHAT"),
       "article (default) or story: facets and timelines count each story once, however many "
       "of its copies matched")
      ("chart", po::value<std::string>(&options.chart)->value_name("FILE.svg"),
       "with --timeline: draw it as an SVG chart (a batch: one line per query)")
      ("graph", po::value<std::string>(&options.graph)->value_name("FILE"),
       "with --cooccur: write the network of the pairs listed, for Graphviz (.dot), Gephi (.graphml) "
       "or scripts (.json)")
      ("facet-limit", cli::count_value(&request.facets.limit, "facet-limit")->value_name("N"),
       "show the top N values of each facet, or pairs (default: 10)")
      ("facet-sort", po::value<std::string>(&args.facet_sort)->value_name("ORDER"),
       "list each facet's top values by count (highest first) or by value (dates in date order); "
       "default: dates by value, the others by count")
      ("facet-method", po::value<std::string>(&args.facet_method)->value_name("HOW"),
       "auto (default), columns (by document id, from the file the indexer writes, or read "
       "into memory) or slots (Xapian's ValueCountMatchSpy); the counts are the same")
      ("locale", po::value<std::string>(&request.locale)->value_name("LOCALE"),
       "language of country names in facets, an ICU locale such as de or fr_CA (default: en)")
      ("snippet-length", cli::count_value(&request.snippet_length, "snippet-length")->value_name("N"),
       "snippet length in characters, 0 for none (default: 180)");
  po::options_description output("Output and batches");
  output.add_options()
      ("format,f", po::value<std::string>(&args.format)->value_name("FORMAT"),
       "text (default), json, jsonl, trec, or csv (RFC 4180 tables: hits, facets, timeline, pairs, terms)")
      ("fields", po::value<std::string>(&args.fields)->value_name("LIST"),
       ("what each hit carries in json, jsonl and csv, in this order: " + hit_field_names()).c_str())
      ("color", po::value<std::string>(&args.colour)->value_name("WHEN"), "auto (default: on a terminal), always, never")
      ("batch", po::value<std::string>(&options.batch)->value_name("FILE"),
       "run the queries of FILE (- for standard input), one per line")
      ("timings", po::value<std::string>(&options.timings)->value_name("FILE"),
       "write each batch query's search time to FILE: \"qid<TAB>microseconds\" lines");
  cli::add_threads_option(output, &options.threads, "batch threads (default: all cores)");

  cli::CommandLine line{"newsdex-search", USAGE, {searching, facets, output}, {}, {}};
  line.hidden.add_options()("query", po::value<std::vector<std::string>>(&args.words));
  line.positional.add("query", -1);
  return line;
}

// The query, how its words combine, and what it may cost; "" or the usage error.
std::string settle_query(const SearchArguments& args, SearchOptions& options) {
  auto& request = options.request;
  if (auto problem = check_reader_options(options.db, request.query_limits); !problem.empty()) return problem;
  for (const auto& word : args.words) {
    if (!request.query.empty()) request.query += ' ';
    request.query += word;
  }
  if (!args.with.empty() && args.cooccur.empty()) return "--with names a value of the --cooccur facet: give --cooccur too";
  if (!options.show.empty() && (!args.words.empty() || !options.batch.empty()))
    return "--show takes ids alone, without --batch";
  if (options.show.empty() && options.batch.empty() && request.query.empty() && request.like_id.empty() &&
      request.filters.empty() && args.facet_lists.empty() && args.timeline.empty() && args.cooccur.empty())
    return "no QUERY given ('*' stands for every article)";
  if (!options.batch.empty() && !request.query.empty()) return "give either QUERY or --batch FILE, not both";
  if (args.all_words && args.any_word) return "--all and --or contradict each other: give one";
  request.default_or = !args.all_words;
  if (args.expand) request.expansion = args.all_words ? Expansion::REORDER : Expansion::WIDEN;
  if (auto problem = cli::settle_language(args.language, request.language); !problem.empty()) return problem;
  if (const auto order = sort_order_from_name(args.sort)) request.sort = *order;
  else return "unknown --sort '" + args.sort + "' (relevance, date or -date)";
  if (!args.recency.empty()) {
    const auto days = parse_half_life(args.recency);
    if (!days) return "bad --recency '" + args.recency + "' (e.g. 30d, 2w, 6m, 1y)";
    request.recency_half_life_days = *days;
  }
  if (!args.bm25.empty()) {
    const auto parameters = parse_bm25(args.bm25);
    if (!parameters) return "bad --bm25 '" + args.bm25 + "' (K1,B with 0 <= K1 <= 1000 and 0 <= B <= 1)";
    std::tie(request.bm25_k1, request.bm25_b) = *parameters;
  }
  if (!request.since.empty() && !parse_day_range(request.since)) return "bad --since '" + request.since + "'";
  if (!request.until.empty() && !parse_day_range(request.until)) return "bad --until '" + request.until + "'";
  return "";
}

// The output format, the fields of a hit and colour; "" or the usage error.
std::string settle_output(const SearchArguments& args, SearchOptions& options) {
  const auto output_format = output_format_from_name(args.format);
  if (!output_format) return "unknown --format '" + args.format + "' (text, json, jsonl, trec or csv)";
  options.format = *output_format;
  if (!args.fields.empty()) {
    if (options.format == OutputFormat::TEXT || options.format == OutputFormat::TREC)
      return "--fields chooses what json, jsonl and csv hits carry";
    try {
      options.fields = parse_hit_fields(args.fields);
      options.request.story_keys =
          std::find(options.fields.begin(), options.fields.end(), HitField::STORY) != options.fields.end();
    } catch (const std::invalid_argument& e) {
      return std::string("--fields: ") + e.what();
    }
  }
  if (!options.show.empty() && (options.format == OutputFormat::TREC || options.format == OutputFormat::CSV))
    return "--show prints text, json or jsonl";
  if (args.colour == "auto") options.colour = ColourMode::AUTO;
  else if (args.colour == "always") options.colour = ColourMode::ALWAYS;
  else if (args.colour == "never") options.colour = ColourMode::NEVER;
  else return "unknown --color '" + args.colour + "' (auto, always or never)";
  return "";
}

// What is counted over the matches (facets, timeline, pairs) and drawn; "" or the usage error.
std::string settle_counts(const SearchArguments& args, SearchOptions& options) {
  auto& request = options.request;
  for (const auto& list : args.facet_lists) {
    for (const std::string_view name : cli::comma_list(list)) {
      const auto facet = facet_from_name(name);
      if (!facet) return "unknown facet '" + std::string(name) + "' (" + std::string(FACET_NAMES) + ")";
      request.facets.facets.push_back(*facet);
    }
  }
  if (!args.timeline.empty()) {
    request.timeline = timeline_unit_from_name(args.timeline);
    if (!request.timeline) return "unknown --timeline '" + args.timeline + "' (day, week, month or year)";
  }
  if (!args.cooccur.empty()) {
    try {
      request.cooccur = parse_cooccur(args.cooccur, args.with);
    } catch (const std::invalid_argument& e) {
      return std::string("--cooccur: ") + e.what();
    }
  }
  if (!options.chart.empty()) {
    if (!request.timeline) return "--chart draws a timeline: give --timeline too";
    if (options.chart.size() < 4 || options.chart.substr(options.chart.size() - 4) != ".svg")
      return "--chart writes SVG: name a file ending in .svg";
  }
  if (!options.graph.empty()) {
    if (!request.cooccur) return "--graph writes the pairs of --cooccur: give --cooccur too";
    if (!options.batch.empty()) return "--graph writes one search's network, not a batch's";
    if (!graph_format_for(options.graph)) return "--graph: name a file ending in .dot, .gv, .graphml or .json";
  }
  if (!args.facet_by.empty()) {
    const auto by_story = facet_by_story_from_name(args.facet_by);
    if (!by_story) return "unknown --facet-by '" + args.facet_by + "' (article or story)";
    request.facet_by_story = *by_story;
  }
  if (!args.facet_sort.empty()) {
    request.facet_sort = facet_sort_from_name(args.facet_sort);
    if (!request.facet_sort) return "unknown --facet-sort '" + args.facet_sort + "' (count or value)";
  }
  const auto method = facet_method_from_name(args.facet_method);
  if (!method) return "unknown --facet-method '" + args.facet_method + "' (auto, columns or slots)";
  request.facet_method = *method;
  return "";
}

}  // namespace

std::optional<int> parse_search_options(int argc, const char* const* argv, SearchOptions& options) {
  SearchArguments args;
  const cli::CommandLine line = search_command_line(args, options);
  po::variables_map vm;
  if (const auto exit_code = cli::parse_command_line(argc, argv, line, vm)) return exit_code;
  for (const auto settle : {settle_query, settle_output, settle_counts})
    if (const std::string problem = settle(args, options); !problem.empty()) return cli::usage_error(line.program, problem);
  return std::nullopt;
}

}  // namespace newsdex
