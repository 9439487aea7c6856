// Making what the indexer wrote survive a crash or a power cut.
#pragma once

#include <filesystem>
#include <string_view>

namespace newsdex {

// fsync(2)s a file, or a directory (so that renames and new entries in it are durable).
// Throws std::runtime_error naming the path when it cannot.
void fsync_path(const std::filesystem::path& path, bool directory);

// Replaces the file `path` with `content` atomically and durably: written beside it as
// PATH.tmp, fsync'ed, renamed over it, and its directory fsync'ed, so that after a crash
// the file holds either its old content or the new, whole. Throws std::runtime_error
// naming the file when it cannot.
void replace_file_durably(const std::filesystem::path& path, std::string_view content);

}  // namespace newsdex
