#include "search_options.h"

#include <iostream>
#include <vector>

#include "cli.h"
#include "language.h"

namespace po = boost::program_options;

namespace newsdex {
namespace {

constexpr const char* USAGE = R"(Usage: newsdex-search --db DIR [OPTIONS] QUERY...

Searches a database written by newsdex-index and prints the best-ranked articles (BM25).
Words of QUERY are analysed exactly as articles were (case, accents and word forms do
not matter). QUERY understands Xapian's query syntax:
  words            all must match:               grain embargo
  "a phrase"       words in this order:          "peace plan"
  OR, NOT, -word   alternatives and exclusions:  cocoa OR coffee -brazil
  NEAR             words close together:         china NEAR belarus
  word*            any word that starts so:      ukrain*
  field:value      title:, author:, person:, country:, source:, lang:

Examples:
  newsdex-search --db news.db Lukashenko
  newsdex-search --db news.db '"cocoa crop" brazil' --limit 5

Exit status: 0 success (also when nothing matches), 1 runtime error (e.g. missing
database), 2 usage error or malformed query.
)";

}  // namespace

std::optional<int> parse_search_options(int argc, const char* const* argv, SearchOptions& options) {
  po::options_description searching("Search options");
  std::string language = "english";
  searching.add_options()
      ("db,d", po::value<std::string>(&options.db)->value_name("DIR"), "database directory (required)")
      ("limit,n", po::value<Xapian::doccount>(&options.request.limit)->value_name("N"),
       "show at most N hits (default: 10)")
      ("offset", po::value<Xapian::doccount>(&options.request.offset)->value_name("N"),
       "skip the first N hits, for paging (default: 0)")
      ("language,l", po::value<std::string>(&language)->value_name("LANG"),
       "language of the query, for stemming (default: english)");
  po::options_description hidden;
  std::vector<std::string> words;
  hidden.add_options()("query", po::value<std::vector<std::string>>(&words));
  po::positional_options_description positional;
  positional.add("query", -1);

  po::options_description visible;
  visible.add(searching).add(cli::common_options());
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
    std::cout << USAGE << "\n" << visible << "\n";
    return cli::EXIT_OK;
  }
  if (vm.count("version")) {
    std::cout << cli::version_line("newsdex-search") << "\n";
    return cli::EXIT_OK;
  }
  cli::configure_logging(vm, "newsdex-search");

  auto usage_error = [](const std::string& message) {
    std::cerr << "newsdex-search: " << message << "\nTry 'newsdex-search --help'.\n";
    return cli::EXIT_USAGE_ERROR;
  };
  if (options.db.empty()) return usage_error("--db DIR is required");
  if (words.empty()) return usage_error("no QUERY given");
  for (const auto& word : words) {
    if (!options.request.query.empty()) options.request.query += ' ';
    options.request.query += word;
  }
  options.request.language = language_code(language);
  if (options.request.language.empty()) return usage_error("unknown --language '" + language + "'");
  return std::nullopt;
}

}  // namespace newsdex
