#include "cli/cli.h"

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>
#include <unicode/uversion.h>
#include <xapian.h>

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <iostream>
#include <sstream>

#include "analysis/language.h"
#include "cli/version.h"

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

void add_threads_option(po::options_description& group, unsigned* target, const char* help) {
  group.add_options()("threads,j", count_value(target, "threads")->value_name("N"), help);
}

void add_language_option(po::options_description& group, std::string* target, const char* help) {
  group.add_options()("language,l", po::value<std::string>(target)->value_name("LANG"), help);
}

std::string settle_language(const std::string& value, std::string& code) {
  code = value.empty() ? std::string() : language_code(value);
  if (!value.empty() && code.empty()) return "unknown --language '" + value + "'";
  return "";
}

void configure_logging(const po::variables_map& vm, std::string_view program) {
  // A second parse in one process (a test's) replaces the logger the first registered.
  spdlog::drop(std::string(program));
  auto logger = spdlog::stderr_color_mt(std::string(program));
  logger->set_pattern("%^%n: %l:%$ %v");
  spdlog::level::level_enum level = spdlog::level::info;
  if (vm.count("verbose") && vm["verbose"].as<bool>()) level = spdlog::level::debug;
  if (vm.count("quiet") && vm["quiet"].as<bool>()) level = spdlog::level::err;
  logger->set_level(level);
  spdlog::set_default_logger(logger);
}

std::optional<int> parse_command_line(int argc, const char* const* argv, const CommandLine& line,
                                      po::variables_map& vm) {
  po::options_description visible;
  for (const auto& group : line.groups) visible.add(group);
  visible.add(common_options());
  po::options_description all;
  all.add(visible).add(line.hidden);
  try {
    po::store(po::command_line_parser(argc, argv).options(all).positional(line.positional).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    std::cerr << line.program << ": error parsing command line: " << e.what() << "\n"
              << "Try '" << line.program << " --help'.\n";
    return EXIT_USAGE_ERROR;
  }
  if (vm.count("help")) {
    std::ostringstream help;
    help << line.usage << "\n" << visible << "\n";
    return print_to_stdout(line.program, help.str());
  }
  if (vm.count("version")) return print_to_stdout(line.program, version_line(line.program) + "\n");
  configure_logging(vm, line.program);
  return std::nullopt;
}

int usage_error(std::string_view program, std::string_view message) {
  std::cerr << program << ": " << message << "\nTry '" << program << " --help'.\n";
  return EXIT_USAGE_ERROR;
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
