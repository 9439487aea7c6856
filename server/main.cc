// newsdex-serve: the archive over HTTP, a search page for the browser and a JSON API,
// answered by the searcher code behind newsdex-search.
#include <pthread.h>
#include <ctime>
#include <spdlog/spdlog.h>
#include <xapian.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <thread>

#include "cli/cli.h"
#include "http_server.h"
#include "core/printable.h"
#include "searcher_pool.h"
#include "serve_options.h"

namespace {

using namespace newsdex;

int run(const ServeOptions& options) {
  // SIGTERM and SIGINT are taken by one thread (sigwait), never delivered to the others,
  // so that a signal stops the server in an orderly way wherever it arrives.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

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
    const timespec tenth{0, 100'000'000};
    int caught = -1;
    while (!served && (caught = sigtimedwait(&stop_signals, nullptr, &tenth)) < 0) {
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
