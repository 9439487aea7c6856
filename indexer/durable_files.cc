#include "durable_files.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <stdexcept>
#include <string>

namespace newsdex {

void fsync_path(const std::filesystem::path& path, bool directory) {
  const int fd = ::open(path.c_str(), (directory ? O_DIRECTORY : 0) | O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw std::runtime_error(path.string() + ": cannot open for fsync: " + std::strerror(errno));
  const int rc = ::fsync(fd);
  ::close(fd);
  if (rc != 0) throw std::runtime_error(path.string() + ": fsync failed: " + std::strerror(errno));
}

void replace_file_durably(const std::filesystem::path& path, std::string_view content) {
  std::filesystem::path tmp = path;
  tmp += ".tmp";
  {
    std::ofstream out(tmp, std::ios::trunc | std::ios::binary);
    out << content;
    if (!out.flush()) throw std::runtime_error(tmp.string() + ": cannot write");
  }
  fsync_path(tmp, false);
  std::filesystem::rename(tmp, path);
  fsync_path(path.has_parent_path() ? path.parent_path() : std::filesystem::path("."), true);
}

}  // namespace newsdex
