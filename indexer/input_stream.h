// Reading an input file, a FIFO or standard input through a file descriptor, so that a
// live source (`tail -f feed.jsonl |`, a FIFO whose writer has not come yet, a stalled
// pipe) never holds the run: each read returns what has arrived, and a run that stops
// (Ctrl-C, SIGTERM, a failed commit) ends the input within a fraction of a second instead
// of waiting in read(2) for bytes that may never come.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <istream>
#include <streambuf>
#include <string>

namespace newsdex {

class InputStreambuf : public std::streambuf {
 public:
  // Reads `fd` (closed by the destructor when `owned`). `waiting(seconds)` is called
  // before each read, with 0, and whenever no bytes are ready, at once and then every
  // tenth of a second while that lasts, with the seconds waited so far: it can hand on
  // what was read before (a live feed's articles are indexed while it is quiet), and
  // says whether the run has stopped, which ends the input there (also in the middle of
  // a record that never ends: `cat /dev/zero |`). `bytes_read`, when given, grows by
  // every byte read.
  using Waiting = std::function<bool(double seconds)>;
  InputStreambuf(int fd, bool owned, Waiting waiting, std::atomic<std::uint64_t>* bytes_read);
  ~InputStreambuf() override;
  InputStreambuf(const InputStreambuf&) = delete;
  InputStreambuf& operator=(const InputStreambuf&) = delete;

  // Opens `path` without waiting for a FIFO's writer. Returns -1 with errno set on failure.
  static int open_file(const std::string& path);

 protected:
  // Throws std::system_error on a read error (an istream turns it into badbit).
  int_type underflow() override;

 private:
  int fd_;
  bool owned_;
  Waiting waiting_;
  std::atomic<std::uint64_t>* bytes_read_;
  char buffer_[1 << 16];
};

// Reads at least one byte (waiting for it) and at most `size`, without waiting for more
// than what has arrived; 0 at the end of the input (eofbit) or on a read error (badbit).
// istream::read would wait until all `size` bytes came, which on a live source may be
// never.
std::size_t read_available(std::istream& in, char* data, std::size_t size);

}  // namespace newsdex
