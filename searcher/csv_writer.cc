// --format csv: RFC 4180 tables that open cleanly in a spreadsheet and parse with any CSV
// reader. One table per thing asked: the hits (with --fields), the facets, the timeline,
// the co-occurring pairs, the significant terms; a blank line between two tables. In a
// batch every row starts with the query's id, and a table's header is written again only
// when the table before it had another header, so that a batch asking for one thing (a
// timeline per query) is one table. Queries run on several threads, so each record marks
// where its tables start (TABLE_MARK) and write_record, which sees the records in order,
// joins them.
#include <fmt/format.h>
#include <fmt/ostream.h>

#include <algorithm>

#include "storage/facet_values.h"
#include "hit_fields.h"
#include "core/printable.h"
#include "result_writer.h"

namespace newsdex {
namespace {

// Starts each table inside a batch record; never in a cell (cell() replaces it).
constexpr char TABLE_MARK = '\x1e';

// A cell quoted when it must be (a comma, a quote, a line break, or spaces at either end
// that a spreadsheet would trim), quotes doubled.
std::string cell(std::string_view text) {
  const bool quote = text.find_first_of(",\"\r\n") != std::string_view::npos ||
                     (!text.empty() && (text.front() == ' ' || text.back() == ' '));
  if (!quote) {
    std::string out(text);
    std::replace(out.begin(), out.end(), TABLE_MARK, ' ');
    return out;
  }
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c == TABLE_MARK ? ' ' : c;
  }
  return out + '"';
}

std::string number(double value) { return fmt::format("{:.6f}", value); }

class CsvWriter : public ResultWriter {
 public:
  CsvWriter(bool batch, std::vector<HitField> fields)
      : batch_(batch), explicit_fields_(!fields.empty()), fields_(std::move(fields)) {
    if (fields_.empty()) fields_ = default_csv_fields();
  }

  void write(std::ostream& out, const SearchRequest& request, const SearchResult& result) override {
    Record record{out, batch_, request.qid};
    if (request.limit > 0) {
      // Collapsed, the default hit also says how many similar articles matched.
      std::vector<HitField> fields = fields_;
      if (!explicit_fields_ && request.collapse) fields.push_back(HitField::SIMILAR);
      std::vector<std::string> header;
      header.reserve(fields.size());
      for (HitField f : fields) header.emplace_back(hit_field_name(f));
      record.begin(header);
      for (const auto& hit : result.hits) {
        std::vector<std::string> row;
        row.reserve(fields.size());
        for (HitField f : fields) row.push_back(hit_field_text(hit, f));
        record.row(row);
      }
    }
    if (!result.facets.empty()) {
      record.begin({"facet", "value", "label", "count"});
      for (const auto& facet : result.facets)
        for (const auto& v : facet.top)
          record.row({std::string(facet_name(facet.facet)), v.key, v.label, std::to_string(v.count)});
    }
    if (result.timeline) {
      record.begin({"unit", "period", "start", "count"});
      const std::string unit(timeline_unit_name(result.timeline->unit));
      for (const auto& p : result.timeline->points) record.row({unit, p.period, p.start, std::to_string(p.count)});
    }
    if (result.cooccurrence) {
      record.begin({"a_value", "a_label", "a_count", "b_value", "b_label", "b_count", "together", "g2", "npmi"});
      for (const auto& p : result.cooccurrence->top)
        record.row({p.a.key, p.a.label, std::to_string(p.a.count), p.b.key, p.b.label, std::to_string(p.b.count),
                    std::to_string(p.together), number(p.g2), number(p.npmi)});
    }
    if (result.significant) {
      record.begin({"kind", "value", "label", "matches", "archive", "score"});
      for (const auto& t : result.significant->top)
        record.row({std::string(term_kind_name(t.kind)), t.key, t.label, std::to_string(t.foreground),
                    std::to_string(t.background), number(t.score)});
    }
    if (record.tables == 0) {
      // Nothing else was asked (--limit 0 alone): the count is the answer.
      if (result.stories) {
        record.begin({"query", "total", "total_exact", "stories"});
        record.row({request.query, std::to_string(result.total), result.total_exact ? "true" : "false",
                    std::to_string(*result.stories)});
      } else {
        record.begin({"query", "total", "total_exact"});
        record.row({request.query, std::to_string(result.total), result.total_exact ? "true" : "false"});
      }
    }
  }

  // Joins a batch's records in order: a table whose header is the one written last runs
  // on without it; any other starts after a blank line.
  void write_record(std::ostream& out, const std::string& record) override {
    for (std::size_t at = record.find(TABLE_MARK); at != std::string::npos;) {
      const std::size_t next = record.find(TABLE_MARK, at + 1);
      const std::string_view table = std::string_view(record).substr(at + 1, next == std::string::npos ? next : next - at - 1);
      const std::size_t header_end = std::min(table.size(), table.find("\r\n") + 2);
      const std::string_view header = table.substr(0, header_end);
      if (header == last_header_) {
        out << table.substr(header_end);
      } else {
        if (!last_header_.empty()) out << "\r\n";
        out << table;
        last_header_ = header;
      }
      at = next;
    }
  }

  // A table has no place for errors: they go to the log, the batch goes on.
  void write_error(std::ostream&, const SearchRequest& request, const std::string& message) override {
    if (batch_) fmt::print(stderr, "newsdex-search: error: query {}: {}\n", printable(request.qid), printable(message));
    else fmt::print(stderr, "newsdex-search: error: {}\n", printable(message));
  }

 private:
  // One query's tables, as write() builds them (on any thread).
  struct Record {
    std::ostream& out;
    bool batch;
    const std::string& qid;
    int tables = 0;

    // A batch record marks each table's start for write_record; a single query's
    // tables are separated by a blank line here.
    void begin(const std::vector<std::string>& header) {
      if (batch) out << TABLE_MARK << "qid,";
      else if (tables > 0) out << "\r\n";
      ++tables;
      write_cells(out, header);
    }
    void row(const std::vector<std::string>& cells) {
      if (batch) out << cell(qid) << ',';
      write_cells(out, cells);
    }
  };

  static void write_cells(std::ostream& out, const std::vector<std::string>& cells) {
    for (std::size_t i = 0; i < cells.size(); ++i) {
      if (i > 0) out << ',';
      out << cell(cells[i]);
    }
    out << "\r\n";
  }

  bool batch_;
  bool explicit_fields_;  // --fields given: exactly those
  std::vector<HitField> fields_;
  std::string last_header_;  // write_record only: the header of the last table written
};

}  // namespace

std::unique_ptr<ResultWriter> make_csv_writer(bool batch, std::vector<HitField> fields) {
  return std::make_unique<CsvWriter>(batch, std::move(fields));
}

}  // namespace newsdex
