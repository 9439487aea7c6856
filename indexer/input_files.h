// The inputs named on the command line, expanded: directories walked recursively (in
// name order, so runs are repeatable), "-" for standard input, ".gz" read directly.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <istream>
#include <string>
#include <vector>

#include "core/diagnostics.h"
#include "input_stream.h"

namespace newsdex {

struct InputFile {
  std::string path;        // as found ("-" for standard input)
  std::string default_id;  // stable id for one-article files: path below the named root, no extension
};

// Expands the arguments into files. A missing or unreadable argument is reported to
// `diagnostics` as skipped and left out.
std::vector<InputFile> expand_inputs(const std::vector<std::string>& arguments, Diagnostics& diagnostics);

// Whether expand_inputs(arguments, diagnostics) found that not one of the arguments
// exists: nothing to do, where an empty directory is only an empty day.
bool none_exists(const std::vector<std::string>& arguments, const Diagnostics& diagnostics);

// Opens an input for reading, decompressing ".gz" files, and calls `use(stream, head)`
// where `head` holds the first bytes of the content (for format detection; the stream
// still yields them). Returns false (after reporting) when the input cannot be read.
// `bytes_read`, when given, grows by the bytes read from the file itself (compressed
// bytes for a .gz file), for progress against total_input_bytes(). `waiting`, when given,
// is called while the input has no bytes ready (a quiet feed, a FIFO without its writer,
// a stalled pipe), as InputStreambuf says.
bool with_input_stream(const InputFile& file, Diagnostics& diagnostics,
                       const std::function<void(std::istream&, std::string_view head)>& use,
                       std::atomic<std::uint64_t>* bytes_read = nullptr, const InputStreambuf::Waiting& waiting = {});

// The summed size of the input files in bytes, or 0 when unknown (standard input).
std::uint64_t total_input_bytes(const std::vector<InputFile>& files);

}  // namespace newsdex
