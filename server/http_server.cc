#include "http_server.h"

#include <httplib.h>
#include <spdlog/spdlog.h>
#include <xapian.h>

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <poll.h>
#include <sys/socket.h>

#include <chrono>
#include <ctime>
#include <fstream>
#include <iostream>
#include <mutex>
#include <sstream>
#include <thread>
#include <atomic>
#include <cerrno>
#include <cstring>

#include "api_request.h"
#include "assets.h"
#include "core/article_json.h"
#include "core/printable.h"
#include "query_builder.h"
#include "rate_limiter.h"
#include "response_cache.h"
#include "result_writer.h"
#include "cli/version.h"

namespace newsdex {
namespace {

using json = nlohmann::ordered_json;

// The page runs only its own script and style, loads nothing from elsewhere and cannot be
// framed; an article's text is inserted as text, and this would stop a script that
// slipped in anyway.
constexpr const char* CONTENT_SECURITY_POLICY =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

constexpr const char* TOKEN_COOKIE = "newsdex_token";

// When the request being handled on this thread began, for the access log.
thread_local std::chrono::steady_clock::time_point request_start;

// Whether the connection this thread serves has not yet delivered its first request.
thread_local bool awaiting_first_request = false;

// cpp-httplib's thread pool, counting the connections accepted whose first request has
// not been read yet. The library closes such a connection unanswered once stop() has
// been called, so stop() waits (a bounded time) until there are none: a request sent
// just before SIGTERM is answered too.
class CountingPool : public httplib::TaskQueue {
 public:
  explicit CountingPool(std::size_t threads, std::atomic<long>& unread) : pool_(threads), unread_(unread) {}
  void enqueue(std::function<void()> job) override {
    ++unread_;
    pool_.enqueue([this, job = std::move(job)] {
      awaiting_first_request = true;
      job();
      first_request_read();  // a connection closed without a request
    });
  }
  void shutdown() override { pool_.shutdown(); }
  // Called when this thread's connection delivers its first request, or closes.
  void first_request_read() {
    if (awaiting_first_request) {
      awaiting_first_request = false;
      --unread_;
    }
  }

 private:
  httplib::ThreadPool pool_;
  std::atomic<long>& unread_;
};

std::string dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

void send_json(httplib::Response& res, int status, const std::string& body) {
  res.status = status;
  res.set_header("Cache-Control", "no-store");
  res.set_content(body, "application/json");
}

void send_error(httplib::Response& res, int status, const std::string& message,
                std::optional<std::size_t> column = std::nullopt) {
  json j = {{"error", message}, {"status", status}};
  if (column) j["column"] = *column;
  send_json(res, status, dump(j) + "\n");
}

void send_asset(httplib::Response& res, std::string_view body, const char* type) {
  res.set_header("Cache-Control", "no-cache");
  res.set_content(body.data(), body.size(), type);
}

// Compares in time that does not depend on where the strings differ.
bool same_token(const std::string& given, const std::string& expected) {
  unsigned char difference = given.size() == expected.size() ? 0 : 1;
  for (std::size_t i = 0; i < expected.size(); ++i)
    difference |= static_cast<unsigned char>(expected[i] ^ (i < given.size() ? given[i] : 0));
  return difference == 0;
}

std::string cookie_value(const httplib::Request& req, std::string_view name) {
  const std::string cookies = req.get_header_value("Cookie");
  std::string_view rest = cookies;
  while (!rest.empty()) {
    const auto semicolon = rest.find(';');
    std::string_view item = rest.substr(0, semicolon);
    rest = semicolon == std::string_view::npos ? std::string_view() : rest.substr(semicolon + 1);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    if (item.size() > name.size() && item.substr(0, name.size()) == name && item[name.size()] == '=')
      return std::string(item.substr(name.size() + 1));
  }
  return {};
}

bool starts_with(const std::string& text, std::string_view prefix) {
  return text.size() >= prefix.size() && std::string_view(text).substr(0, prefix.size()) == prefix;
}

const char* reason(int status) {
  switch (status) {
    case 400: return "bad request";
    case 401: return "a token is needed";
    case 404: return "not found";
    case 405: return "method not allowed";
    case 413: return "the request is too large";
    case 414: return "the URL is too long";
    case 429: return "too many requests";
    case 503: return "overloaded; try again";
    default: return status >= 500 ? "server error" : "request refused";
  }
}

// The JSON of a search, as newsdex-search --format json writes it, with highlights.
std::string search_json(Searcher& searcher, const SearchRequest& request) {
  const SearchResult result = searcher.search(request);
  std::ostringstream out;
  WriterOptions writer_options;
  writer_options.highlights = true;
  make_writer(OutputFormat::JSON, writer_options)->write(out, request, result);
  return out.str();
}

}  // namespace

struct HttpServer::State {
  State(const ServeOptions& o, SearcherPool& p)
      : options(o), pool(p), rate(o.limits.rate_per_client), cache(o.cache_entries) {}
  ServeOptions options;
  SearcherPool& pool;
  httplib::Server server;
  RateLimiter rate;
  ResponseCache cache;
  std::ofstream access_file;
  std::ostream* access = nullptr;
  std::mutex access_mutex;
  std::atomic<long> unread{0};  // connections accepted whose first request is not read yet
  std::atomic<int> listening{-1};  // the listening socket, once bound

