// newsdex-search: ranked queries against a newsdex database.
#include <spdlog/spdlog.h>
#include <xapian.h>

#include <iostream>

#include "cli.h"
#include "query_builder.h"
#include "search_options.h"
#include "text_formatter.h"

int main(int argc, char** argv) {
  using namespace newsdex;
  SearchOptions options;
  if (auto exit_code = parse_search_options(argc, argv, options)) return *exit_code;

  try {
    const Xapian::Database db = open_database(options.db);
    const SearchResult result = search(db, options.request);
    write_text(std::cout, options.request, result);
    std::cout.flush();
    return cli::EXIT_OK;
  } catch (const QueryError& e) {
    spdlog::error("{}", e.what());
    return cli::EXIT_USAGE_ERROR;
  } catch (const Xapian::Error& e) {
    spdlog::error("{}", e.get_description());
  } catch (const std::exception& e) {
    spdlog::error("{}", e.what());
  }
  return cli::EXIT_RUNTIME_ERROR;
}
