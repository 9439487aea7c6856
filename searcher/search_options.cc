#include "search_options.h"

#include <algorithm>
#include <charconv>
#include <iostream>
#include <sstream>
#include <vector>

#include "cli.h"
#include "facet_values.h"
#include "graph_file.h"
#include "language.h"
#include "calendar.h"
#include "query_builder.h"

namespace po = boost::program_options;

namespace newsdex {
namespace {

constexpr const char* USAGE = R"(Usage: newsdex-search --db DIR [OPTIONS] QUERY...
       newsdex-search --db DIR [OPTIONS] --batch FILE

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

std::optional<int> parse_search_options(int argc, const char* const* argv, SearchOptions& options) {
  auto& request = options.request;
  std::string language, format = "text", sort = "relevance", recency, bm25, colour = "auto",
              facet_method = "auto", timeline, cooccur, with, facet_sort, fields, facet_by;
  std::vector<std::string> facet_lists;
  bool all_words = false, any_word = false, expand = false;
  po::options_description searching("Search options");
  searching.add_options()
      ("db,d", po::value<std::vector<std::string>>(&options.db.databases)->value_name("DIR"),
       "database directory (required); repeat it, or give a sharded index directory or a stub file "
       "(lines \"auto PATH\", \"remote HOST:PORT\"), to search several shards as one database")
      ("timeout", cli::count_value(&options.db.timeout_ms, "timeout")->value_name("MS"),
       "remote shards: give up on one that does not connect or answer within MS milliseconds (default: 10000)")
      ("allow-partial", po::bool_switch(&options.db.allow_partial),
       "answer from the shards that respond; the missing ones are named on stderr and in JSON output")
      ("limit,n", cli::count_value(&request.limit, "limit")->value_name("N"), "show at most N hits (default: 10)")
      ("offset", cli::count_value(&request.offset, "offset")->value_name("N"),
       "skip the first N hits, for paging (default: 0)")
      ("filter", po::value<std::vector<std::string>>(&request.filters)->value_name("FIELD:VALUE"),
       "only articles with this field value, without changing scores (repeatable), e.g. country:BY")
      ("since", po::value<std::string>(&request.since)->value_name("DATE"),
       "only articles published on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD)")
      ("until", po::value<std::string>(&request.until)->value_name("DATE"),
       "only articles published on or before DATE")
      ("sort", po::value<std::string>(&sort)->value_name("ORDER"),
       "relevance (default), date (oldest first) or -date (newest first)")
      ("recency", po::value<std::string>(&recency)->value_name("HALF-LIFE"),
       "blend relevance with freshness: an article HALF-LIFE older than the newest one in the "
       "index gets half the boost (e.g. 30d, 2w, 6m, 1y)")
      ("show", po::value<std::vector<std::string>>(&options.show)->multitoken()->value_name("ID..."),
       "print these articles whole (text or json/jsonl) instead of searching")
      ("like", po::value<std::string>(&request.like_id)->value_name("ID"),
       "articles like the one with this id (a QUERY, if given, filters them)")
      ("collapse", po::bool_switch(&request.collapse),
       "one hit per story: near-duplicates (copies, corrections, updates of one wire story) are "
       "shown once, the best ranked, with the number of similar articles that matched")
      ("all", po::bool_switch(&all_words),
       "every word without an operator is required (the default: articles holding any of the "
       "words, those holding more of them and rarer ones first, by BM25)")
      ("or", po::bool_switch(&any_word), "articles holding any of the words: the default, said explicitly")
      ("expand", po::bool_switch(&expand),
       "add the words that stand out in the best matches (pseudo-relevance feedback): ranks "
       "better, finds articles that hold none of the words, costs about ten times the search; "
       "with --all it only reorders the matches")
      ("bm25", po::value<std::string>(&bm25)->value_name("K1,B"),
       "BM25 parameters (default: 1.2,0.3, tuned on Reuters-21578)")
      ("language,l", po::value<std::string>(&language)->value_name("LANG"),
       "stem the query's words in this language only (default: in each language the database's "
       "articles are in, so a word finds its inflections in every one)")
      ("max-query-terms", cli::count_value(&request.query_limits.max_terms, "max-query-terms")->value_name("N"),
       ("refuse a query of more than N words, operators and field names not counted (default: " +
        std::to_string(DEFAULT_MAX_QUERY_TERMS) + ")").c_str())
      ("max-query-bytes", cli::count_value(&request.query_limits.max_bytes, "max-query-bytes")->value_name("N"),
       ("refuse a query longer than N bytes (default: " + std::to_string(DEFAULT_MAX_QUERY_BYTES) + ")").c_str());
  po::options_description facets("Facets and snippets");
  facets.add_options()
      ("facet", po::value<std::vector<std::string>>(&facet_lists)->value_name("LIST"),
       "count these over all matches: person,country,author,source,lang,year,month,day,mentioned")
      ("timeline", po::value<std::string>(&timeline)->value_name("UNIT"),
       "count the matches per day, week (ISO), month or year, in date order with empty periods "
       "shown (the undated ones apart); one series per query in a batch")
      ("cooccur", po::value<std::string>(&cooccur)->value_name("LIST"),
       "pairs of values seen together in the matches more often than chance, by log-likelihood "
       "(G²): person, country, author, source, or two of them (person,country)")
      ("with", po::value<std::string>(&with)->value_name("VALUE"),
       "with --cooccur: only the values seen with this one (of the first facet), e.g. "
       "--cooccur person --with \"Tony Blair\"")
      ("significant-terms", cli::count_value(&request.significant_terms, "significant-terms")->value_name("N"),
       "the N words, people and countries most over-represented in the best 100 matches "
       "against the whole archive (JLH score)")
      ("facet-by", po::value<std::string>(&facet_by)->value_name("WHAT"),
       "article (default) or story: facets and timelines count each story once, however many "
       "of its copies matched")
      ("chart", po::value<std::string>(&options.chart)->value_name("FILE.svg"),
       "with --timeline: draw it as an SVG chart (a batch: one line per query)")
      ("graph", po::value<std::string>(&options.graph)->value_name("FILE"),
       "with --cooccur: write the network of the pairs listed, for Graphviz (.dot), Gephi (.graphml) "
       "or scripts (.json)")
      ("facet-limit", cli::count_value(&request.facets.limit, "facet-limit")->value_name("N"),
       "show the top N values of each facet, or pairs (default: 10)")
      ("facet-sort", po::value<std::string>(&facet_sort)->value_name("ORDER"),
       "list each facet's top values by count (highest first) or by value (dates in date order); "
       "default: dates by value, the others by count")
      ("facet-method", po::value<std::string>(&facet_method)->value_name("HOW"),
       "auto (default), columns (in-memory, fastest for many queries) or slots (Xapian's "
       "ValueCountMatchSpy); the counts are the same")
      ("locale", po::value<std::string>(&request.locale)->value_name("LOCALE"),
       "language of country names in facets, an ICU locale such as de or fr_CA (default: en)")
      ("snippet-length", cli::count_value(&request.snippet_length, "snippet-length")->value_name("N"),
       "snippet length in characters, 0 for none (default: 180)");
  po::options_description output("Output and batches");
  output.add_options()
      ("format,f", po::value<std::string>(&format)->value_name("FORMAT"),
       "text (default), json, jsonl, trec, or csv (RFC 4180 tables: hits, facets, timeline, pairs, terms)")
      ("fields", po::value<std::string>(&fields)->value_name("LIST"),
       ("what each hit carries in json, jsonl and csv, in this order: " + hit_field_names()).c_str())
      ("color", po::value<std::string>(&colour)->value_name("WHEN"), "auto (default: on a terminal), always, never")
      ("batch", po::value<std::string>(&options.batch)->value_name("FILE"),
       "run the queries of FILE (- for standard input), one per line")
      ("threads,j", cli::count_value(&options.threads, "threads")->value_name("N"), "batch threads (default: all cores)")
      ("timings", po::value<std::string>(&options.timings)->value_name("FILE"),
       "write each batch query's search time to FILE: \"qid<TAB>microseconds\" lines");

  po::options_description hidden;
  std::vector<std::string> words;
  hidden.add_options()("query", po::value<std::vector<std::string>>(&words));
  po::positional_options_description positional;
  positional.add("query", -1);

  po::options_description visible;
  visible.add(searching).add(facets).add(output).add(cli::common_options());
  po::options_description all;
  all.add(visible).add(hidden);

  po::variables_map vm;
  try {
    po::store(po::command_line_parser(argc, argv).options(all).positional(positional).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    std::cerr << "newsdex-search: error parsing command line: " << e.what() << "\n"
              << "Try 'newsdex-search --help'.\n";
    return cli::EXIT_USAGE_ERROR;
  }
  if (vm.count("help")) {
    std::ostringstream help;
    help << USAGE << "\n" << visible << "\n";
    return cli::print_to_stdout("newsdex-search", help.str());
  }
  if (vm.count("version")) return cli::print_to_stdout("newsdex-search", cli::version_line("newsdex-search") + "\n");
  cli::configure_logging(vm, "newsdex-search");

  auto usage_error = [](const std::string& message) {
    std::cerr << "newsdex-search: " << message << "\nTry 'newsdex-search --help'.\n";
    return cli::EXIT_USAGE_ERROR;
  };
  if (options.db.databases.empty()) return usage_error("--db DIR is required");
  if (options.db.timeout_ms == 0) return usage_error("--timeout must be at least 1 (milliseconds)");
  if (request.query_limits.max_terms == 0) return usage_error("--max-query-terms must be at least 1");
  if (request.query_limits.max_bytes == 0) return usage_error("--max-query-bytes must be at least 1");
  for (const auto& word : words) {
    if (!request.query.empty()) request.query += ' ';
    request.query += word;
  }
  if (!with.empty() && cooccur.empty()) return usage_error("--with names a value of the --cooccur facet: give --cooccur too");
  if (!options.show.empty() && (!words.empty() || !options.batch.empty()))
    return usage_error("--show takes ids alone, without --batch");
  if (options.show.empty() && options.batch.empty() && request.query.empty() && request.like_id.empty() &&
      request.filters.empty() && facet_lists.empty() && timeline.empty() && cooccur.empty())
    return usage_error("no QUERY given ('*' stands for every article)");
  if (!options.batch.empty() && !request.query.empty())
    return usage_error("give either QUERY or --batch FILE, not both");
  if (all_words && any_word) return usage_error("--all and --or contradict each other: give one");
  request.default_or = !all_words;
  if (expand) request.expansion = all_words ? Expansion::REORDER : Expansion::WIDEN;
  request.language = language.empty() ? std::string() : language_code(language);
  if (!language.empty() && request.language.empty()) return usage_error("unknown --language '" + language + "'");

  const auto output_format = output_format_from_name(format);
  if (!output_format) return usage_error("unknown --format '" + format + "' (text, json, jsonl, trec or csv)");
  options.format = *output_format;
  if (!fields.empty()) {
    if (options.format == OutputFormat::TEXT || options.format == OutputFormat::TREC)
      return usage_error("--fields chooses what json, jsonl and csv hits carry");
    try {
      options.fields = parse_hit_fields(fields);
      request.story_keys = std::find(options.fields.begin(), options.fields.end(), HitField::STORY) != options.fields.end();
    } catch (const std::invalid_argument& e) {
      return usage_error(std::string("--fields: ") + e.what());
    }
  }
  if (!options.show.empty() && (options.format == OutputFormat::TREC || options.format == OutputFormat::CSV))
    return usage_error("--show prints text, json or jsonl");
  if (colour == "auto") options.colour = ColourMode::AUTO;
  else if (colour == "always") options.colour = ColourMode::ALWAYS;
  else if (colour == "never") options.colour = ColourMode::NEVER;
  else return usage_error("unknown --color '" + colour + "' (auto, always or never)");

  if (const auto order = sort_order_from_name(sort)) request.sort = *order;
  else return usage_error("unknown --sort '" + sort + "' (relevance, date or -date)");

  if (!recency.empty()) {
    const auto days = parse_half_life(recency);
    if (!days) return usage_error("bad --recency '" + recency + "' (e.g. 30d, 2w, 6m, 1y)");
    request.recency_half_life_days = *days;
  }
  if (!bm25.empty()) {
    const auto parameters = parse_bm25(bm25);
    if (!parameters) return usage_error("bad --bm25 '" + bm25 + "' (K1,B with 0 <= K1 <= 1000 and 0 <= B <= 1)");
    std::tie(request.bm25_k1, request.bm25_b) = *parameters;
  }
  for (const auto& list : facet_lists) {
    for (const std::string_view name : cli::comma_list(list)) {
      const auto facet = facet_from_name(name);
      if (!facet)
        return usage_error("unknown facet '" + std::string(name) + "' (" + std::string(FACET_NAMES) + ")");
      request.facets.facets.push_back(*facet);
    }
  }
  if (!timeline.empty()) {
    request.timeline = timeline_unit_from_name(timeline);
    if (!request.timeline) return usage_error("unknown --timeline '" + timeline + "' (day, week, month or year)");
  }
  if (!cooccur.empty()) {
    try {
      request.cooccur = parse_cooccur(cooccur, with);
    } catch (const std::invalid_argument& e) {
      return usage_error(std::string("--cooccur: ") + e.what());
    }
  }
  if (!options.chart.empty()) {
    if (!request.timeline) return usage_error("--chart draws a timeline: give --timeline too");
    if (options.chart.size() < 4 || options.chart.substr(options.chart.size() - 4) != ".svg")
      return usage_error("--chart writes SVG: name a file ending in .svg");
  }
  if (!options.graph.empty()) {
    if (!request.cooccur) return usage_error("--graph writes the pairs of --cooccur: give --cooccur too");
    if (!options.batch.empty()) return usage_error("--graph writes one search's network, not a batch's");
    if (!graph_format_for(options.graph))
      return usage_error("--graph: name a file ending in .dot, .gv, .graphml or .json");
  }
  if (!facet_by.empty()) {
    if (facet_by != "story" && facet_by != "article")
      return usage_error("unknown --facet-by '" + facet_by + "' (article or story)");
    request.facet_by_story = facet_by == "story";
  }
  if (!facet_sort.empty()) {
    request.facet_sort = facet_sort_from_name(facet_sort);
    if (!request.facet_sort) return usage_error("unknown --facet-sort '" + facet_sort + "' (count or value)");
  }
  if (facet_method == "auto") request.facet_method = FacetMethod::AUTO;
  else if (facet_method == "columns") request.facet_method = FacetMethod::COLUMNS;
  else if (facet_method == "slots") request.facet_method = FacetMethod::SLOTS;
  else return usage_error("unknown --facet-method '" + facet_method + "' (auto, columns or slots)");
  if (!request.since.empty() && !parse_day_range(request.since)) return usage_error("bad --since '" + request.since + "'");
  if (!request.until.empty() && !parse_day_range(request.until)) return usage_error("bad --until '" + request.until + "'");
  return std::nullopt;
}

}  // namespace newsdex