  void routes();
  void search(const httplib::Request& req, httplib::Response& res, ApiView view);
  void article(const httplib::Request& req, httplib::Response& res);
  void status(httplib::Response& res);
  void warm(Searcher& fresh);
  httplib::Server::HandlerResponse admit(const httplib::Request& req, httplib::Response& res);
  void log(const httplib::Request& req, const httplib::Response& res);
};

void HttpServer::State::search(const httplib::Request& req, httplib::Response& res, ApiView view) {
  SearchRequest request;
  try {
    if (req.method == "POST") {
      request = request_from_body(req.body, view, options.limits);
    } else {
      Parameters parameters;
      for (const auto& [name, value] : req.params)
        if (name != "token") parameters.emplace_back(name, value);
      request = request_from_parameters(parameters, view, options.limits);
    }
  } catch (const ApiError& e) {
    return send_error(res, e.status(), e.what(), e.column());
  }
  // A repeated request is answered without waiting for a searcher: from the cache, at
  // the revision the newest searchers read.
  std::string key;
  if (cache.enabled()) {
    key = request_key(view, request);
    if (auto body = cache.find(key, pool.revision())) {
      res.set_header("X-Cache", "hit");
      return send_json(res, 200, *body);
    }
  }
  auto lease = pool.acquire();
  if (!lease) {
    res.set_header("Retry-After", "1");
    return send_error(res, 503, "every searcher is busy and too many requests are waiting; try again in a second");
  }
  if (cache.enabled()) {
    if (auto body = cache.find(key, (*lease)->revision())) {  // computed while this one waited
      res.set_header("X-Cache", "hit");
      return send_json(res, 200, *body);
    }
  }
  try {
    std::string body = search_json(**lease, request);
    if (cache.enabled()) {
      res.set_header("X-Cache", "miss");
      cache.store(key, (*lease)->revision(), body, request);
    }
    send_json(res, 200, body);
  } catch (const QueryError& e) {
    send_error(res, 400, e.what(), error_column(e.what()));
  } catch (const Xapian::DatabaseOpeningError& e) {
    spdlog::error("{}", printable(e.get_description()));
    res.set_header("Retry-After", "5");
    send_error(res, 503, e.get_description());
  } catch (const Xapian::NetworkError& e) {
    spdlog::error("{}", printable(e.get_description()));
    res.set_header("Retry-After", "5");
    send_error(res, 503, e.get_description());
  } catch (const Xapian::Error& e) {
    spdlog::error("{}", printable(e.get_description()));
    send_error(res, 500, e.get_description());
  }
}

void HttpServer::State::warm(Searcher& fresh) {
  const auto start = std::chrono::steady_clock::now();
  const std::string revision = fresh.revision();
  std::size_t answered = 0;
  for (const auto& kept : cache.most_recent(options.cache_warm)) {
    try {
      cache.store(kept.key, revision, search_json(fresh, kept.request), kept.request);
      ++answered;
    } catch (const std::exception& e) {
      spdlog::debug("warming the cache: {}", printable(e.what()));
    } catch (const Xapian::Error& e) {
      spdlog::debug("warming the cache: {}", printable(e.get_description()));
    }
  }
  spdlog::debug("revision {}: {} cached answers computed again in {:.3f} s", revision, answered,
                std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
}

void HttpServer::State::article(const httplib::Request& req, httplib::Response& res) {
  const std::string id = req.matches[1];
  auto lease = pool.acquire();
  if (!lease) {
    res.set_header("Retry-After", "1");
    return send_error(res, 503, "every searcher is busy and too many requests are waiting; try again in a second");
  }
  try {
    const auto found = (*lease)->article(id);
    if (!found) return send_error(res, 404, "no article with id '" + id + "'");
    send_json(res, 200, article_json_line(*found, ARTICLE_JSON_SHOW) + "\n");
  } catch (const Xapian::Error& e) {
    spdlog::error("{}", printable(e.get_description()));
    send_error(res, 500, e.get_description());
  }
}

void HttpServer::State::status(httplib::Response& res) {
  auto lease = pool.acquire();
  if (!lease) {
    res.set_header("Retry-After", "1");
    return send_error(res, 503, "every searcher is busy and too many requests are waiting; try again in a second");
  }
  json j = {{"program", "newsdex-serve"}, {"version", NEWSDEX_VERSION}, {"revision", (*lease)->revision()},
            {"searchers", pool.size()}, {"databases", options.db.databases}};
  send_json(res, 200, dump(j) + "\n");
}

// Every request passes here first: the rate limit, then the token.
httplib::Server::HandlerResponse HttpServer::State::admit(const httplib::Request& req, httplib::Response& res) {
  request_start = std::chrono::steady_clock::now();
  if (awaiting_first_request) {
    awaiting_first_request = false;
    --unread;
  }
  if (!rate.allow(req.remote_addr)) {
    res.set_header("Retry-After", "1");
    send_error(res, 429, fmt::format("more than {} requests a second from this address", options.limits.rate_per_client));
    return httplib::Server::HandlerResponse::Handled;
  }
  if (options.token.empty()) return httplib::Server::HandlerResponse::Unhandled;
  // A browser cannot add a header to the address it is given: the page opened once as
  // /?token=T keeps the token in a cookie that only this site's requests carry.
  if (req.method == "GET" && !starts_with(req.path, "/api/") && req.has_param("token") &&
      same_token(req.get_param_value("token"), options.token)) {
    res.status = 303;
    res.set_header("Location", "/");
    res.set_header("Set-Cookie", fmt::format("{}={}; Path=/; HttpOnly; SameSite=Strict", TOKEN_COOKIE, options.token));
    return httplib::Server::HandlerResponse::Handled;
  }
  const std::string authorization = req.get_header_value("Authorization");
  const bool bearer = starts_with(authorization, "Bearer ") && same_token(authorization.substr(7), options.token);
  if (bearer || same_token(cookie_value(req, TOKEN_COOKIE), options.token)) return httplib::Server::HandlerResponse::Unhandled;
  res.set_header("WWW-Authenticate", "Bearer");
  send_error(res, 401, "this server needs its token: an 'Authorization: Bearer TOKEN' header, or open the page once as /?token=TOKEN");
  return httplib::Server::HandlerResponse::Handled;
}

void HttpServer::State::log(const httplib::Request& req, const httplib::Response& res) {
  if (!access) return;
  const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - request_start).count();
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  ::gmtime_r(&now, &utc);
  // The target without the token, which must not land in a log file.
  std::string target = req.has_param("token") ? req.path + "?token=..." : req.target;
  const std::string line = fmt::format("{:%Y-%m-%dT%H:%M:%SZ} {} {} {} {} {} {:.1f}ms\n", utc, req.remote_addr, req.method,
                                       printable(target), res.status, res.body.size(), ms);
  std::lock_guard lock(access_mutex);
  *access << line << std::flush;
}

void HttpServer::State::routes() {
  auto& s = server;
  s.Get("/", [](const httplib::Request&, httplib::Response& res) {
    send_asset(res, data::PAGE_INDEX_HTML, "text/html; charset=utf-8");
  });
  s.Get("/app.js", [](const httplib::Request&, httplib::Response& res) {
    send_asset(res, data::PAGE_APP_JS, "text/javascript; charset=utf-8");
  });
  s.Get("/style.css", [](const httplib::Request&, httplib::Response& res) {
    send_asset(res, data::PAGE_STYLE_CSS, "text/css; charset=utf-8");
  });
  s.Get("/icon.svg", [](const httplib::Request&, httplib::Response& res) {
    send_asset(res, data::PAGE_ICON_SVG, "image/svg+xml");
  });
  s.Get("/api/openapi.json", [](const httplib::Request&, httplib::Response& res) {
    send_asset(res, data::OPENAPI_JSON, "application/json");
  });
  s.Get("/api/status", [this](const httplib::Request&, httplib::Response& res) { status(res); });
  const std::pair<const char*, ApiView> views[] = {{"/api/search", ApiView::SEARCH},
                                                   {"/api/timeline", ApiView::TIMELINE},
                                                   {"/api/cooccurrence", ApiView::COOCCURRENCE},
                                                   {"/api/significant-terms", ApiView::SIGNIFICANT_TERMS},
                                                   {"/api/stories", ApiView::STORIES}};
  for (const auto& [path, view] : views) {
    const ApiView v = view;
    s.Get(path, [this, v](const httplib::Request& req, httplib::Response& res) { search(req, res, v); });
    s.Post(path, [this, v](const httplib::Request& req, httplib::Response& res) { search(req, res, v); });
  }
  s.Get(R"(/api/article/(.+))", [this](const httplib::Request& req, httplib::Response& res) { article(req, res); });

  s.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) { return admit(req, res); });
  // Whatever no route answered (404), and what the library refuses by itself (a URL or
  // a body too large), is answered in JSON like every other error.
  s.set_error_handler(httplib::Server::HandlerWithResponse([](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
    std::string message = reason(res.status);
    if (res.status == 404) message = "nothing at " + req.path + " (the API is under /api/, see /api/openapi.json)";
    send_error(res, res.status, message);
    return httplib::Server::HandlerResponse::Handled;
  }));
  s.set_exception_handler([](const httplib::Request&, httplib::Response& res, const std::exception_ptr& failure) {
    std::string message = "internal error";
    try {
      std::rethrow_exception(failure);
    } catch (const std::exception& e) {
      message = e.what();
    } catch (...) {
    }
    spdlog::error("{}", printable(message));
    send_error(res, 500, message);
  });
  s.set_logger([this](const httplib::Request& req, const httplib::Response& res) { log(req, res); });
  s.set_default_headers({{"Content-Security-Policy", CONTENT_SECURITY_POLICY},
                         {"X-Content-Type-Options", "nosniff"},
                         {"X-Frame-Options", "DENY"},
                         {"Referrer-Policy", "no-referrer"},
                         {"Cross-Origin-Resource-Policy", "same-origin"}});
}

