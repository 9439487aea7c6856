// Sharded indexes searched as one: seeds/ indexed into one database and into two shards;
// the shards searched as a local sharded directory and through two xapian-tcpsrv
// processes on 127.0.0.1 must answer every query exactly as the single database does.
// The servers are started and killed by the test (they never outlive it).
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <xapian.h>

#include <chrono>
#include <cmath>
#include <csignal>
#include <filesystem>
#include <future>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <thread>

#include "batch.h"
#include "query_builder.h"
#include "result_writer.h"
#include "core/schema.h"
#include "searcher.h"
#include "storage/shard_layout.h"
#include "test_support.h"

namespace newsdex {
namespace {

using testing::TempDir;

// A port nobody listens on now (the kernel's choice for an ephemeral bind).
unsigned free_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  socklen_t length = sizeof address;
  if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0)
    throw std::runtime_error("cannot find a free port");
  ::close(fd);
  return ntohs(address.sin_port);
}

bool accepts_connections(unsigned port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  const bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
  ::close(fd);
  return ok;
}

// One xapian-tcpsrv serving `db` read-only on 127.0.0.1. It runs in a process group of
// its own: on SIGTERM xapian-tcpsrv signals its whole group (to end its children), which
// must not be the test's. Killed (SIGKILL to the group) and reaped when destroyed, and
// killed by the kernel if the test process dies first (a crash, SIGPIPE, a timeout).
class TcpServer {
 public:
  explicit TcpServer(const std::string& db) : port_(free_port()) {
    pid_ = testing::start_tied_process(
        "xapian-tcpsrv", {"--quiet", "--interface", "127.0.0.1", "--port", std::to_string(port_), db}, {},
        /*own_group=*/true);
    for (int i = 0; i < 500 && !accepts_connections(port_); ++i) {
      int status = 0;
      if (::waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        throw std::runtime_error("xapian-tcpsrv exited at once (is xapian-tools installed?)");
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  }
  ~TcpServer() { stop(); }
  TcpServer(const TcpServer&) = delete;
  TcpServer& operator=(const TcpServer&) = delete;

  void stop() {
    if (pid_ <= 0) return;
    ::kill(-pid_, SIGKILL);
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
    pid_ = -1;
  }
  void pause() { ::kill(-pid_, SIGSTOP); }
  void resume() { ::kill(-pid_, SIGCONT); }
  unsigned port() const { return port_; }
  std::string address() const { return "127.0.0.1:" + std::to_string(port_); }

 private:
  unsigned port_;
  pid_t pid_ = -1;
};

// The databases, built once for the suite.
struct Corpus {
  TempDir dir;
  std::string single, sharded, remote_stub;
  std::unique_ptr<TcpServer> server0, server1;
};
Corpus* corpus = nullptr;

class Shards : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    corpus = new Corpus;
    corpus->single = corpus->dir / "single.db";
    corpus->sharded = corpus->dir / "sharded";
    for (const auto& [db, extra] : {std::pair{corpus->single, std::string()}, {corpus->sharded, std::string("2")}}) {
      std::vector<std::string> args{"-q", "--db", db};
      if (!extra.empty()) args.insert(args.end(), {"--shards", extra});
      args.emplace_back(NEWSDEX_SEEDS_DIR);
      const auto result = testing::run(NEWSDEX_INDEX_BIN, args);
      ASSERT_EQ(result.exit_code, 0) << result.err;
    }
    corpus->server0 = std::make_unique<TcpServer>(corpus->sharded + "/shard-0");
    corpus->server1 = std::make_unique<TcpServer>(corpus->sharded + "/shard-1");
    corpus->remote_stub = corpus->dir / "remote.stub";
    testing::write_file(corpus->remote_stub, "# two shards on loopback\nremote " + corpus->server0->address() +
                                                 "\nremote " + corpus->server1->address() + "\n");
  }
  static void TearDownTestSuite() {
    delete corpus;
    corpus = nullptr;
  }
};

