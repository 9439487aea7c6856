#include "input_files.h"

#include <boost/iostreams/filter/gzip.hpp>
#include <boost/iostreams/filtering_stream.hpp>

#include <algorithm>
#include <cerrno>
#include <filesystem>
#include <system_error>

namespace newsdex {
namespace fs = std::filesystem;
namespace {

std::string id_for(const fs::path& file, const fs::path& root) {
  fs::path relative = root.empty() ? file.filename() : file.lexically_relative(root);
  if (relative.empty() || relative.native().starts_with("..")) relative = file.filename();
  if (relative.extension() == ".gz") relative.replace_extension();
  relative.replace_extension();
  return relative.generic_string();
}

// Serves `head` first, then the rest of `rest`: lets us sniff a stream (even stdin or a
// gzip stream, which cannot seek) and still hand the reader every byte.
class ReplayStreambuf : public std::streambuf {
 public:
  ReplayStreambuf(std::string head, std::istream& rest) : head_(std::move(head)), rest_(rest) {
    setg(head_.data(), head_.data(), head_.data() + head_.size());
  }

 protected:
  int_type underflow() override {
    if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
    const std::size_t n = read_available(rest_, buffer_, sizeof buffer_);
    if (n == 0) return traits_type::eof();
    setg(buffer_, buffer_, buffer_ + n);
    return traits_type::to_int_type(*gptr());
  }

 private:
  std::string head_;
  std::istream& rest_;
  char buffer_[1 << 16];
};

constexpr std::size_t HEAD_BYTES = 4096;

// The kind of skip a named input that does not exist is reported as.
constexpr std::string_view MISSING_FILE = "missing-file";

// The head is up to HEAD_BYTES, but on a live source no more than what has come once a
// whole first line is there: the first article of a slow feed is not held back for the
// format's sake (every format shows itself in its first line).
void sniff_and_use(std::istream& in, const std::function<void(std::istream&, std::string_view)>& use) {
  std::string head;
  char chunk[HEAD_BYTES];
  while (head.size() < HEAD_BYTES) {
    const bool whole_line = head.find('\n') != std::string::npos;
    if (whole_line && in.rdbuf()->in_avail() <= 0) break;
    const std::size_t n = read_available(in, chunk, HEAD_BYTES - head.size());
    if (n == 0) break;
    head.append(chunk, n);
  }
  ReplayStreambuf replay(head, in);
  std::istream stream(&replay);
  use(stream, head);
}

}  // namespace

bool none_exists(const std::vector<std::string>& arguments, const Diagnostics& diagnostics) {
  const auto skipped = diagnostics.skipped_by_kind();
  const auto missing = skipped.find(std::string(MISSING_FILE));
  return missing != skipped.end() && missing->second == arguments.size();
}

std::vector<InputFile> expand_inputs(const std::vector<std::string>& arguments, Diagnostics& diagnostics) {
  std::vector<InputFile> files;
  for (const auto& argument : arguments) {
    if (argument == "-") {
      files.push_back({"-", "stdin"});
      continue;
    }
    std::error_code ec;
    const fs::path path(argument);
    const auto status = fs::status(path, ec);
    if (ec || !fs::exists(status)) {
      diagnostics.skipped({argument, 0, 0}, MISSING_FILE, "no such file or directory");
      continue;
    }
    if (fs::is_directory(status)) {
      std::vector<fs::path> found;
      for (auto it = fs::recursive_directory_iterator(path, fs::directory_options::skip_permission_denied, ec);
           !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        const auto name = it->path().filename().native();
        if (name.starts_with(".") || it->is_directory(ec)) continue;
        if (it->is_regular_file(ec)) {
          found.push_back(it->path());
        } else {
          // A FIFO could block the run forever, a device never end: named, not read.
          diagnostics.skipped({it->path().string(), 0, 0}, "special-file",
                              "not a regular file (a FIFO, socket, device or broken link)");
        }
      }
      if (ec) diagnostics.skipped({argument, 0, 0}, "unreadable", "cannot walk directory: " + ec.message());
      std::sort(found.begin(), found.end());
      for (const auto& file : found) files.push_back({file.string(), id_for(file, path)});
    } else {
      files.push_back({argument, id_for(path, {})});
    }
  }
  return files;
}

std::uint64_t total_input_bytes(const std::vector<InputFile>& files) {
  std::uint64_t total = 0;
  for (const auto& file : files) {
    if (file.path == "-") return 0;
    std::error_code ec;
    const auto size = fs::file_size(file.path, ec);
    if (!ec) total += size;
  }
  return total;
}

bool with_input_stream(const InputFile& file, Diagnostics& diagnostics,
                       const std::function<void(std::istream&, std::string_view)>& use,
                       std::atomic<std::uint64_t>* bytes_read, const InputStreambuf::Waiting& waiting) {
  int fd = 0;
  if (file.path != "-") {
    fd = InputStreambuf::open_file(file.path);
    if (fd < 0) {
      diagnostics.skipped({file.path, 0, 0}, "unreadable",
                          std::string("cannot open file: ") + std::generic_category().message(errno));
      return false;
    }
  }
  InputStreambuf buffer(fd, file.path != "-", waiting, bytes_read);
  std::istream raw(&buffer);
  if (file.path.ends_with(".gz")) {
    boost::iostreams::filtering_istream gz;
    gz.push(boost::iostreams::gzip_decompressor());
    gz.push(raw);
    try {
      sniff_and_use(gz, use);
    } catch (const boost::iostreams::gzip_error& e) {
      diagnostics.skipped({file.path, 0, 0}, "bad-gzip", std::string("corrupt gzip data: ") + e.what());
      return false;
    }
    return true;
  }
  sniff_and_use(raw, use);
  return true;
}

}  // namespace newsdex
