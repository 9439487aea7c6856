#include "cli.h"

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>
#include <unicode/uversion.h>
#include <xapian.h>

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <iostream>

#include "version.h"

namespace po = boost::program_options;

namespace newsdex::cli {

po::options_description common_options() {
  po::options_description opts("General options");
  opts.add_options()
      ("help,h", "print this help and exit")
      ("version", "print the version and exit")
      ("verbose,v", po::bool_switch(), "log more on stderr (debug messages)")
      ("quiet,q", po::bool_switch(), "log only errors on stderr");
  return opts;
}

void configure_logging(const po::variables_map& vm, std::string_view program) {
  auto logger = spdlog::stderr_color_mt(std::string(program));
  logger->set_pattern("%^%n: %l:%$ %v");
  spdlog::level::level_enum level = spdlog::level::info;
  if (vm.count("verbose") && vm["verbose"].as<bool>()) level = spdlog::level::debug;
  if (vm.count("quiet") && vm["quiet"].as<bool>()) level = spdlog::level::err;
  logger->set_level(level);
  spdlog::set_default_logger(logger);
}

int print_to_stdout(std::string_view program, std::string_view text) {
  std::cout << text;
  std::cout.flush();
  if (std::cout) return EXIT_OK;
  if (errno == EPIPE) return EXIT_OK;
  std::cerr << program << ": cannot write to standard output: " << std::strerror(errno) << "\n";
  return EXIT_RUNTIME_ERROR;
}

std::string version_line(std::string_view program) {
  return fmt::format("{} {} (Xapian {}, ICU {})", program, NEWSDEX_VERSION, Xapian::version_string(),
                     U_ICU_VERSION);
}

std::vector<std::string_view> comma_list(std::string_view list) {
  std::vector<std::string_view> items;
  while (!list.empty()) {
    const auto comma = list.find(',');
    if (comma != 0) items.push_back(list.substr(0, comma));
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
  return items;
}

}  // namespace newsdex::cli
