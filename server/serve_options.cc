#include "serve_options.h"

#include <arpa/inet.h>

#include <charconv>
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>
#include <vector>

#include "cli/cli.h"
#include "reader_options.h"

namespace po = boost::program_options;

namespace newsdex {
namespace {

constexpr const char* USAGE = R"(Usage: newsdex-serve --db DIR... [--listen HOST:PORT] [OPTIONS]

Serves a database written by newsdex-index over HTTP: a search page for the browser at
http://HOST:PORT/ and a JSON API for other programs, both answered by the same code as
newsdex-search, so a browser and the command line give the same answers.

  GET /                     the search page (embedded in the program; nothing is fetched
                            from elsewhere)
  GET /api/search           ranked hits, facets, timeline: the fields of a JSON batch line
                            as query parameters, e.g. /api/search?query=oil&facets=country
  POST /api/search          the same as a JSON object in the body
  GET /api/article/ID       one article, whole
  GET /api/timeline, /api/cooccurrence, /api/significant-terms, /api/stories
                            the newsroom views, each with its own defaults
  GET /api/openapi.json     the API described for tools (OpenAPI 3)

The program only reads. It listens on the loopback interface unless told otherwise, and
refuses another address unless every request must carry a token (--token FILE) or
--public says the archive is meant for anyone who can reach it. SIGTERM or SIGINT stop
it after the requests in flight are answered (exit status 0).

Examples:
  newsdex-serve --db demo.db                              (then open http://127.0.0.1:8080/)
  newsdex-serve --db news.db --listen 0.0.0.0:8080 --token /etc/newsdex/token
  curl 'http://127.0.0.1:8080/api/search?query=cocoa&facets=country,person&limit=5'

Exit status: 0 stopped by SIGTERM or SIGINT, 1 runtime error (a database that does not
open, an address that cannot be listened on), 2 usage error.
)";

std::optional<std::pair<std::string, int>> parse_listen(const std::string& text) {
  const auto colon = text.rfind(':');
  if (colon == std::string::npos) return std::nullopt;
  std::string host = text.substr(0, colon);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  const std::string port_text = text.substr(colon + 1);
  int port = -1;
  const auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
  if (host.empty() || ec != std::errc() || end != port_text.data() + port_text.size() || port < 0 || port > 65535)
    return std::nullopt;
  return std::pair{host, port};
}

}  // namespace

bool is_loopback(const std::string& host) {
  if (host == "localhost") return true;
  in_addr v4{};
  if (::inet_pton(AF_INET, host.c_str(), &v4) == 1) return (ntohl(v4.s_addr) >> 24) == 127;
  in6_addr v6{};
  if (::inet_pton(AF_INET6, host.c_str(), &v6) == 1) return IN6_IS_ADDR_LOOPBACK(&v6);
  return false;
}

std::optional<int> parse_serve_options(int argc, const char* const* argv, ServeOptions& options) {
  std::string listen = "127.0.0.1:8080", token_file, rate;
  auto& limits = options.limits;
  po::options_description serving("Serving");
  add_database_options(serving, options.db);
  serving.add_options()
      ("listen,l", po::value<std::string>(&listen)->value_name("HOST:PORT"),
       "address to listen on (default: 127.0.0.1:8080; port 0 picks a free one, logged on stderr)")
      ("token", po::value<std::string>(&token_file)->value_name("FILE"),
       "every request must carry the token held in FILE (its first line): an Authorization: Bearer "
       "header, or the cookie the page sets when opened once as /?token=TOKEN")
      ("public", po::bool_switch(&options.public_access),
       "allow a non-loopback address without --token: anyone who can reach it can search")
      ("connections", cli::count_value(&options.connections, "connections")->value_name("N"),
       "connections served at once, kept alive between requests (default: 128)")
      ("refresh", cli::count_value(&options.refresh_ms, "refresh")->value_name("MS"),
       "look for commits every MS milliseconds; after one, fresh searchers are opened beside the "
       "serving ones and answer from the new revision (default: 500)")
      ("cache", cli::count_value(&options.cache_entries, "cache")->value_name("N"),
       "keep the last N responses and answer a repeated request from them while the database "
       "revision stays the same (default: 1000; 0 turns the cache off)")
      ("cache-warm", cli::count_value(&options.cache_warm, "cache-warm")->value_name("N"),
       "after a commit, answer the N most recent cached requests again on the new revision before "
       "serving it, so that they stay fast (default: 100; 0: they miss once)")
      ("access-log", po::value<std::string>(&options.access_log)->value_name("FILE"),
       "log each request (time, client, method, path, status, bytes, milliseconds) to FILE (- for stderr)");
  cli::add_threads_option(serving, &options.searchers,
                          "searchers, each with its own database handle: searches run at once (default: all cores)");
  po::options_description limiting("Limits (a request over one is refused with a JSON error)");
  add_query_limit_options(limiting, limits.query);
  limiting.add_options()
      ("max-window", cli::count_value(&limits.max_window, "max-window")->value_name("N"),
       "refuse offset + limit above N (default: 10000)")
      ("max-facet-limit", cli::count_value(&limits.max_facet_limit, "max-facet-limit")->value_name("N"),
       "refuse facet_limit or significant_terms above N (default: 1000)")
      ("rate-limit", po::value<std::string>(&rate)->value_name("N"),
       "at most N requests per second from one client address, in bursts of up to 2N; more get 429 "
       "(default: none on loopback, 50 on any other address)")
      ("max-pending", cli::count_value(&limits.max_pending, "max-pending")->value_name("N"),
       "searches that may wait for a free searcher; more get 503 with Retry-After (default: 256)");

  const cli::CommandLine line{"newsdex-serve", USAGE, {serving, limiting}, {}, {}};
  po::variables_map vm;
  if (const auto exit_code = cli::parse_command_line(argc, argv, line, vm)) return exit_code;
  const auto usage_error = [&line](const std::string& message) { return cli::usage_error(line.program, message); };
  if (auto problem = check_reader_options(options.db, limits.query); !problem.empty()) return usage_error(problem);
  if (options.connections == 0) return usage_error("--connections must be at least 1");
  if (options.refresh_ms == 0) return usage_error("--refresh must be at least 1 (milliseconds)");
  const auto address = parse_listen(listen);
  if (!address) return usage_error("bad --listen '" + listen + "' (HOST:PORT, e.g. 127.0.0.1:8080)");
  std::tie(options.host, options.port) = *address;
  if (options.searchers == 0) options.searchers = std::max(1u, std::thread::hardware_concurrency());

  if (!token_file.empty()) {
    std::ifstream in(token_file);
    std::getline(in, options.token);
    while (!options.token.empty() && (options.token.back() == '\r' || options.token.back() == ' '))
      options.token.pop_back();
    if (!in && options.token.empty()) return usage_error("--token: cannot read '" + token_file + "'");
    if (options.token.size() < 16) return usage_error("--token: the token in '" + token_file + "' is shorter than 16 characters");
  }
  const bool loopback = is_loopback(options.host);
  if (!loopback && options.token.empty() && !options.public_access)
    return usage_error("refusing to listen on " + options.host +
                       ", which is not loopback, without --token FILE (every request then needs the token) "
                       "or --public (anyone who can reach it may search)");
  if (!rate.empty()) {
    try {
      std::size_t used = 0;
      limits.rate_per_client = std::stod(rate, &used);
      if (used != rate.size() || !(limits.rate_per_client >= 0) || limits.rate_per_client > 1e9) throw std::out_of_range(rate);
    } catch (const std::exception&) {
      return usage_error("bad --rate-limit '" + rate + "' (requests per second, 0 for none)");
    }
  } else {
    limits.rate_per_client = loopback ? 0 : 50;
  }
  return std::nullopt;
}

}  // namespace newsdex