// Hits in a canonical order: Xapian breaks ties (equal score, or equal date and score)
// by document id, and document ids differ between one database and its shards, so hits
// that tie keep their place as a group, sorted by article id within it.
struct Row {
  std::string id;
  std::string date;
  double score;
};
std::vector<Row> canonical(const SearchResult& result, SortOrder sort) {
  std::vector<Row> rows;
  for (const auto& hit : result.hits)
    rows.push_back({hit.article.id, hit.article.date ? hit.article.date->to_iso() : "", hit.score});
  auto ties = [&](const Row& a, const Row& b) {
    return std::abs(a.score - b.score) < 1e-9 && (sort == SortOrder::RELEVANCE || a.date == b.date);
  };
  for (std::size_t begin = 0; begin < rows.size();) {
    std::size_t end = begin + 1;
    while (end < rows.size() && ties(rows[end - 1], rows[end])) ++end;
    std::sort(rows.begin() + static_cast<std::ptrdiff_t>(begin), rows.begin() + static_cast<std::ptrdiff_t>(end),
              [](const Row& a, const Row& b) { return a.id < b.id; });
    begin = end;
  }
  return rows;
}

void expect_same(const SearchResult& expected, const SearchResult& actual, const SearchRequest& request,
                 const std::string& what) {
  SCOPED_TRACE(what + ": " + request.query);
  EXPECT_EQ(expected.total, actual.total);
  const auto a = canonical(expected, request.sort), b = canonical(actual, request.sort);
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].id, b[i].id) << "rank " << i + 1;
    EXPECT_NEAR(a[i].score, b[i].score, 1e-9) << "rank " << i + 1 << " id " << a[i].id;
  }
  ASSERT_EQ(expected.facets.size(), actual.facets.size());
  for (std::size_t f = 0; f < expected.facets.size(); ++f) {
    const auto& x = expected.facets[f];
    const auto& y = actual.facets[f];
    EXPECT_EQ(x.distinct, y.distinct) << facet_name(x.facet);
    ASSERT_EQ(x.top.size(), y.top.size()) << facet_name(x.facet);
    for (std::size_t v = 0; v < x.top.size(); ++v) {
      EXPECT_EQ(x.top[v].key, y.top[v].key) << facet_name(x.facet);
      EXPECT_EQ(x.top[v].count, y.top[v].count) << facet_name(x.facet) << " " << x.top[v].key;
    }
  }
}

SearchRequest request(const std::string& query) {
  SearchRequest r;
  r.query = query;
  r.limit = 2000;  // every match, so ties at the cut-off cannot differ
  r.snippet_length = 0;
  return r;
}

// The battery: plain, OR, phrase, filtered, date range, faceted, sorted by date,
// expansion, more-like-this.
std::vector<SearchRequest> battery() {
  std::vector<SearchRequest> out;
  out.push_back(request("oil prices"));
  out.push_back(request("cocoa OR coffee OR sugar"));
  out.push_back(request("\"crude oil\""));
  out.push_back(request("title:opec"));
  auto filtered = request("prices");
  filtered.filters = {"country:US"};
  out.push_back(filtered);
  auto ranged = request("bank");
  ranged.since = "1987-03-01";
  out.push_back(ranged);
  auto faceted = request("trade");
  faceted.facets.facets = {Facet::COUNTRY, Facet::PERSON, Facet::MONTH, Facet::SOURCE};
  faceted.facets.limit = 50;
  out.push_back(faceted);
  auto all = request("");
  all.filters = {"source:reuters"};
  all.facets.facets = {Facet::COUNTRY, Facet::DAY};
  all.facets.limit = 1000;
  out.push_back(all);
  auto by_date = request("oil");
  by_date.sort = SortOrder::DATE_DESC;
  out.push_back(by_date);
  auto oldest = request("dollar OR yen");
  oldest.sort = SortOrder::DATE;
  oldest.limit = 10;
  oldest.offset = 5;
  out.push_back(oldest);
  auto expanded = request("grain embargo");
  expanded.expansion = Expansion::WIDEN;
  expanded.default_or = true;
  out.push_back(expanded);
  auto like = request("");
  like.like_id = "248";
  out.push_back(like);
  return out;
}

TEST_F(Shards, LocalShardsAnswerLikeOneDatabase) {
  Searcher single(corpus->single);
  Searcher sharded(corpus->sharded);
  for (const auto& r : battery()) {
    SearchRequest columns = r, slots = r;
    columns.facet_method = FacetMethod::COLUMNS;
    slots.facet_method = FacetMethod::SLOTS;
    const SearchResult expected = single.search(columns);
    EXPECT_GT(expected.total, 0u) << r.query;
    expect_same(expected, sharded.search(columns), r, "local shards, in-memory columns");
    expect_same(expected, sharded.search(slots), r, "local shards, ValueCountMatchSpy");
  }
}

