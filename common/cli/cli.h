// What both command-line programs share: exit codes, the logging options (-v, -q) and
// --version, and the way an error reaches the user.
#pragma once

#include <charconv>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/program_options.hpp>

namespace newsdex::cli {

// Exit codes, documented in both programs' --help and in docs/limits.md.
enum ExitCode : int {
  EXIT_OK = 0,
  EXIT_RUNTIME_ERROR = 1,  // bad input in --strict mode, unreadable database, I/O failure
  EXIT_USAGE_ERROR = 2,    // bad command line or malformed query
};

// The value of an option that counts something (--limit N, -j N) into `target`.
// Boost's own unsigned parsing takes "-1" and wraps it to 4294967295; this refuses a
// sign, a fraction or a value past T's range with "--limit: '-1' is not a whole number
// from 0 to 4294967295", so a typo never becomes a huge number.
template <class T>
boost::program_options::typed_value<std::string>* count_value(T* target, const std::string& option) {
  return boost::program_options::value<std::string>()->notifier([target, option](const std::string& text) {
    T value{};
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || ec != std::errc() || end != text.data() + text.size())
      throw boost::program_options::error("--" + option + ": '" + text + "' is not a whole number from 0 to " +
                                          std::to_string(std::numeric_limits<T>::max()));
    *target = value;
  });
}

// -j/--threads N, declared once for every program (a count: "-j -1" is refused, not
// wrapped); `help` says what the threads do in the program and what 0 or no value means.
void add_threads_option(boost::program_options::options_description& group, unsigned* target, const char* help);

// -l/--language LANG (a name or ISO 639-1 code: english, de), declared once; `help` says
// what the language is for in the program. settle_language() checks the value.
void add_language_option(boost::program_options::options_description& group, std::string* target, const char* help);

// The ISO 639-1 code of a --language value into `code` ("" stays ""): "" when it is one,
// otherwise the usage error.
std::string settle_language(const std::string& value, std::string& code);

// The items of a comma-separated list ("person,country", "id,title"), empty ones
// skipped: how every list option (--facet, --fields, --cooccur) and batch field is read.
std::vector<std::string_view> comma_list(std::string_view list);

// -v/--verbose (repeatable), -q/--quiet, --version.
boost::program_options::options_description common_options();

// Sets spdlog's default logger to stderr with the level the options ask for.
// Call once, after parsing. Colour on a terminal, plain otherwise.
void configure_logging(const boost::program_options::variables_map& vm, std::string_view program);

// A program's command line as both programs parse it: the option groups --help shows
// (common_options() is added after them), options it does not show, and the names given
// to positional arguments.
struct CommandLine {
  std::string_view program;  // "newsdex-index"
  std::string_view usage;    // --help's text before the options
  std::vector<boost::program_options::options_description> groups;
  boost::program_options::options_description hidden;
  boost::program_options::positional_options_description positional;
};

// Parses argv into `vm` (running the options' notifiers). Answers --help and --version and
// reports a malformed command line itself, returning the exit code; otherwise configures
// logging and returns nullopt: the caller goes on to check what the values mean.
std::optional<int> parse_command_line(int argc, const char* const* argv, const CommandLine& line,
                                      boost::program_options::variables_map& vm);

// "PROGRAM: MESSAGE" and "Try 'PROGRAM --help'." on stderr; returns EXIT_USAGE_ERROR.
int usage_error(std::string_view program, std::string_view message);

// Prints --help or --version text on stdout and returns the exit code: EXIT_OK, also
// when the reader went away (`| head -1`); EXIT_RUNTIME_ERROR with a message on stderr
// when stdout cannot take it (`> /dev/full`, a closed stdout).
int print_to_stdout(std::string_view program, std::string_view text);

// "newsdex-index 0.1.0 (Xapian 1.4.22, ICU 72.1)".
std::string version_line(std::string_view program);

}  // namespace newsdex::cli
