// Where a piece of input came from, for messages in the form "file:line: ...".
#pragma once

#include <cstddef>
#include <string>

namespace newsdex {

struct SourcePosition {
  std::string file;        // path as given on the command line, or "-" for stdin
  std::size_t line = 0;    // 1-based line of the record's start; 0 when unknown
  std::size_t record = 0;  // 1-based record number within the file; 0 when unknown

  // "file:line" (or "file:record N" when the line is unknown, or "file").
  std::string to_string() const;
};

}  // namespace newsdex
