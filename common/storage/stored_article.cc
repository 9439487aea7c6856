#include "storage/stored_article.h"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <stdexcept>


#include "core/article_json.h"
#include "core/text_encoding.h"

// Written and read with RapidJSON: the indexer writes every article and the searcher reads
// every hit it shows, and RapidJSON reads and writes them faster than nlohmann-json
// (measured: docs/measurements.md#json-reading-and-writing).

namespace newsdex {
namespace {

void get_if_present(const rapidjson::Value& object, const char* key, std::string& out) {
  if (auto it = object.FindMember(key); it != object.MemberEnd() && it->value.IsString())
    out.assign(it->value.GetString(), it->value.GetStringLength());
}

void get_if_present(const rapidjson::Value& object, const char* key, std::vector<std::string>& out) {
  auto it = object.FindMember(key);
  if (it == object.MemberEnd() || !it->value.IsArray()) return;
  for (const auto& item : it->value.GetArray())
    if (item.IsString()) out.emplace_back(item.GetString(), item.GetStringLength());
}

// Writes JSON, validating that every string is UTF-8: `valid` turns false when one is not.
class ArticleWriter {
 public:
  explicit ArticleWriter(rapidjson::StringBuffer& out) : w_(out) {}

  void string(const char* key, const std::string& value) {
    w_.Key(key);
    valid = w_.String(value.data(), static_cast<rapidjson::SizeType>(value.size())) && valid;
  }
  void null(const char* key) {
    w_.Key(key);
    w_.Null();
  }
  void boolean(const char* key, bool value) {
    w_.Key(key);
    w_.Bool(value);
  }
  void strings(const char* key, const std::vector<std::string>& values) {
    w_.Key(key);
    w_.StartArray();
    for (const auto& v : values) valid = w_.String(v.data(), static_cast<rapidjson::SizeType>(v.size())) && valid;
    w_.EndArray();
  }
  void start_object(const char* key) {
    if (key) w_.Key(key);
    w_.StartObject();
  }
  void end_object() { w_.EndObject(); }

  bool valid = true;

 private:
  rapidjson::Writer<rapidjson::StringBuffer, rapidjson::UTF8<>, rapidjson::UTF8<>, rapidjson::CrtAllocator,
                    rapidjson::kWriteValidateEncodingFlag>
      w_;
};

// False when a field holds invalid UTF-8.
bool write_article(const Article& a, rapidjson::StringBuffer& out) {
  ArticleWriter w(out);
  write_article_json(a, ARTICLE_JSON_STORED, w);
  return w.valid;
}

}  // namespace

std::string encode_stored_article(const Article& article) {
  rapidjson::StringBuffer out;
  if (write_article(article, out)) return std::string(out.GetString(), out.GetSize());
  // Invalid UTF-8 has been repaired by the readers; repair anything left rather than throw.
  Article repaired = article;
  for (std::string* s : {&repaired.id, &repaired.title, &repaired.source, &repaired.url, &repaired.dateline,
                         &repaired.language, &repaired.body})
    repair_utf8(*s);
  for (auto* list : {&repaired.authors, &repaired.people, &repaired.countries, &repaired.regions, &repaired.given.people,
                     &repaired.given.places, &repaired.given.topics})
    for (auto& s : *list) repair_utf8(s);
  out.Clear();
  write_article(repaired, out);
  return std::string(out.GetString(), out.GetSize());
}

Article decode_stored_article(std::string_view data) {
  rapidjson::Document j;
  j.Parse(data.data(), data.size());
  if (j.HasParseError() || !j.IsObject()) throw std::runtime_error("document data is not a newsdex article");
  Article a;
  get_if_present(j, "id", a.id);
  get_if_present(j, "title", a.title);
  if (auto derived = j.FindMember("title_derived"); derived != j.MemberEnd() && derived->value.IsBool())
    a.title_derived = derived->value.GetBool();
  get_if_present(j, "source", a.source);
  get_if_present(j, "url", a.url);
  get_if_present(j, "dateline", a.dateline);
  get_if_present(j, "language", a.language);
  get_if_present(j, "authors", a.authors);
  get_if_present(j, "people", a.people);
  get_if_present(j, "countries", a.countries);
  get_if_present(j, "regions", a.regions);
  get_if_present(j, "text", a.body);
  std::string date;
  get_if_present(j, "date", date);
  if (!date.empty()) a.date = partial_date_from_iso(date);
  std::vector<std::string> mentioned;
  get_if_present(j, "mentioned_dates", mentioned);
  for (const auto& m : mentioned)
    if (auto d = partial_date_from_iso(m)) a.mentioned_dates.push_back(*d);
  if (auto given = j.FindMember("given"); given != j.MemberEnd() && given->value.IsObject()) {
    get_if_present(given->value, "people", a.given.people);
    get_if_present(given->value, "places", a.given.places);
    get_if_present(given->value, "topics", a.given.topics);
  }
  return a;
}

}  // namespace newsdex