HttpServer::HttpServer(const ServeOptions& options, SearcherPool& searchers)
    : state_(std::make_unique<State>(options, searchers)) {
  if (state_->cache.enabled() && options.cache_warm > 0)
    searchers.set_warmer([state = state_.get()](Searcher& fresh) { state->warm(fresh); });
  auto& s = state_->server;
  const unsigned connections = options.connections;
  s.new_task_queue = [this, connections] { return new CountingPool(connections, state_->unread); };
  s.set_keep_alive_max_count(100000);
  s.set_keep_alive_timeout(5);
  // An answer is written as headers, then body: with Nagle's algorithm on (the library's
  // default) the body waits for the client's delayed ACK of the headers, 40 ms on Linux,
  // which was the p90 of scripts/bench-serve.
  s.set_tcp_nodelay(true);
  // The library's own options on the listening socket, and its descriptor kept: bind()
  // widens the backlog, and stop() looks at what waits in it.
  s.set_socket_options([state = state_.get()](socket_t sock) {
    httplib::default_socket_options(sock);
    state->listening = sock;
  });
  s.set_read_timeout(10);
  s.set_write_timeout(10);
  // A JSON query as long as the longest query allowed, and room for its other fields.
  s.set_payload_max_length(options.limits.query.max_bytes + 65536);
  if (options.access_log == "-") {
    state_->access = &std::cerr;
  } else if (!options.access_log.empty()) {
    state_->access_file.open(options.access_log, std::ios::app);
    if (!state_->access_file) throw std::runtime_error(options.access_log + ": cannot open the access log");
    state_->access = &state_->access_file;
  }
  state_->routes();
}