TEST_F(Shards, RemoteShardsAnswerLikeOneDatabase) {
  Searcher single(corpus->single);
  Searcher remote(corpus->remote_stub);
  for (const auto& r : battery()) {
    SearchRequest columns = r;
    columns.facet_method = FacetMethod::COLUMNS;  // remote shards count with the stock spy
    expect_same(single.search(columns), remote.search(columns), r, "remote shards");
  }
}

TEST_F(Shards, RecencyIsRefusedOnRemoteShardsOnly) {
  // Its posting source is newsdex's own: a stock xapian-tcpsrv cannot run it.
  auto r = request("oil");
  r.recency_half_life_days = 30;
  EXPECT_THROW(Searcher(corpus->remote_stub).search(r), QueryError);
  EXPECT_FALSE(Searcher(corpus->sharded).search(r).hits.empty());
}

TEST_F(Shards, SeveralDbArgumentsMixLocalAndRemote) {
  // shard-0 local, shard-1 remote: the same set, named two ways.
  DatabaseSpec spec;
  spec.databases = {corpus->sharded + "/shard-0", corpus->dir / "one-remote.stub"};
  testing::write_file(corpus->dir / "one-remote.stub", "remote " + corpus->server1->address() + "\n");
  Searcher mixed(spec);
  Searcher single(corpus->single);
  const auto r = battery()[6];
  expect_same(single.search(r), mixed.search(r), r, "local and remote");
}

// Runs newsdex-search's batch over `db` and returns each query's ids and scores.
std::map<std::string, std::vector<std::pair<std::string, double>>> run_cli_batch(const std::string& db,
                                                                                 const std::string& batch_file) {
  const auto result = testing::run(NEWSDEX_SEARCH_BIN, {"--db", db, "--batch", batch_file, "--format", "json",
                                                        "--snippet-length", "0", "--limit", "2000", "-j", "2"});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  std::map<std::string, std::vector<std::pair<std::string, double>>> out;
  std::istringstream lines(result.out);
  for (std::string line; std::getline(lines, line);) {
    const auto j = nlohmann::json::parse(line);
    auto& hits = out[j.at("qid").get<std::string>()];
    for (const auto& hit : j.at("hits")) hits.emplace_back(hit.at("id").get<std::string>(), hit.at("score").get<double>());
    // Canonical order within ties, as above.
    std::stable_sort(hits.begin(), hits.end(), [](const auto& a, const auto& b) {
      return std::abs(a.second - b.second) >= 1e-9 ? a.second > b.second : a.first < b.first;
    });
  }
  return out;
}

TEST_F(Shards, BatchesAnswerTheSameThroughTheCommandLine) {
  const std::string batch = corpus->dir / "batch.tsv";
  testing::write_file(batch, "q1\toil prices\nq2\t\"interest rates\"\nq3\tcountry:JP trade\n"
                             "{\"qid\": \"q4\", \"query\": \"gold\", \"sort\": \"-date\"}\n");
  const auto expected = run_cli_batch(corpus->single, batch);
  ASSERT_EQ(expected.size(), 4u);
  for (const auto& db : {corpus->sharded, corpus->remote_stub}) {
    const auto actual = run_cli_batch(db, batch);
    ASSERT_EQ(actual.size(), expected.size()) << db;
    for (const auto& [qid, hits] : expected) {
      const auto& other = actual.at(qid);
      ASSERT_EQ(hits.size(), other.size()) << db << " " << qid;
      EXPECT_FALSE(hits.empty()) << qid;
      for (std::size_t i = 0; i < hits.size(); ++i) {
        EXPECT_EQ(hits[i].first, other[i].first) << db << " " << qid << " rank " << i + 1;
        EXPECT_NEAR(hits[i].second, other[i].second, 1e-9) << db << " " << qid;
      }
    }
  }
}

