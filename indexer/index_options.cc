#include "index_options.h"

#include <fstream>
#include <iostream>

#include "cli.h"
#include "language.h"

namespace po = boost::program_options;

namespace newsdex {
namespace {

constexpr const char* USAGE = R"(Usage: newsdex-index --db DIR [OPTIONS] INPUT...
       newsdex-index --extract [OPTIONS] INPUT...

Reads news articles and writes them into a Xapian database at DIR (created if needed).
Indexing an article whose id is already in the database replaces it.

INPUT is a file, a directory (walked recursively), or - for standard input.
Files ending in .gz are decompressed. Formats are detected from the name and content:
  plain     one article per file: optional "- Name and Name" byline lines, optional
            "Key: value" header (Title, Date, Author, Source, URL, Language, Id) and a
            blank line; otherwise the first line is the title
  reuters   Reuters-21578, SGML (reut2-NNN.sgm) or XML (reut2-NNN.xml)

Examples:
  newsdex-index --db news.db seeds/
  newsdex-index --db news.db --format reuters corpus/reut2-000.xml
  zcat archive.txt.gz | newsdex-index --db news.db --format plain -

Exit status: 0 success, 1 runtime error (or input problems with --strict), 2 usage error.
)";

}  // namespace

std::optional<int> parse_index_options(int argc, const char* const* argv, IndexOptions& options) {
  po::options_description indexing("Indexing options");
  std::string format;
  std::string language = "english";
  indexing.add_options()
      ("db,d", po::value<std::string>(&options.db)->value_name("DIR"), "database directory (required)")
      ("format,f", po::value<std::string>(&format)->value_name("NAME"), "input format: plain, reuters (default: detect)")
      ("language,l", po::value<std::string>(&language)->value_name("LANG"),
       "language of articles that do not name one, for stemming (default: english)")
      ("commit-every", po::value<std::size_t>(&options.commit_every)->value_name("N"),
       "commit after every N articles (default: 10000)")
      ("people", po::value<std::string>(&options.pipeline.people_file)->value_name("FILE"),
       "canonical names for extracted people: one person per line, \"Name | alias | alias\"")
      ("no-entities", "skip entity extraction (people, countries, dates mentioned); for measuring its cost")
      ("strict", po::bool_switch(&options.strict), "treat any input problem as a failure (exit 1)")
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
    std::cout << USAGE << "\n" << visible << "\n";
    return cli::EXIT_OK;
  }
  if (vm.count("version")) {
    std::cout << cli::version_line("newsdex-index") << "\n";
    return cli::EXIT_OK;
  }
  cli::configure_logging(vm, "newsdex-index");

  auto usage_error = [](const std::string& message) {
    std::cerr << "newsdex-index: " << message << "\nTry 'newsdex-index --help'.\n";
    return cli::EXIT_USAGE_ERROR;
  };
  if (options.db.empty() && !options.pipeline.extract_only) return usage_error("--db DIR is required");
  if (options.inputs.empty()) return usage_error("no INPUT given");
  if (!format.empty()) {
    options.pipeline.format = parse_input_format(format);
    if (!options.pipeline.format) return usage_error("unknown --format '" + format + "'");
  }
  if (!options.pipeline.people_file.empty() && !std::ifstream(options.pipeline.people_file))
    return usage_error("cannot read --people file '" + options.pipeline.people_file + "'");
  options.pipeline.extract_entities = vm.count("no-entities") == 0;
  options.pipeline.default_language = language_code(language);
  if (options.pipeline.default_language.empty()) return usage_error("unknown --language '" + language + "'");
  return std::nullopt;
}

}  // namespace newsdex