HttpServer::~HttpServer() {
  state_->pool.set_warmer({});  // the pool outlives this server; waits for a warming under way
}

int HttpServer::bind() {
  auto& o = state_->options;
  auto& s = state_->server;
  const int port = o.port == 0 ? s.bind_to_any_port(o.host) : (s.bind_to_port(o.host, o.port) ? o.port : -1);
  if (port < 0) throw std::runtime_error(fmt::format("cannot listen on {}:{}", o.host, o.port));
  // The library listens with a backlog of 5. A burst of more connections than that, while
  // the accepting thread waits for a core, has the kernel drop the others' handshakes: they
  // wait a second for a retransmission, and a stop in that second refuses them. Listening
  // again on a listening socket only changes its backlog.
  if (::listen(state_->listening, SOMAXCONN) != 0)
    throw std::runtime_error(fmt::format("cannot listen on {}:{}: {}", o.host, port, std::strerror(errno)));
  return port;
}

bool HttpServer::serve() { return state_->server.listen_after_bind(); }

void HttpServer::stop() {
  // Connections the kernel has established but the library not yet accepted, and those
  // accepted whose request is not read yet: queued for a thread of the pool (all busy with
  // slow searches), or with a client yet to send. Stopping closes the listening socket and
  // ends such connections unanswered, so wait while they are accepted and read, and give
  // up after a second in which none was: a client that never sends holds the stop that
  // long, no longer.
  using Clock = std::chrono::steady_clock;
  const auto waiting_connections = [this] {
    pollfd backlog{state_->listening, POLLIN, 0};
    const bool unaccepted = backlog.fd >= 0 && ::poll(&backlog, 1, 0) == 1 && (backlog.revents & POLLIN);
    return state_->unread + (unaccepted ? 1 : 0);
  };
  long waiting = waiting_connections();
  auto deadline = Clock::now() + std::chrono::seconds(1);
  while (waiting > 0 && Clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    const long now_waiting = waiting_connections();
    if (now_waiting < waiting) deadline = Clock::now() + std::chrono::seconds(1);
    waiting = now_waiting;
  }
  // The library closes the listening socket here and its number may be reused at once:
  // forgotten first, for a later call (main asks until serving has ended).
  if (state_->server.is_running()) {
    state_->listening = -1;
    state_->server.stop();
  }
}

}  // namespace newsdex
