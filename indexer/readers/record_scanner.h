// Bounded, streaming reading of record-oriented input: lines (JSON Lines) and tagged
// records (<REUTERS ...>...</REUTERS>, <DOC>...</DOC>). The input is read in chunks, so
// memory stays bounded by the largest allowed record whatever the size of the input;
// a longer record is skipped without ever being held whole.
#pragma once

#include <cstddef>
#include <istream>
#include <string>
#include <string_view>

#include "core/diagnostics.h"
#include "core/source_position.h"

namespace newsdex {

class RecordScanner {
 public:
  enum class Status {
    OK,        // a line or record was returned
    TOO_LARGE,  // the next line or record is longer than the limit; it was skipped
    UNCLOSED,  // a record opened but never closed (or a new one opened inside it); skipped
    END,       // nothing more in the input
  };

  // `max_record_bytes`: the longest line or record accepted, in bytes.
  RecordScanner(std::istream& in, std::size_t max_record_bytes);

  // The next line, without its "\n" or "\r\n".
  Status next_line(std::string& line);

  // The next record from `open` (e.g. "<DOC>") up to and including `close`; text between
  // records is ignored. `open` must not occur inside `close`.
  Status next_record(std::string_view open, std::string_view close, std::string& record);

  // 1-based line where the last line or record returned (or skipped) started.
  std::size_t line() const { return record_line_; }

  // Up to `n` bytes of the input not consumed yet (reads ahead as needed), for sniffing.
  std::string_view peek(std::size_t n);

  // True when the underlying stream reported a read error (not end of input).
  bool read_error() const { return read_error_; }

 private:
  bool fill();                      // reads one more chunk; false at end of input
  void consume(std::size_t bytes);  // moves past `bytes` bytes, counting lines
  void discard_until(std::string_view marker);  // skips input up to and including `marker`

  std::istream& in_;
  std::size_t max_;
  std::string buffer_;
  std::size_t pos_ = 0;           // first unconsumed byte of buffer_
  std::size_t line_at_pos_ = 1;   // line number of buffer_[pos_]
  std::size_t record_line_ = 0;
  bool eof_ = false;
  bool read_error_ = false;
};

// The next tagged record that can be used: records that never close or exceed the size
// limit are reported to `diagnostics` as skipped (with the file, line and record number)
// and passed over, as is a read error at the end; input that holds no record at all is
// reported as a warning [no-records] naming the file. Returns false at the end of the input;
// otherwise `record` holds the record and `origin` where it started. `record_number`
// counts every record seen, usable or not.
bool next_usable_record(RecordScanner& scanner, std::string_view open, std::string_view close,
                        const std::string& file, Diagnostics& diagnostics, std::string& record,
                        std::size_t& record_number, SourcePosition& origin);

}  // namespace newsdex
