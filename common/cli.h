// What both command-line programs share: exit codes, the logging options (-v, -q) and
// --version, and the way an error reaches the user.
#pragma once

#include <string>
#include <string_view>

#include <boost/program_options.hpp>

namespace newsdex::cli {

// Exit codes, documented in both programs' --help and in the README.
enum ExitCode : int {
  EXIT_OK = 0,
  EXIT_RUNTIME_ERROR = 1,  // bad input in --strict mode, unreadable database, I/O failure
  EXIT_USAGE_ERROR = 2,    // bad command line or malformed query
};

// -v/--verbose (repeatable), -q/--quiet, --version.
boost::program_options::options_description common_options();

// Sets spdlog's default logger to stderr with the level the options ask for.
// Call once, after parsing. Colour on a terminal, plain otherwise.
void configure_logging(const boost::program_options::variables_map& vm, std::string_view program);

// "newsdex-index 0.1.0 (Xapian 1.4.22, ICU 72.1)".
std::string version_line(std::string_view program);

}  // namespace newsdex::cli
