#include "input_stream.h"

#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <system_error>

namespace newsdex {
namespace {

// How often a wait for input looks whether the run has stopped.
constexpr int POLL_MILLISECONDS = 100;

}  // namespace

InputStreambuf::InputStreambuf(int fd, bool owned, Waiting waiting,
                               std::atomic<std::uint64_t>* bytes_read)
    : fd_(fd), owned_(owned), waiting_(std::move(waiting)), bytes_read_(bytes_read) {}

InputStreambuf::~InputStreambuf() {
  if (owned_ && fd_ >= 0) ::close(fd_);
}

int InputStreambuf::open_file(const std::string& path) {
  // O_NONBLOCK: open(2) of a FIFO would otherwise wait, uninterruptibly, for a writer.
  // Reads wait in poll(2) instead (below), where a stop is seen.
  return ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
}

std::streambuf::int_type InputStreambuf::underflow() {
  if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
  if (waiting_ && waiting_(0.0)) return traits_type::eof();
  const auto start = std::chrono::steady_clock::now();
  for (int timeout = 0;; timeout = POLL_MILLISECONDS) {
    pollfd wanted{fd_, POLLIN, 0};
    const int ready = ::poll(&wanted, 1, timeout);
    if (ready < 0 && errno != EINTR) throw std::system_error(errno, std::generic_category(), "poll");
    // A FIFO opened before its writer reports nothing (not even POLLHUP) until the writer
    // comes: only read when poll reports an event, so that read's 0 means the end.
    if (ready <= 0) {
      const double waited = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      if (waiting_ && waiting_(waited)) return traits_type::eof();
      continue;
    }
    const ssize_t n = ::read(fd_, buffer_, sizeof buffer_);
    if (n < 0) {
      if (errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK) continue;
      throw std::system_error(errno, std::generic_category(), "read");
    }
    if (n == 0) return traits_type::eof();
    if (bytes_read_) *bytes_read_ += static_cast<std::uint64_t>(n);
    setg(buffer_, buffer_, buffer_ + n);
    return traits_type::to_int_type(*gptr());
  }
}

std::size_t read_available(std::istream& in, char* data, std::size_t size) {
  std::streambuf* buffer = in.rdbuf();
  if (size == 0 || buffer == nullptr || !in.good()) return 0;
  try {
    if (std::streambuf::traits_type::eq_int_type(buffer->sgetc(), std::streambuf::traits_type::eof())) {
      in.setstate(std::ios::eofbit);
      return 0;
    }
    const std::streamsize available = std::max<std::streamsize>(1, buffer->in_avail());
    const auto wanted = static_cast<std::streamsize>(std::min<std::size_t>(size, static_cast<std::size_t>(available)));
    return static_cast<std::size_t>(std::max<std::streamsize>(0, buffer->sgetn(data, wanted)));
  } catch (...) {
    // As istream::read does: the error reaches the caller only when it asked for it
    // (a gzip stream does, so that corrupt data is named as such).
    if (in.exceptions() & std::ios::badbit) throw;
    in.setstate(std::ios::badbit);
    return 0;
  }
}

}  // namespace newsdex
