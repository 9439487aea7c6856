#include "result_writer.h"

#include <nlohmann/json.hpp>

#include <fmt/format.h>
#include <fmt/ostream.h>

#include "cooccurrence.h"
#include "storage/facet_values.h"
#include "core/printable.h"
#include "text_formatter.h"

namespace newsdex {
namespace {

using json = nlohmann::ordered_json;

// Every JSON line must stay valid whatever the articles hold: nlohmann escapes control
// characters, and invalid UTF-8 is replaced (U+FFFD) instead of throwing.
std::string dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

// The default JSON hit: these fields, leaving out title_derived unless true and a source
// or url that is not known.
json hit_json(const Hit& hit) {
  static const HitField FIELDS[] = {HitField::RANK,   HitField::ID,      HitField::SCORE,     HitField::TITLE,
                                    HitField::TITLE_DERIVED, HitField::DATE, HitField::SOURCE,  HitField::URL,
                                    HitField::AUTHORS, HitField::PEOPLE, HitField::COUNTRIES, HitField::SNIPPET};
  json j;
  for (HitField f : FIELDS) {
    if (f == HitField::TITLE_DERIVED && !hit.article.title_derived) continue;
    if ((f == HitField::SOURCE && hit.article.source.empty()) || (f == HitField::URL && hit.article.url.empty()))
      continue;
    j[std::string(hit_field_name(f))] = hit_field_json(hit, f);
  }
  // Collapsed (the only time a default hit knows its story): the story and its copies.
  if (!hit.story.empty()) {
    j["story"] = hit.story;
    j["similar"] = hit.similar;
  }
  return j;
}

json facets_json(const std::vector<FacetCounts>& facets) {
  json j = json::object();
  for (const auto& facet : facets) {
    json values = json::array();
    for (const auto& v : facet.top) values.push_back({{"value", v.key}, {"label", v.label}, {"count", v.count}});
    json& entry = j[std::string(facet_name(facet.facet))];
    entry = {{"distinct", facet.distinct}, {"values", std::move(values)}};
    if (facet.undated) entry["undated"] = *facet.undated;
  }
  return j;
}

json timeline_json(const Timeline& timeline) {
  json periods = json::array();
  for (const auto& point : timeline.points)
    periods.push_back({{"period", point.period}, {"start", point.start}, {"count", point.count}});
  json j = {{"unit", timeline_unit_name(timeline.unit)}, {"undated", timeline.undated}};
  if (timeline.unit == TimelineUnit::DAY || timeline.unit == TimelineUnit::WEEK) j["month_only"] = timeline.month_only;
  j["periods"] = std::move(periods);
  return j;
}

json cooccurrence_json(const Cooccurrence& co) {
  const auto value = [](const FacetValue& v) { return json{{"value", v.key}, {"label", v.label}, {"count", v.count}}; };
  json pairs = json::array();
  for (const auto& pair : co.top)
    pairs.push_back({{"a", value(pair.a)}, {"b", value(pair.b)}, {"together", pair.together}, {"g2", pair.g2},
                     {"npmi", pair.npmi}});
  json j = {{"facets", {facet_name(co.request.first), facet_name(co.request.second)}}, {"matches", co.matches}};
  if (!co.request.with.empty()) {
    j["with"] = co.request.with;
    j["with_matches"] = co.with_matches;
  }
  j["min_together"] = MIN_TOGETHER;
  j["distinct"] = co.distinct;
  j["pairs"] = std::move(pairs);
  return j;
}

json significant_json(const SignificantTerms& terms) {
  json top = json::array();
  for (const auto& t : terms.top)
    top.push_back({{"kind", term_kind_name(t.kind)}, {"value", t.key}, {"label", t.label}, {"matches", t.foreground},
                   {"archive", t.background}, {"score", t.score}});
  return {{"sample", terms.foreground}, {"archive", terms.background}, {"statistic", "JLH"}, {"terms", std::move(top)}};
}

json header_json(const SearchRequest& request, bool batch) {
  json j;
  if (batch) j["qid"] = request.qid;
  j["query"] = request.query;
  if (!request.like_id.empty()) j["like"] = request.like_id;
  return j;
}

class TextWriter : public ResultWriter {
 public:
  TextWriter(bool colour, bool batch, std::size_t width) : colour_(colour), batch_(batch), width_(width) {}
  void write(std::ostream& out, const SearchRequest& request, const SearchResult& result) override {
    if (batch_) fmt::print(out, "# {}\n", printable(request.qid));
    write_text(out, request, result, colour_, width_);
    if (batch_) out << '\n';
  }
  void write_error(std::ostream& out, const SearchRequest& request, const std::string& message) override {
    if (batch_) fmt::print(out, "# {}\nerror: {}\n\n", printable(request.qid), printable(message));
    else fmt::print(out, "error: {}\n", printable(message));
  }

