// newsdex-serve's HTTP side: the routes of the API and the page, the security headers,
// the token and the rate limit, JSON errors with statuses that mean something, and the
// access log. Searches run on the SearcherPool; their JSON comes from the searcher's own
// result writer, the one behind newsdex-search --format json.
#pragma once

#include <memory>
#include <string>

#include "searcher_pool.h"
#include "serve_options.h"

namespace newsdex {

class HttpServer {
 public:
  HttpServer(const ServeOptions& options, SearcherPool& searchers);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds the address of the options; returns the port (the one chosen for port 0).
  // Throws std::runtime_error when the address cannot be listened on.
  int bind();
  // Serves until stop(); false when serving failed.
  bool serve();
  // Stops taking connections, once those accepted have sent their first request (at most
  // a second later); requests in flight are answered, then serve() returns.
  // Safe to call from another thread.
  void stop();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace newsdex
