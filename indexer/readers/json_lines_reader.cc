#include "json_lines_reader.h"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>

#include "core/ascii_text.h"
#include "core/text_encoding.h"

namespace newsdex {
namespace {

// Parsed with RapidJSON, in place: faster than nlohmann-json (measured:
// docs/measurements.md#json-reading-and-writing), and reading runs on the thread that
// feeds every analysis thread.
using Value = rapidjson::Value;

// The deepest nesting of arrays and objects in `text`, counted without parsing (strings
// are skipped), stopping as soon as it passes `limit`.
int nesting_depth(std::string_view text, int limit) {
  int depth = 0, deepest = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
      continue;
    }
    if (c == '"') in_string = true;
    else if (c == '[' || c == '{') {
      deepest = std::max(deepest, ++depth);
      if (deepest > limit) return deepest;
    } else if (c == ']' || c == '}') --depth;
  }
  return deepest;
}

const Value* member(const Value& object, std::string_view key) {
  if (!object.IsObject()) return nullptr;
  const Value name(rapidjson::StringRef(key.data(), static_cast<rapidjson::SizeType>(key.size())));
  auto it = object.FindMember(name);
  return it == object.MemberEnd() || it->value.IsNull() ? nullptr : &it->value;
}

const Value* find_path(const Value& record, std::string_view path) {
  const Value* at = &record;
  while (at) {
    const std::size_t dot = path.find('.');
    at = member(*at, path.substr(0, dot));
    if (dot == std::string_view::npos) return at;
    path.remove_prefix(dot + 1);
  }
  return nullptr;
}

// A string, a number, an array of paragraphs, or an object with a name or text.
std::string text_of(const Value& value) {
  if (value.IsString()) return std::string(value.GetString(), value.GetStringLength());
  if (value.IsNumber()) {
    // As written in JSON: integers as integers, other numbers in their shortest form.
    rapidjson::StringBuffer out;
    rapidjson::Writer<rapidjson::StringBuffer> writer(out);
    value.Accept(writer);
    return std::string(out.GetString(), out.GetSize());
  }
  if (value.IsArray()) {
    std::string out;
    for (const auto& part : value.GetArray()) {
      std::string piece = text_of(part);
      if (piece.empty()) continue;
      if (!out.empty()) out += "\n\n";
      out += piece;
    }
    return out;
  }
  for (const char* key : {"name", "text", "value", "title"})
    if (const Value* part = member(value, key)) return text_of(*part);
  return {};
}

std::vector<std::string> list_of(const Value& value, bool names) {
  std::vector<std::string> out;
  if (value.IsArray()) {
    for (const auto& item : value.GetArray()) {
      std::string s(trim_space(text_of(item)));
      if (!s.empty()) out.push_back(std::move(s));
    }
  } else if (names) {
    out = split_names(text_of(value));
  } else {
    const std::string s(trim_space(text_of(value)));
    if (!s.empty()) out.push_back(s);
  }
  return out;
}

}  // namespace

JsonLinesReader::JsonLinesReader(std::istream& in, std::string name, std::string default_id,
                                 Diagnostics& diagnostics, const ReaderOptions& options)
    : name_(std::move(name)),
      default_id_(std::move(default_id)),
      diagnostics_(diagnostics),
      scanner_(in, options.max_record_bytes),
      fields_(options.fields) {}

bool JsonLinesReader::next(Article& article) {
  while (true) {
    const auto status = scanner_.next_line(line_);
    if (status == RecordScanner::Status::END) {
      if (scanner_.read_error()) diagnostics_.skipped({name_, scanner_.line(), 0}, "unreadable", "read error");
      return false;
    }
    article = Article{};
    article.origin = {name_, scanner_.line(), 0};
    if (status == RecordScanner::Status::TOO_LARGE) {
      diagnostics_.skipped(article.origin, "too-large", "line longer than the --max-record-size limit");
      continue;
    }
    if (trim_space(line_).empty()) continue;
    if (parse_line(line_, article)) return true;
  }
}

bool JsonLinesReader::parse_line(std::string& line, Article& article) {
  if (repair_utf8(line)) diagnostics_.warning(article.origin, "invalid-utf8", "invalid UTF-8 replaced with U+FFFD");
  // Raw control bytes (tabs included) are not allowed inside JSON strings; as spaces they
  // are harmless between tokens too.
  bool control = false;
  for (char& c : line) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7F) {
      control = control || c != '\t';
      c = ' ';
    }
  }
  if (control) diagnostics_.warning(article.origin, "control-bytes", "control characters replaced with spaces");
  if (nesting_depth(line, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) {
    diagnostics_.skipped(article.origin, "malformed-json",
                         "JSON nested deeper than " + std::to_string(MAX_JSON_DEPTH) + " levels");
    return false;
  }
  // In place: the record's strings stay in `line`, which outlives `record` here.
  rapidjson::Document record;
  record.ParseInsitu(line.data());
  if (record.HasParseError()) {
    std::string what = rapidjson::GetParseError_En(record.GetParseError());  // "Invalid value."
    if (what.ends_with('.')) what.pop_back();
    diagnostics_.skipped(article.origin, "malformed-json",
                         "malformed JSON at column " + std::to_string(record.GetErrorOffset() + 1) + ": " + what);
    return false;
  }
  if (!record.IsObject()) {
    diagnostics_.skipped(article.origin, "malformed-json", "the line is not a JSON object");
    return false;
  }
  auto field = [&](const std::string& name) -> const Value* {
    for (const auto& path : fields_.names(name))
      if (const Value* value = find_path(record, path)) return value;
    return nullptr;
  };
  auto text = [&](const std::string& name) {
    const Value* value = field(name);
    return value ? std::string(trim_space(text_of(*value))) : std::string();
  };

  article.id = text("id");
  if (article.id.empty()) article.id = default_id_ + ":" + std::to_string(article.origin.line);
  article.title = text("title");
  article.body = text("body");
  article.dateline = text("dateline");
  article.url = text("url");
  article.source = text("source");
  if (const Value* authors = field("authors")) article.authors = list_of(*authors, true);
  set_language(article, text("language"), diagnostics_);
  if (const Value* date = field("date")) {
    if (date->IsNumber()) {
      article.date = date_from_unix(date->GetDouble());
      if (!article.date)
        diagnostics_.warning(article.origin, "bad-date", "unparseable date '" + text_of(*date) + "'; article kept without a date");
    } else {
      set_date(article, text_of(*date), dates_, diagnostics_);
    }
  }
  if (const Value* people = field("people")) set_given_people(article, list_of(*people, false));
  if (const Value* countries = field("countries")) set_given_countries(article, list_of(*countries, false), diagnostics_);
  if (const Value* topics = field("topics")) article.given.topics = list_of(*topics, false);
  return finish_record(article, diagnostics_);
}

}  // namespace newsdex
