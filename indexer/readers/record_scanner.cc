#include "record_scanner.h"

#include "input_stream.h"

#include <algorithm>

#include <fmt/format.h>

namespace newsdex {
namespace {

constexpr std::size_t CHUNK_BYTES = 1 << 16;

}  // namespace

RecordScanner::RecordScanner(std::istream& in, std::size_t max_record_bytes)
    : in_(in), max_(max_record_bytes == 0 ? 1 : max_record_bytes) {}

bool RecordScanner::fill() {
  if (eof_) return false;
  // Drop what was consumed before growing, so the buffer holds at most one record
  // (plus a chunk).
  if (pos_ > 0 && pos_ >= buffer_.size() / 2) {
    buffer_.erase(0, pos_);
    pos_ = 0;
  }
  const std::size_t old_size = buffer_.size();
  buffer_.resize(old_size + CHUNK_BYTES);
  // What has arrived, not a whole chunk: on a live source (a pipe fed article by
  // article) each article is read as soon as it is complete.
  const std::size_t got = read_available(in_, buffer_.data() + old_size, CHUNK_BYTES);
  buffer_.resize(old_size + got);
  if (in_.bad()) read_error_ = true;
  if (got == 0) {
    eof_ = true;
    return false;
  }
  return true;
}

void RecordScanner::consume(std::size_t bytes) {
  bytes = std::min(bytes, buffer_.size() - pos_);
  line_at_pos_ += static_cast<std::size_t>(std::count(buffer_.begin() + static_cast<std::ptrdiff_t>(pos_),
                                                      buffer_.begin() + static_cast<std::ptrdiff_t>(pos_ + bytes), '\n'));
  pos_ += bytes;
}

void RecordScanner::discard_until(std::string_view marker) {
  while (true) {
    const std::size_t found = buffer_.find(marker, pos_);
    if (found != std::string::npos) {
      consume(found + marker.size() - pos_);
      return;
    }
    // Keep only the bytes that could start a marker split across two chunks.
    const std::size_t keep = std::min(buffer_.size() - pos_, marker.size() - 1);
    consume(buffer_.size() - pos_ - keep);
    if (!fill()) {
      consume(buffer_.size() - pos_);
      return;
    }
  }
}

std::string_view RecordScanner::peek(std::size_t n) {
  while (buffer_.size() - pos_ < n && fill()) {
  }
  return std::string_view(buffer_).substr(pos_, n);
}

RecordScanner::Status RecordScanner::next_line(std::string& line) {
  std::size_t searched = pos_;
  while (true) {
    const std::size_t newline = buffer_.find('\n', searched);
    if (newline != std::string::npos) {
      record_line_ = line_at_pos_;
      if (newline - pos_ > max_) {
        consume(newline + 1 - pos_);
        return Status::TOO_LARGE;
      }
      line.assign(buffer_, pos_, newline - pos_);
      consume(newline + 1 - pos_);
      if (!line.empty() && line.back() == '\r') line.pop_back();
      return Status::OK;
    }
    if (buffer_.size() - pos_ > max_) {
      record_line_ = line_at_pos_;
      discard_until("\n");
      return Status::TOO_LARGE;
    }
    searched = buffer_.size();
    const std::size_t searched_offset = searched - pos_;
    if (!fill()) {
      if (pos_ >= buffer_.size()) return Status::END;
      record_line_ = line_at_pos_;
      line.assign(buffer_, pos_, std::string::npos);
      consume(buffer_.size() - pos_);
      if (!line.empty() && line.back() == '\r') line.pop_back();
      return Status::OK;
    }
    searched = pos_ + searched_offset;  // fill() may have moved the unconsumed bytes
  }
}

RecordScanner::Status RecordScanner::next_record(std::string_view open, std::string_view close, std::string& record) {
  // Find the next opening tag.
  while (true) {
    const std::size_t start = buffer_.find(open, pos_);
    if (start != std::string::npos) {
      consume(start - pos_);
      break;
    }
    const std::size_t keep = std::min(buffer_.size() - pos_, open.size() - 1);
    consume(buffer_.size() - pos_ - keep);
    if (!fill()) {
      consume(buffer_.size() - pos_);
      return Status::END;
    }
  }
  record_line_ = line_at_pos_;
  // Find its end, watching for a record that opens before this one closes.
  std::size_t searched = pos_ + open.size();
  while (true) {
    const std::size_t end = buffer_.find(close, searched);
    const std::size_t limit = end == std::string::npos ? buffer_.size() : end;
    // Only the bytes not searched before can hold a new opening tag.
    const std::size_t from = std::max(pos_ + 1, searched > open.size() ? searched - open.size() + 1 : 0);
    const std::size_t nested = buffer_.find(open, from);
    if (nested != std::string::npos && nested < limit) {
      consume(nested - pos_);
      return Status::UNCLOSED;
    }
    if (end != std::string::npos) {
      const std::size_t length = end + close.size() - pos_;
      if (length > max_) {
        consume(length);
        return Status::TOO_LARGE;
      }
      record.assign(buffer_, pos_, length);
      consume(length);
      return Status::OK;
    }
    if (buffer_.size() - pos_ > max_) {
      discard_until(close);
      return Status::TOO_LARGE;
    }
    const std::size_t searched_offset = buffer_.size() - pos_ - std::min(buffer_.size() - pos_, close.size() - 1);
    if (!fill()) {
      consume(buffer_.size() - pos_);
      return Status::UNCLOSED;
    }
    searched = pos_ + searched_offset;
  }
}

bool next_usable_record(RecordScanner& scanner, std::string_view open, std::string_view close,
                        const std::string& file, Diagnostics& diagnostics, std::string& record,
                        std::size_t& record_number, SourcePosition& origin) {
  while (true) {
    const auto status = scanner.next_record(open, close, record);
    if (status == RecordScanner::Status::END) {
      if (scanner.read_error()) diagnostics.skipped({file, scanner.line(), 0}, "unreadable", "read error");
      else if (record_number == 0) {
        // Most often a file forced into the wrong --format: say so rather than read nothing quietly.
        const std::string_view tag_end = open.ends_with('>') ? "" : ">";
        diagnostics.warning({file, 0, 0}, "no-records", fmt::format("no {}{} record in the file", open, tag_end));
      }
      return false;
    }
    ++record_number;
    origin = {file, scanner.line(), record_number};
    if (status == RecordScanner::Status::UNCLOSED) {
      // "<REUTERS" opens records that carry attributes: name the tag as "<REUTERS>".
      const std::string_view tag_end = open.ends_with('>') ? "" : ">";
      diagnostics.skipped(origin, "malformed-record", fmt::format("{}{} record without {}", open, tag_end, close));
      continue;
    }
    if (status == RecordScanner::Status::TOO_LARGE) {
      diagnostics.skipped(origin, "too-large", "record longer than the --max-record-size limit");
      continue;
    }
    return true;
  }
}

}  // namespace newsdex
