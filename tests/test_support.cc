#include "test_support.h"

#include <fcntl.h>
#include <pthread.h>
#include <spawn.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <fstream>
#include <random>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace newsdex::testing {
namespace fs = std::filesystem;

TempDir::TempDir() {
  std::random_device random;
  path_ = fs::temp_directory_path() / ("newsdex-test-" + std::to_string(random()) + std::to_string(::getpid()));
  fs::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

namespace {

std::string read_all(int fd) {
  std::string out;
  char buffer[65536];
  for (ssize_t n; (n = ::read(fd, buffer, sizeof buffer)) > 0;) out.append(buffer, static_cast<size_t>(n));
  return out;
}

}  // namespace

CommandResult run(const std::string& program, const std::vector<std::string>& arguments,
                  const std::string& stdin_text) {
  int in_pipe[2], out_pipe[2], err_pipe[2];
  if (::pipe(in_pipe) || ::pipe(out_pipe) || ::pipe(err_pipe)) throw std::runtime_error("pipe failed");
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in_pipe[0], 0);
  posix_spawn_file_actions_adddup2(&actions, out_pipe[1], 1);
  posix_spawn_file_actions_adddup2(&actions, err_pipe[1], 2);
  for (int fd : {in_pipe[0], in_pipe[1], out_pipe[0], out_pipe[1], err_pipe[0], err_pipe[1]})
    posix_spawn_file_actions_addclose(&actions, fd);

  std::vector<char*> argv;
  argv.push_back(const_cast<char*>(program.c_str()));
  for (const auto& a : arguments) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  pid_t pid = 0;
  const int spawned = posix_spawn(&pid, program.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  ::close(in_pipe[0]);
  ::close(out_pipe[1]);
  ::close(err_pipe[1]);
  if (spawned != 0) throw std::runtime_error("cannot run " + program);

  // Feed stdin and drain both outputs concurrently so no pipe fills up and blocks.
  // A program that exits before reading its input (a bad option) closes the pipe: the
  // write then fails with EPIPE, and the SIGPIPE it raises, blocked in this thread alone,
  // is taken off instead of ending the test program.
  std::thread feeder([&] {
    sigset_t pipe_signal;
    sigemptyset(&pipe_signal);
    sigaddset(&pipe_signal, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &pipe_signal, nullptr);
    std::size_t written = 0;
    while (written < stdin_text.size()) {
      const ssize_t n = ::write(in_pipe[1], stdin_text.data() + written, stdin_text.size() - written);
      if (n <= 0) {
        const timespec now{0, 0};
        if (errno == EPIPE) sigtimedwait(&pipe_signal, nullptr, &now);
        break;
      }
      written += static_cast<std::size_t>(n);
    }
    ::close(in_pipe[1]);
  });
  CommandResult result;
  std::thread err_reader([&] { result.err = read_all(err_pipe[0]); });
  result.out = read_all(out_pipe[0]);
  err_reader.join();
  feeder.join();
  ::close(out_pipe[0]);
  ::close(err_pipe[0]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return result;
}

pid_t start_tied_process(const std::string& program, const std::vector<std::string>& arguments,
                         const std::string& stderr_path, bool own_group) {
  // Everything the child needs is made before fork: a threaded test may only call
  // async-signal-safe functions in the child.
  std::vector<char*> argv{const_cast<char*>(program.c_str())};
  for (const auto& a : arguments) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  const char* err_path = stderr_path.empty() ? "/dev/null" : stderr_path.c_str();
  const pid_t parent = ::getpid();
  const pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent) ::_exit(127);  // the test died before prctl
    if (own_group) ::setpgid(0, 0);
    const int null = ::open("/dev/null", O_RDWR);
    const int err = ::open(err_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    ::dup2(null, STDIN_FILENO);
    ::dup2(null, STDOUT_FILENO);
    ::dup2(err, STDERR_FILENO);
    ::execvp(argv[0], argv.data());
    ::_exit(127);
  }
  if (own_group) ::setpgid(pid, pid);  // also from here, so a kill right after fork reaches the group
  return pid;
}

void write_file(const fs::path& path, const std::string& content) {
  if (path.has_parent_path()) fs::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary);
  out << content;
}

IndexedCorpus::IndexedCorpus(const std::string& jsonl) {
  write_file(dir_.path() / "news.jsonl", jsonl);
  const auto r = run(NEWSDEX_INDEX_BIN, {"-q", "--db", db(), dir_ / "news.jsonl"});
  if (r.exit_code != 0) throw std::runtime_error("indexing the test corpus failed: " + r.err);
}

CommandResult IndexedCorpus::search(std::vector<std::string> arguments, const std::string& stdin_text) const {
  arguments.insert(arguments.begin(), {"--db", db()});
  return run(NEWSDEX_SEARCH_BIN, arguments, stdin_text);
}

}  // namespace newsdex::testing
