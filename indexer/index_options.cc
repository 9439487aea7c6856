#include "index_options.h"

#include <algorithm>
#include <charconv>
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli.h"
#include "record_fields.h"
#include "language.h"

namespace po = boost::program_options;

namespace newsdex {
namespace {

constexpr const char* USAGE = R"(Usage: newsdex-index --db DIR [OPTIONS] INPUT...
       newsdex-index --extract [OPTIONS] INPUT...

       newsdex-index --db DIR --delete ID...
       newsdex-index --db NEW_DIR --reshard SOURCE... [--shards N]

Reads news articles and writes them into a Xapian database at DIR (created if needed).
Indexing an article whose id is already in the database replaces it; --delete removes
articles by id. Analysis runs on every core; the database is committed every
--commit-every articles or --commit-interval seconds and at the end. Ctrl-C commits what
is done and stops; running the same command again completes the job.

INPUT is a file, a directory (walked recursively), or - for standard input.
Files ending in .gz are decompressed. Formats are detected from the name and content:
  plain     one article per file: optional "- Name and Name" byline lines, optional
            "Key: value" header (Title, Date, Author, Source, URL, Language, Id) and a
            blank line; otherwise the first line is the title
  jsonl     JSON Lines, one article per line (.jsonl, .ndjson, .json, or a first line
            starting with "{"); common field names are understood, --field maps others
  csv       CSV or TSV (.csv, .tsv), one article per row under a header row naming the
            columns as JSON Lines fields are named (text,category works); --field maps
            others, --csv-delimiter sets the delimiter
  reuters   Reuters-21578, SGML (reut2-NNN.sgm) or XML (reut2-NNN.xml)
  trec      TREC <DOC> newswire files (AP, WSJ, FT, LA Times): DOCNO, HEADLINE/HL/HEAD,
            TEXT, DATE/DD
Plain text is a name without extension, or ending .txt or .text; any other file that
no format claims (notes.md, a binary) is skipped with an error; --format reads it.

Examples:
  newsdex-index --db news.db seeds/
  newsdex-index --db news.db --format reuters corpus/reut2-000.xml
  newsdex-index --db news.db --field title=headline --field body=story crawl.jsonl.gz
  zcat archive.txt.gz | newsdex-index --db news.db --format plain -
  newsdex-index --db news.db --csv-delimiter ';' --field body=story export.csv
  newsdex-index --db news.db --delete wire-42 wire-43
  newsdex-index --db news.idx --shards 4 corpus/      (4 shards, written in parallel)
  newsdex-index --db one.db --reshard news.idx        (merge shards into one database)
  newsdex-index --db four.idx --reshard news.db --shards 4   (split a database)

Exit status: 0 success, 1 runtime error (or input problems with --strict), 2 usage error.
)";

}  // namespace

std::optional<std::size_t> parse_byte_size(const std::string& text) {
  std::size_t value = 0;
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (ec != std::errc{} || ptr == text.data()) return std::nullopt;
  std::size_t scale = 1;
  if (ptr != end) {
    switch (*ptr) {
      case 'k': case 'K': scale = 1u << 10; break;
      case 'm': case 'M': scale = 1u << 20; break;
      case 'g': case 'G': scale = 1u << 30; break;
      default: return std::nullopt;
    }
    if (++ptr != end && !(*ptr == 'B' || *ptr == 'b' || *ptr == 'i')) return std::nullopt;
  }
  return value * scale;
}