TEST_F(Shards, AStoppedShardIsNamedAndAllowPartialAnswersFromTheOthers) {
  // A third server on a copy of shard-1, so the suite's servers stay up.
  TcpServer server0(corpus->sharded + "/shard-0");
  TcpServer server1(corpus->sharded + "/shard-1");
  const std::string stub = corpus->dir / "fault.stub";
  testing::write_file(stub, "remote " + server0.address() + "\nremote " + server1.address() + "\n");
  server1.stop();

  auto result = testing::run(NEWSDEX_SEARCH_BIN, {"--db", stub, "--timeout", "2000", "oil"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find(server1.address()), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("unreachable"), std::string::npos) << result.err;
  EXPECT_EQ(result.err.find(server0.address()), std::string::npos) << result.err;

  result = testing::run(NEWSDEX_SEARCH_BIN,
                        {"--db", stub, "--timeout", "2000", "--allow-partial", "--format", "json", "oil"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.err.find(server1.address()), std::string::npos) << result.err;
  const auto j = nlohmann::json::parse(result.out);
  EXPECT_EQ(j.at("missing_shards"), nlohmann::json::array({server1.address()}));

  // The answer is shard-0's own.
  SearchRequest r = request("oil");
  DatabaseSpec partial(stub);
  partial.allow_partial = true;
  const SearchResult answered = Searcher(partial).search(r);
  const SearchResult shard0 = Searcher(corpus->sharded + "/shard-0").search(r);
  EXPECT_EQ(answered.total, shard0.total);
  EXPECT_EQ(j.at("total").get<Xapian::doccount>(), shard0.total);
  EXPECT_LT(shard0.total, Searcher(corpus->single).search(r).total);
  EXPECT_EQ(answered.missing_shards, std::vector<std::string>{server1.address()});
}

TEST_F(Shards, ASilentShardTimesOutWithinTheTimeout) {
  TcpServer server(corpus->sharded + "/shard-0");
  const std::string stub = corpus->dir / "silent.stub";
  testing::write_file(stub, "remote " + server.address() + "\nauto " + corpus->sharded + "/shard-1\n");
  server.pause();
  const auto start = std::chrono::steady_clock::now();
  const auto result = testing::run(NEWSDEX_SEARCH_BIN, {"--db", stub, "--timeout", "400", "oil"});
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  server.resume();
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find(server.address()), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("did not answer within 400 ms"), std::string::npos) << result.err;
  EXPECT_LT(seconds, 3.0);
}

// A batch file of `count` queries q0..q(count-1) that every shard answers, and the
// arguments that run it against `stub` one query at a time, in TREC format.
std::vector<std::string> batch_arguments(const Corpus& corpus, const std::string& stub, const std::string& name,
                                         int count, const std::string& timeout_ms) {
  std::string batch;
  for (int i = 0; i < count; ++i) batch += "q" + std::to_string(i) + "\toil OR grain OR cocoa\n";
  const std::string batch_file = corpus.dir / (name + ".tsv");
  testing::write_file(batch_file, batch);
  return {"--db", stub, "--timeout", timeout_ms, "--batch", batch_file, "-j", "1",
          "--format", "trec", "--limit", "1", "--snippet-length", "0"};
}

// Bug: a batch whose shard went away exited with 2, the status of a malformed query.
TEST_F(Shards, ABatchWhoseShardGoesAwayExitsWithARuntimeError) {
  testing::CommandResult result;
  // As below: a run whose first query outlasted the timeout on a loaded machine, before
  // the shard went away, is run again.
  for (int attempt = 0; attempt < 3; ++attempt) {
    TcpServer server(corpus->sharded + "/shard-0");
    const std::string stub = corpus->dir / "going.stub";
    testing::write_file(stub, "remote " + server.address() + "\nauto " + corpus->sharded + "/shard-1\n");
    const auto args = batch_arguments(*corpus, stub, "going", 20000, "1000");
    auto answer = std::async(std::launch::async, [&] { return testing::run(NEWSDEX_SEARCH_BIN, args); });
    // Long enough for a sanitizer build on a busy machine to open the shards and begin;
    // the 20,000 queries take far longer than this.
    std::this_thread::sleep_for(std::chrono::milliseconds(2000));
    server.stop();
    result = answer.get();
    if (result.out.find("q0 Q0 ") != std::string::npos) break;
  }
  ASSERT_NE(result.out.find("q0 Q0 "), std::string::npos) << "the batch had begun: " << result.err.substr(0, 500);
  EXPECT_NE(result.err.find("queries failed"), std::string::npos) << "still running when the shard went away: "
                                                                   << result.err.substr(0, 500);
  EXPECT_EQ(result.exit_code, 1) << result.err.substr(0, 500);
}

// Bug: a shard that hung mid-batch was waited for by every later query (1,000 queries
// with --timeout 200 took 159 s). Now it costs one timeout, then is held down for a
// back-off: the later queries fail at once, or with --allow-partial are answered by the
// other shards.
TEST_F(Shards, AShardThatHangsMidBatchIsNotWaitedForByEveryQuery) {
  for (const bool partial : {false, true}) {
    // The shard is paused once the batch is under way. On a loaded machine (the sanitizer
    // build beside other tests) the first query alone, which opens the remote shard, has
    // outlasted the timeout before the pause; such a run says nothing about a shard that
    // hangs mid-batch, so it is run again, waiting longer before the pause.
    testing::CommandResult result;
    double seconds = 0;
    for (int attempt = 0; attempt < 3; ++attempt) {
      TcpServer server(corpus->sharded + "/shard-0");
      const std::string stub = corpus->dir / "hanging.stub";
      testing::write_file(stub, "remote " + server.address() + "\nauto " + corpus->sharded + "/shard-1\n");
      // Before, each query after the pause waited for two timeouts: some 35 minutes here.
      auto args = batch_arguments(*corpus, stub, "hanging", 3000, "400");
      if (partial) args.emplace_back("--allow-partial");
      const auto start = std::chrono::steady_clock::now();
      auto answer = std::async(std::launch::async, [&] { return testing::run(NEWSDEX_SEARCH_BIN, args); });
      std::this_thread::sleep_for(std::chrono::milliseconds(500 * (attempt + 1)));
      server.pause();
      result = answer.get();
      seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      server.resume();
      if (result.out.find("q0 Q0 ") != std::string::npos) break;
    }
    ASSERT_NE(result.out.find("q0 Q0 "), std::string::npos) << "the batch had begun: " << result.err.substr(0, 500);
    // Generous for a sanitizer build on a busy machine, which runs the 3,000 queries
    // slowly; the hung shard alone used to cost this run about 35 minutes.
    EXPECT_LT(seconds, 300.0) << "partial: " << partial << ": " << result.err.substr(0, 500);
    EXPECT_NE(result.err.find("did not answer within 400 ms"), std::string::npos) << result.err.substr(0, 500);
    if (partial) {
      EXPECT_EQ(result.exit_code, 0) << result.err.substr(0, 500);
      EXPECT_NE(result.out.find("q2999 Q0 "), std::string::npos) << "the other shard answered to the end";
    } else {
      EXPECT_EQ(result.exit_code, 1) << result.err.substr(0, 500);
      EXPECT_NE(result.err.find("is down: did not answer within 400 ms; not asked again for"), std::string::npos)
          << result.err.substr(0, 2000);
    }
  }
}

TEST_F(Shards, AShardOfAnotherSchemaVersionIsRefused) {
  const std::string old_db = corpus->dir / "old-schema.db";
  {
    Xapian::WritableDatabase db(old_db, Xapian::DB_CREATE);
    Xapian::Document doc;
    doc.add_term("Qold-1");
    db.add_document(doc);
    db.set_metadata(std::string(schema::METADATA_SCHEMA_VERSION), std::to_string(schema::VERSION + 1));
    db.commit();
  }
  const std::string version = std::to_string(schema::VERSION + 1);
  const std::string stub = corpus->dir / "mixed.stub";
  testing::write_file(stub, "auto " + corpus->sharded + "/shard-0\nauto " + old_db + "\n");
  auto result = testing::run(NEWSDEX_SEARCH_BIN, {"--db", stub, "--allow-partial", "oil"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find(old_db), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("schema version " + version), std::string::npos) << result.err;

  // Served remotely, it is refused by address.
  TcpServer server(old_db);
  testing::write_file(stub, "auto " + corpus->sharded + "/shard-0\nremote " + server.address() + "\n");
  result = testing::run(NEWSDEX_SEARCH_BIN, {"--db", stub, "oil"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find(server.address()), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("schema version " + version), std::string::npos) << result.err;
}

// Co-occurrence with one value named (--with) is two plain facet passes, which a remote
// shard counts: the same list as from one database. Every pair needs newsdex's own spy,
// which a stock xapian-tcpsrv cannot run: refused with a message that says what works.
TEST_F(Shards, CooccurrenceWithAValueIsCountedOnRemoteShardsAndEveryPairIsRefusedThere) {
  const std::vector<std::string> ask = {"--cooccur", "person,country", "--with", "James Baker", "--limit", "0",
                                        "--format", "json"};
  std::vector<nlohmann::json> answers;
  for (const auto& db : {corpus->single, corpus->sharded, corpus->remote_stub}) {
    std::vector<std::string> args{"--db", db};
    args.insert(args.end(), ask.begin(), ask.end());
    const auto r = testing::run(NEWSDEX_SEARCH_BIN, args);
    ASSERT_EQ(r.exit_code, 0) << db << ": " << r.err;
    answers.push_back(nlohmann::json::parse(r.out)["cooccurrence"]);
  }
  ASSERT_GT(answers[0]["pairs"].size(), 0u) << answers[0].dump();
  // Scores are sums of logarithms: equal to rounding, not to the last bit.
  for (std::size_t i = 1; i < answers.size(); ++i) {
    ASSERT_EQ(answers[i]["pairs"].size(), answers[0]["pairs"].size()) << i;
    for (std::size_t p = 0; p < answers[0]["pairs"].size(); ++p) {
      const auto& x = answers[0]["pairs"][p];
      const auto& y = answers[i]["pairs"][p];
      EXPECT_EQ(x["b"], y["b"]) << i;
      EXPECT_EQ(x["together"], y["together"]) << i;
      EXPECT_NEAR(x["g2"].get<double>(), y["g2"].get<double>(), 1e-9) << i;
    }
    EXPECT_EQ(answers[i]["with_matches"], answers[0]["with_matches"]);
  }
  const auto r = testing::run(NEWSDEX_SEARCH_BIN, {"--db", corpus->remote_stub, "--cooccur", "person"});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("co-occurrence over every pair needs local databases"), std::string::npos) << r.err;
}

// Bug: an article naming 40 people was counted under its first 32 (the schema's run of
// person slots), locally and on a remote shard. 500 people, all counted both ways.
TEST(CrowdedArticle, EveryPersonItNamesIsCountedLocallyAndOnARemoteShard) {
  TempDir dir;
  nlohmann::json people = nlohmann::json::array();
  for (int i = 0; i < 500; ++i) people.push_back("Zed Person" + std::to_string(i));
  const nlohmann::json crowded = {{"id", "census"}, {"title", "Census"}, {"body", "The census names many."},
                                  {"people", people}};
  const nlohmann::json other = {{"id", "other"}, {"title", "Other"}, {"body", "The census names one."},
                                {"people", {"Zed Person499", "Ann Other"}}};
  testing::write_file(dir.path() / "news.jsonl", crowded.dump() + "\n" + other.dump() + "\n");
  const std::string db = dir / "news.db";
  const auto indexed = testing::run(NEWSDEX_INDEX_BIN, {"-q", "--db", db, dir / "news.jsonl"});
  ASSERT_EQ(indexed.exit_code, 0) << indexed.err;
  TcpServer server(db);
  testing::write_file(dir.path() / "remote.stub", "remote " + server.address() + "\n");
  for (const std::string& target : {db, std::string(dir / "remote.stub")}) {
    SCOPED_TRACE(target);
    const auto r = testing::run(NEWSDEX_SEARCH_BIN, {"--db", target, "--filter", "person:Zed Person499", "--facet",
                                                     "person", "--facet-limit", "1000", "--limit", "0", "--format", "json"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const auto out = nlohmann::json::parse(r.out);
    EXPECT_EQ(out["total"], 2);
    const auto& person = out["facets"]["person"];
    EXPECT_EQ(person["distinct"], 501);
    std::map<std::string, int> counts;
    for (const auto& v : person["values"]) counts[v["label"].get<std::string>()] = v["count"].get<int>();
    EXPECT_EQ(counts.size(), 501u);
    EXPECT_EQ(counts["Zed Person499"], 2);
    EXPECT_EQ(counts["Zed Person32"], 1) << "the first value past the run of slots";
    EXPECT_EQ(counts["Ann Other"], 1);
  }
}

}  // namespace
}  // namespace newsdex