 private:
  bool colour_;
  bool batch_;
  std::size_t width_;
};

class JsonWriter : public ResultWriter {
 public:
  JsonWriter(bool per_hit, bool batch, std::vector<HitField> fields, bool highlights)
      : per_hit_(per_hit), batch_(batch), fields_(std::move(fields)), highlights_(highlights) {}
  void write(std::ostream& out, const SearchRequest& request, const SearchResult& result) override {
    if (per_hit_) {
      for (const auto& hit : result.hits) {
        json j = header_json(request, batch_);
        j.update(hit_object(hit));
        out << dump(j) << '\n';
      }
      // The totals and facets have no hit to ride on: one summary line after the hits.
      if (!result.facets.empty() || result.timeline || result.cooccurrence || result.significant || result.hits.empty() ||
          !result.missing_shards.empty())
        out << dump(summary(request, result)) << '\n';
      return;
    }
    json j = summary(request, result);
    json hits = json::array();
    for (const auto& hit : result.hits) hits.push_back(hit_object(hit));
    j["hits"] = std::move(hits);
    out << dump(j) << '\n';
  }
  void write_error(std::ostream& out, const SearchRequest& request, const std::string& message) override {
    json j = header_json(request, batch_);
    j["error"] = message;
    out << dump(j) << '\n';
  }

 private:
  // The default fields (hit_json), or exactly those of --fields, in their order.
  json hit_object(const Hit& hit) const {
    json j = json::object();
    if (fields_.empty()) j = hit_json(hit);
    else
      for (HitField f : fields_) j[std::string(hit_field_name(f))] = hit_field_json(hit, f);
    if (highlights_ && j.contains("snippet")) {
      json spans = json::array();
      for (const auto& [start, length] : snippet_highlights(hit.snippet)) spans.push_back({start, length});
      j["highlights"] = std::move(spans);
    }
    return j;
  }
  json summary(const SearchRequest& request, const SearchResult& result) const {
    json j = header_json(request, batch_);
    if (per_hit_) j["summary"] = true;
    j["total"] = result.total;
    j["total_exact"] = result.total_exact;
    j["total_min"] = result.total_min;
    j["total_max"] = result.total_max;
    if (result.stories) j["stories"] = *result.stories;
    if (result.every_word) {
      json every_word = {{"total", result.every_word->articles}};
      if (result.every_word->stories) every_word["stories"] = *result.every_word->stories;
      j["every_word"] = std::move(every_word);
    }
    if (!result.suggestion.empty()) j["suggestion"] = result.suggestion;
    if (!result.missing_shards.empty()) j["missing_shards"] = result.missing_shards;
    if (!result.facets.empty()) j["facets"] = facets_json(result.facets);
    if (result.timeline) j["timeline"] = timeline_json(*result.timeline);
    if (result.cooccurrence) j["cooccurrence"] = cooccurrence_json(*result.cooccurrence);
    if (result.significant) j["significant_terms"] = significant_json(*result.significant);
    return j;
  }
  bool per_hit_;
  bool batch_;
  std::vector<HitField> fields_;
  bool highlights_;
};

// TREC ids are whitespace-separated fields: never a space (or a control character) inside.
std::string trec_token(std::string_view text) {
  std::string out;
  for (char c : text) out += (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) ? '_' : c;
  return out.empty() ? "-" : out;
}

class TrecWriter : public ResultWriter {
 public:
  explicit TrecWriter(const std::string& tag) : tag_(trec_token(tag)) {}
  void write(std::ostream& out, const SearchRequest& request, const SearchResult& result) override {
    const std::string qid = trec_token(request.qid);
    for (const auto& hit : result.hits)
      fmt::print(out, "{} Q0 {} {} {:.6f} {}\n", qid, trec_token(hit.article.id), hit.rank, hit.score, tag_);
  }
  // A run file has no place for errors: they go to the log, the batch goes on.
  void write_error(std::ostream&, const SearchRequest& request, const std::string& message) override {
    fmt::print(stderr, "newsdex-search: error: query {}: {}\n", printable(request.qid), printable(message));
  }

 private:
  std::string tag_;
};

}  // namespace

std::optional<OutputFormat> output_format_from_name(std::string_view name) {
  if (name == "text") return OutputFormat::TEXT;
  if (name == "json") return OutputFormat::JSON;
  if (name == "jsonl") return OutputFormat::JSONL;
  if (name == "trec") return OutputFormat::TREC;
  if (name == "csv") return OutputFormat::CSV;
  return std::nullopt;
}

std::unique_ptr<ResultWriter> make_writer(OutputFormat format, const WriterOptions& options) {
  switch (format) {
    case OutputFormat::TEXT: return std::make_unique<TextWriter>(options.colour, options.batch, options.width);
    case OutputFormat::JSON: return std::make_unique<JsonWriter>(false, options.batch, options.fields, options.highlights);
    case OutputFormat::JSONL: return std::make_unique<JsonWriter>(true, options.batch, options.fields, options.highlights);
    case OutputFormat::TREC: return std::make_unique<TrecWriter>("newsdex");
    case OutputFormat::CSV: return make_csv_writer(options.batch, options.fields);
  }
  return std::make_unique<TextWriter>(options.colour, options.batch, options.width);
}

}  // namespace newsdex
