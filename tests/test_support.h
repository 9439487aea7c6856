// Helpers shared by the test suites: temporary directories and running the programs.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <string>
#include <vector>

namespace newsdex::testing {

// A fresh directory, removed with everything in it when the object goes away.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::string operator/(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

struct CommandResult {
  int exit_code = -1;
  std::string out;  // standard output
  std::string err;  // standard error
};

// Runs a program with arguments (no shell involved) and captures its output.
CommandResult run(const std::string& program, const std::vector<std::string>& arguments,
                  const std::string& stdin_text = {});

// Starts `program` (looked up in PATH when it names no directory) with `arguments` in a
// child process that the kernel kills (SIGKILL) when the test process dies, so nothing a
// test starts outlives it, even after a crash. Standard input and output are /dev/null,
// standard error goes to `stderr_path` (or /dev/null when empty). With `own_group` the
// child leads a process group of its own, so kill(-pid, ...) reaches whatever it forks.
// Returns the child's pid: the caller kills and reaps it.
pid_t start_tied_process(const std::string& program, const std::vector<std::string>& arguments,
                         const std::string& stderr_path = {}, bool own_group = false);

// Writes `content` to `path`, creating parent directories.
void write_file(const std::filesystem::path& path, const std::string& content);

// JSON Lines articles indexed by the real newsdex-index into a directory of their own,
// for a suite to search with the real newsdex-search (built once, in SetUpTestSuite).
// Throws std::runtime_error, with the indexer's messages, when indexing fails.
class IndexedCorpus {
 public:
  explicit IndexedCorpus(const std::string& jsonl);
  std::string db() const { return dir_ / "news.db"; }
  const TempDir& dir() const { return dir_; }
  // newsdex-search --db db() ARGUMENTS..., with `stdin_text` on its standard input.
  CommandResult search(std::vector<std::string> arguments, const std::string& stdin_text = {}) const;

 private:
  TempDir dir_;
};

}  // namespace newsdex::testing
