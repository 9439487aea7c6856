#include "storage/shard_layout.h"

#include <charconv>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include <fmt/format.h>

namespace newsdex {
namespace fs = std::filesystem;

std::uint32_t shard_for(std::string_view article_id, std::uint32_t shard_count) {
  if (shard_count <= 1) return 0;
  std::uint64_t hash = 14695981039346656037ULL;  // FNV-1a offset basis
  for (unsigned char c : article_id) {
    hash ^= c;
    hash *= 1099511628211ULL;  // FNV prime
  }
  return static_cast<std::uint32_t>(hash % shard_count);
}

std::string shard_directory_name(std::uint32_t index) { return fmt::format("shard-{}", index); }

std::string ShardLocation::describe() const {
  return kind == Kind::REMOTE ? fmt::format("{}:{}", host, port) : path;
}

std::vector<ShardLocation> read_stub_file(const std::string& stub_path) {
  std::ifstream in(stub_path);
  if (!in) throw std::runtime_error(stub_path + ": cannot read stub database file");
  const fs::path base = fs::path(stub_path).parent_path();
  std::vector<ShardLocation> shards;
  std::string line;
  for (std::size_t line_no = 1; std::getline(in, line); ++line_no) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    const std::string where = fmt::format("{}:{}", stub_path, line_no);
    const auto space = line.find(' ');
    const std::string type = line.substr(0, space);
    const std::string rest = space == std::string::npos ? std::string() : line.substr(space + 1);
    ShardLocation shard;
    shard.origin = where;
    if (type == "auto" || type == "glass" || type == "chert") {
      if (rest.empty()) throw std::runtime_error(where + ": '" + type + "' needs a database path");
      const fs::path path(rest);
      shard.path = (path.is_relative() ? base / path : path).lexically_normal().string();
    } else if (type == "remote") {
      const auto colon = rest.rfind(':');
      if (rest.empty() || rest[0] == ':' || colon == std::string::npos)
        throw std::runtime_error(where + ": expected 'remote HOST:PORT'");
      shard.kind = ShardLocation::Kind::REMOTE;
      shard.host = rest.substr(0, colon);
      const std::string port = rest.substr(colon + 1);
      auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), shard.port);
      if (ec != std::errc{} || end != port.data() + port.size() || shard.port == 0 || shard.port > 65535)
        throw std::runtime_error(where + ": bad port '" + port + "'");
    } else {
      throw std::runtime_error(where + ": unknown database type '" + type + "' (expected auto or remote)");
    }
    shards.push_back(std::move(shard));
  }
  if (shards.empty()) throw std::runtime_error(stub_path + ": stub database file lists no databases");
  return shards;
}

namespace {

// A stub's local entries that are themselves sets of databases (a stub file, or a
// directory whose stub lists several) are replaced by what they list, so every shard is
// opened, checked and named on its own. Depth-limited against stubs naming each other.
std::vector<ShardLocation> expand_entries(std::vector<ShardLocation> entries, int depth) {
  if (depth > 8) throw std::runtime_error(entries.front().origin + ": stub database files nested too deeply");
  std::vector<ShardLocation> out;
  for (auto& entry : entries) {
    std::error_code ec;
    if (entry.kind == ShardLocation::Kind::LOCAL) {
      const fs::path stub = fs::path(entry.path) / std::string(STUB_FILE_NAME);
      if (fs::is_regular_file(entry.path, ec)) {
        auto inner = expand_entries(read_stub_file(entry.path), depth + 1);
        out.insert(out.end(), inner.begin(), inner.end());
        continue;
      }
      if (fs::exists(stub, ec)) {
        auto inner = read_stub_file(stub.string());
        if (inner.size() > 1 || inner.front().kind == ShardLocation::Kind::REMOTE) {
          inner = expand_entries(std::move(inner), depth + 1);
          out.insert(out.end(), inner.begin(), inner.end());
          continue;
        }
      }
    }
    out.push_back(std::move(entry));
  }
  return out;
}

}  // namespace

std::vector<ShardLocation> expand_database_argument(const std::string& argument) {
  std::error_code ec;
  const auto status = fs::status(argument, ec);
  if (ec || !fs::exists(status))
    throw std::runtime_error(argument + ": no such database (create it with newsdex-index --db " + argument + ")");
  ShardLocation whole;
  whole.path = argument;
  whole.origin = argument;
  return expand_entries({whole}, 0);
}

}  // namespace newsdex