std::optional<int> parse_index_options(int argc, const char* const* argv, IndexOptions& options) {
  po::options_description indexing("Indexing options");
  std::string format;
  std::string language = "english";
  bool no_detect_language = false;
  std::vector<std::string> fields;
  std::string max_record = "16M";
  std::string csv_delimiter;
  auto& pipeline = options.pipeline;
  indexing.add_options()
      ("db,d", po::value<std::string>(&options.db)->value_name("DIR"), "database directory (required)")
      ("format,f", po::value<std::string>(&format)->value_name("NAME"),
       "input format: plain, jsonl, csv, reuters, trec (default: detect per file)")
      ("field", po::value<std::vector<std::string>>(&fields)->value_name("FIELD=NAME"),
       "JSON Lines and CSV: read article FIELD (id, title, body, date, authors, url, source, language, "
       "dateline, people, countries, topics) from the record's NAME (a CSV column; in JSON a dotted "
       "path reaches into objects); repeatable")
      ("csv-delimiter", po::value<std::string>(&csv_delimiter)->value_name("CHAR"),
       "CSV: the field delimiter, one character or \\t (default: a tab for .tsv files, else guessed "
       "from the header line: ',', ';' or a tab)")
      ("delete", po::value<std::vector<std::string>>(&options.deletions)->multitoken()->value_name("ID..."),
       "remove the articles with these ids")
      ("language,l", po::value<std::string>(&language)->value_name("LANG"),
       "language of articles that do not name one and whose language is not detected with "
       "confidence, for stemming (default: english)")
      ("no-detect-language", po::bool_switch(&no_detect_language),
       "do not detect the language of articles that do not name one: give them --language")
      ("threads,j", po::value<unsigned>(&pipeline.threads)->value_name("N"),
       "analysis threads (default: one per core)")
      ("commit-every", po::value<std::size_t>(&pipeline.commit_every)->value_name("N"),
       "commit after every N articles (default: 250000)")
      ("commit-interval", po::value<double>(&pipeline.commit_seconds)->value_name("SECONDS"),
       "commit at least this often while articles arrive (default: 300)")
      ("max-record-size", po::value<std::string>(&max_record)->value_name("BYTES"),
       "skip (with an error) any record longer than this: a JSON line, a <DOC> or <REUTERS> "
       "record, a plain-text file; suffixes K, M, G (default: 16M)")
      ("people", po::value<std::string>(&options.pipeline.people_file)->value_name("FILE"),
       "canonical names for extracted people: one person per line, \"Name | alias | alias\"")
      ("no-entities", "skip entity extraction (people, countries, dates mentioned); for measuring its cost")
      ("strict", po::bool_switch(&options.strict), "treat any input problem as a failure (exit 1)")
      ("shards", po::value<unsigned>(&options.shards)->value_name("N"),
       "a new DIR: write N shard databases DIR/shard-K and a stub DIR/XAPIANDB listing them, each "
       "article in shard hash(id) mod N; an existing DIR keeps its shard count (default: 1, one database)")
      ("reshard", po::value<std::vector<std::string>>(&options.reshard)->multitoken()->value_name("SOURCE..."),
       "copy every article of these databases (databases, sharded indexes, stub files) into the new "
       "DIR with --shards N shards (default 1: merged by Xapian's compactor)")
      ("extract", po::bool_switch(&options.pipeline.extract_only),
       "write nothing; print one JSON line per article with the people, countries and dates found");
  po::options_description hidden;
  hidden.add_options()("input", po::value<std::vector<std::string>>(&options.inputs));
  po::positional_options_description positional;
  positional.add("input", -1);

  po::options_description visible;
  visible.add(indexing).add(cli::common_options());
  po::options_description all;
  all.add(visible).add(hidden);

  po::variables_map vm;
  try {
    po::store(po::command_line_parser(argc, argv).options(all).positional(positional).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    std::cerr << "newsdex-index: error parsing command line: " << e.what() << "\n"
              << "Try 'newsdex-index --help'.\n";
    return cli::EXIT_USAGE_ERROR;
  }
  if (vm.count("help")) {
    std::ostringstream help;
    help << USAGE << "\n" << visible << "\n";
    return cli::print_to_stdout("newsdex-index", help.str());
  }
  if (vm.count("version")) return cli::print_to_stdout("newsdex-index", cli::version_line("newsdex-index") + "\n");
  cli::configure_logging(vm, "newsdex-index");

  auto usage_error = [](const std::string& message) {
    std::cerr << "newsdex-index: " << message << "\nTry 'newsdex-index --help'.\n";
    return cli::EXIT_USAGE_ERROR;
  };
  if (options.db.empty() && !options.pipeline.extract_only) return usage_error("--db DIR is required");
  if (!options.reshard.empty() && (!options.inputs.empty() || !options.deletions.empty()))
    return usage_error("--reshard copies databases: give no INPUT and no --delete with it");
  if (vm.count("shards") && options.shards == 0) return usage_error("--shards must be at least 1");
  if (options.inputs.empty() && options.deletions.empty() && options.reshard.empty())
    return usage_error("no INPUT given");
  if (options.pipeline.extract_only && !options.deletions.empty())
    return usage_error("--delete needs a database, not --extract");
  for (const auto& mapping : fields) {
    const auto equals = mapping.find('=');
    const std::string field = mapping.substr(0, equals);
    const auto& known = article_field_names();
    const bool alias = field == "author" || field == "text";
    if (equals == std::string::npos || equals + 1 == mapping.size() ||
        (!alias && std::find(known.begin(), known.end(), field) == known.end()))
      return usage_error("bad --field '" + mapping + "': expected FIELD=NAME with FIELD one of id, title, body, "
                         "date, authors, url, source, language, dateline, people, countries, topics");
    pipeline.reader.fields[field] = mapping.substr(equals + 1);
  }
  if (vm.count("csv-delimiter")) {
    if (csv_delimiter == "\\t" || csv_delimiter == "tab") csv_delimiter = "\t";
    if (csv_delimiter.size() != 1 || csv_delimiter == "\"" || csv_delimiter == "\n" || csv_delimiter == "\r")
      return usage_error("bad --csv-delimiter '" + csv_delimiter + "': expected one character other than a quote or newline, or \\t");
    pipeline.reader.csv_delimiter = csv_delimiter[0];
  }
  const auto max_bytes = parse_byte_size(max_record);
  if (!max_bytes || *max_bytes == 0) return usage_error("bad --max-record-size '" + max_record + "'");
  pipeline.reader.max_record_bytes = *max_bytes;
  if (pipeline.commit_every == 0) return usage_error("--commit-every must be at least 1");
  if (!(pipeline.commit_seconds > 0)) return usage_error("--commit-interval must be positive");
  pipeline.show_progress = !(vm.count("quiet") && vm["quiet"].as<bool>());
  if (!format.empty()) {
    options.pipeline.format = parse_input_format(format);
    if (!options.pipeline.format) return usage_error("unknown --format '" + format + "'");
  }
  if (!options.pipeline.people_file.empty() && !std::ifstream(options.pipeline.people_file))
    return usage_error("cannot read --people file '" + options.pipeline.people_file + "'");
  options.pipeline.extract_entities = vm.count("no-entities") == 0;
  options.pipeline.default_language = language_code(language);
  options.pipeline.detect_language = !no_detect_language;
  if (options.pipeline.default_language.empty()) return usage_error("unknown --language '" + language + "'");
  return std::nullopt;
}

}  // namespace newsdex
