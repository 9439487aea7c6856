// newsdex-serve: the archive over HTTP, a search page for the browser and a JSON API,
// answered by the searcher code behind newsdex-search.
#include <poll.h>
#include <unistd.h>
#include <spdlog/spdlog.h>
#include <xapian.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <stdexcept>
#include <thread>

#include "cli/cli.h"
#include "http_server.h"
#include "core/printable.h"
#include "searcher_pool.h"
#include "serve_options.h"

namespace {

using namespace newsdex;

// SIGTERM and SIGINT are written to a pipe by the handler (all it may safely do) and read
// by one thread, which stops the server in an orderly way. A handler, not a blocked
// signal taken with sigwait: threads started before main (a sanitizer's) would not have
// the signal blocked, and it would end the process there.
int stop_pipe[2] = {-1, -1};

extern "C" void on_stop_signal(int signal) {
  const char byte = static_cast<char>(signal);
  [[maybe_unused]] const auto written = ::write(stop_pipe[1], &byte, 1);
}

int run(const ServeOptions& options) {
  if (::pipe(stop_pipe) != 0) throw std::runtime_error("cannot create a pipe");
  struct sigaction action {};
  action.sa_handler = on_stop_signal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESTART;
  ::sigaction(SIGTERM, &action, nullptr);
  ::sigaction(SIGINT, &action, nullptr);

  SearcherPool searchers(options.db, options.searchers, options.limits.max_pending,
                         std::chrono::milliseconds(options.refresh_ms));
  HttpServer server(options, searchers);
  const int port = server.bind();
  const std::string host = options.host.find(':') != std::string::npos ? "[" + options.host + "]" : options.host;
  spdlog::info("serving {} on http://{}:{}/ with {} searchers{}", options.db.describe(), host, port, searchers.size(),
               options.token.empty() ? "" : " (a token is needed)");

  std::atomic<bool> served{false}, signalled{false};
  std::thread waiter([&] {
    // Waits for a signal, or for serving to end on its own (looked at ten times a second).
    pollfd readable{stop_pipe[0], POLLIN, 0};
    int caught = -1;
    while (!served && caught < 0) {
      char byte = 0;
      if (::poll(&readable, 1, 100) == 1 && ::read(stop_pipe[0], &byte, 1) == 1) caught = static_cast<unsigned char>(byte);
    }
    if (caught < 0) return;
    signalled = true;
    spdlog::info("{}: answering the requests in flight, then stopping", caught == SIGTERM ? "SIGTERM" : "SIGINT");
    // stop() before the server runs does nothing: ask until serving has ended.
    while (!served) {
      server.stop();
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  });
  const bool ok = server.serve();
  served = true;
  waiter.join();
  if (signalled) {
    spdlog::info("stopped");
    return cli::EXIT_OK;
  }
  if (!ok) spdlog::error("serving on {}:{} failed", options.host, port);
  return cli::EXIT_RUNTIME_ERROR;
}

}  // namespace

int main(int argc, char** argv) {
  // A client that goes away mid-answer must surface as a failed write, not kill us.
  std::signal(SIGPIPE, SIG_IGN);
  ServeOptions options;
  if (auto exit_code = parse_serve_options(argc, argv, options)) return *exit_code;
  try {
    return run(options);
  } catch (const Xapian::Error& e) {
    spdlog::error("{}", printable(e.get_description()));
  } catch (const std::exception& e) {
    spdlog::error("{}", printable(e.what()));
  }
  return cli::EXIT_RUNTIME_ERROR;
}
