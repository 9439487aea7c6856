// Helpers shared by the test suites: temporary directories and running the programs.
#pragma once

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

// Writes `content` to `path`, creating parent directories.
void write_file(const std::filesystem::path& path, const std::string& content);

}  // namespace newsdex::testing
