#include "index_options.h"

#include <algorithm>
#include <charconv>
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/cli.h"
#include "record_fields.h"

namespace po = boost::program_options;

namespace newsdex {
namespace {

constexpr const char* USAGE = R"(Usage: newsdex-index --db DIR [OPTIONS] INPUT...
   or: newsdex-index --extract [OPTIONS] INPUT...
   or: newsdex-index --db DIR --delete ID...
   or: newsdex-index --db NEW_DIR --reshard SOURCE... [--shards N]

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

Exit status: 0 success, 1 runtime error (or no named input exists, or input problems with
--strict), 2 usage error.
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

namespace {

// The values the command line gives as text, before they are checked and turned into
// IndexOptions.
struct IndexArguments {
  std::string format;
  std::string language = "english";
  bool no_detect_language = false;
  std::vector<std::string> fields;
  std::string max_record = "16M";
  std::string csv_delimiter;
};

cli::CommandLine index_command_line(IndexArguments& args, IndexOptions& options) {
  auto& pipeline = options.pipeline;
  po::options_description indexing("Indexing options");
  indexing.add_options()
      ("db,d", po::value<std::string>(&options.db)->value_name("DIR"), "database directory (required)")
      ("format,f", po::value<std::string>(&args.format)->value_name("NAME"),
       "input format: plain, jsonl, csv, reuters, trec (default: detect per file)")
      ("field", po::value<std::vector<std::string>>(&args.fields)->value_name("FIELD=NAME"),
       "JSON Lines and CSV: read article FIELD (id, title, body, date, authors, url, source, language, "
       "dateline, people, countries, topics) from the record's NAME (a CSV column; in JSON a dotted "
       "path reaches into objects); repeatable")
      ("csv-delimiter", po::value<std::string>(&args.csv_delimiter)->value_name("CHAR"),
       "CSV: the field delimiter, one character or \\t (default: a tab for .tsv files, else guessed "
       "from the header line: ',', ';' or a tab)")
      ("delete", po::value<std::vector<std::string>>(&options.deletions)->multitoken()->value_name("ID..."),
       "remove the articles with these ids");
  cli::add_language_option(indexing, &args.language,
                           "language of articles that do not name one and whose language is not detected with "
                           "confidence, for stemming (default: english)");
  indexing.add_options()
      ("no-detect-language", po::bool_switch(&args.no_detect_language),
       "do not detect the language of articles that do not name one: give them --language");
  cli::add_threads_option(indexing, &pipeline.threads, "analysis threads (default: one per core)");
  indexing.add_options()
      ("commit-every", cli::count_value(&pipeline.commit_every, "commit-every")->value_name("N"),
       "commit after every N articles (default: 250000, or twice as many as the database holds "
       "when that is more)")
      ("commit-interval", po::value<double>(&pipeline.commit_seconds)->value_name("SECONDS"),
       "commit at least this often while articles arrive (default: 300, or three times as long "
       "as the last commit took when that is more)")
      ("max-record-size", po::value<std::string>(&args.max_record)->value_name("BYTES"),
       "skip (with an error) any record longer than this: a JSON line, a <DOC> or <REUTERS> "
       "record, a plain-text file; suffixes K, M, G (default: 16M)")
      ("people", po::value<std::string>(&pipeline.people_file)->value_name("FILE"),
       "canonical names for extracted people: one person per line, \"Name | alias | alias\"")
      ("no-entities", "skip entity extraction (people, countries, dates mentioned); for measuring its cost")
      ("strict", po::bool_switch(&options.strict), "treat any input problem as a failure (exit 1)")
      ("shards", po::value<unsigned>(&options.shards)->value_name("N"),
       "a new DIR: write N shard databases DIR/shard-K and a stub DIR/XAPIANDB listing them, each "
       "article in shard hash(id) mod N; an existing DIR keeps its shard count (default: 1, one database)")
      ("reshard", po::value<std::vector<std::string>>(&options.reshard)->multitoken()->value_name("SOURCE..."),
       "copy every article of these databases (databases, sharded indexes, stub files) into the new "
       "DIR with --shards N shards (default 1: merged by Xapian's compactor)")
      ("extract", po::bool_switch(&pipeline.extract_only),
       "write nothing; print one JSON line per article with the people, countries and dates found");
  cli::CommandLine line{"newsdex-index", USAGE, {indexing}, {}, {}};
  line.hidden.add_options()("input", po::value<std::vector<std::string>>(&options.inputs));
  line.positional.add("input", -1);
  return line;
}

// The reader's --field mappings; "" or what is wrong.
std::string settle_fields(const std::vector<std::string>& fields, ReaderOptions& reader) {
  for (const auto& mapping : fields) {
    const auto equals = mapping.find('=');
    const std::string field = mapping.substr(0, equals);
    const auto& known = article_field_names();
    const bool alias = field == "author" || field == "text";
    if (equals == std::string::npos || equals + 1 == mapping.size() ||
        (!alias && std::find(known.begin(), known.end(), field) == known.end()))
      return "bad --field '" + mapping + "': expected FIELD=NAME with FIELD one of id, title, body, "
             "date, authors, url, source, language, dateline, people, countries, topics";
    reader.fields[field] = mapping.substr(equals + 1);
  }
  return "";
}

// Checks what the values mean together and fills `options`; "" or the usage error.
std::string settle_index_options(const po::variables_map& vm, IndexArguments& args, IndexOptions& options) {
  auto& pipeline = options.pipeline;
  if (options.db.empty() && !pipeline.extract_only) return "--db DIR is required";
  if (!options.reshard.empty() && (!options.inputs.empty() || !options.deletions.empty()))
    return "--reshard copies databases: give no INPUT and no --delete with it";
  if (vm.count("shards") && options.shards == 0) return "--shards must be at least 1";
  if (options.inputs.empty() && options.deletions.empty() && options.reshard.empty()) return "no INPUT given";
  if (pipeline.extract_only && !options.deletions.empty()) return "--delete needs a database, not --extract";
  if (auto problem = settle_fields(args.fields, pipeline.reader); !problem.empty()) return problem;
  if (vm.count("csv-delimiter")) {
    std::string& delimiter = args.csv_delimiter;
    if (delimiter == "\\t" || delimiter == "tab") delimiter = "\t";
    if (delimiter.size() != 1 || delimiter == "\"" || delimiter == "\n" || delimiter == "\r")
      return "bad --csv-delimiter '" + delimiter + "': expected one character other than a quote or newline, or \\t";
    pipeline.reader.csv_delimiter = delimiter[0];
  }
  const auto max_bytes = parse_byte_size(args.max_record);
  if (!max_bytes || *max_bytes == 0) return "bad --max-record-size '" + args.max_record + "'";
  pipeline.reader.max_record_bytes = *max_bytes;
  if (pipeline.commit_every == 0) return "--commit-every must be at least 1";
  pipeline.commit_every_grows = vm.count("commit-every") == 0;
  pipeline.commit_interval_stretches = vm.count("commit-interval") == 0;
  if (!(pipeline.commit_seconds > 0)) return "--commit-interval must be positive";
  pipeline.show_progress = !(vm.count("quiet") && vm["quiet"].as<bool>());
  if (!args.format.empty()) {
    pipeline.format = parse_input_format(args.format);
    if (!pipeline.format) return "unknown --format '" + args.format + "'";
  }
  if (!pipeline.people_file.empty() && !std::ifstream(pipeline.people_file))
    return "cannot read --people file '" + pipeline.people_file + "'";
  pipeline.extract_entities = vm.count("no-entities") == 0;
  pipeline.detect_language = !args.no_detect_language;
  if (auto problem = cli::settle_language(args.language, pipeline.default_language); !problem.empty()) return problem;
  if (pipeline.default_language.empty()) return "--language names the articles' default language: it cannot be empty";
  return "";
}

}  // namespace

std::optional<int> parse_index_options(int argc, const char* const* argv, IndexOptions& options) {
  IndexArguments args;
  const cli::CommandLine line = index_command_line(args, options);
  po::variables_map vm;
  if (const auto exit_code = cli::parse_command_line(argc, argv, line, vm)) return exit_code;
  if (const std::string problem = settle_index_options(vm, args, options); !problem.empty())
    return cli::usage_error(line.program, problem);
  return std::nullopt;
}

}  // namespace newsdex
