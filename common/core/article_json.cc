#include "core/article_json.h"

#include <nlohmann/json.hpp>

namespace newsdex {
namespace {

using json = nlohmann::ordered_json;

// Builds an ordered_json object; a nested object ("given") is built apart and added to
// its parent when it ends.
class JsonSink {
 public:
  void string(const char* key, const std::string& value) { current()[key] = value; }
  void null(const char* key) { current()[key] = nullptr; }
  void boolean(const char* key, bool value) { current()[key] = value; }
  void strings(const char* key, const std::vector<std::string>& values) { current()[key] = values; }
  void start_object(const char* key) {
    if (key) open_.emplace_back(key, json::object());
  }
  void end_object() {
    if (open_.empty()) return;
    auto [key, object] = std::move(open_.back());
    open_.pop_back();
    current()[key] = std::move(object);
  }

  json root = json::object();

 private:
  json& current() { return open_.empty() ? root : open_.back().second; }

  std::vector<std::pair<std::string, json>> open_;
};

}  // namespace

std::string article_json_line(const Article& article, const ArticleJsonFields& fields) {
  JsonSink sink;
  write_article_json(article, fields, sink);
  return sink.root.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace newsdex
