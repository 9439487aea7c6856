// Making what the indexer wrote survive a crash or a power cut.
#pragma once

#include <filesystem>

namespace newsdex {

// fsync(2)s a file, or a directory (so that renames and new entries in it are durable).
// Throws std::runtime_error naming the path when it cannot.
void fsync_path(const std::filesystem::path& path, bool directory);

}  // namespace newsdex
