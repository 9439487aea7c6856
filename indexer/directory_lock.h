// The lock that makes one indexer the only writer of a database directory: flock(2) on
// DIR/newsdex.lock, which the kernel releases when the process ends, even by kill -9.
#pragma once

#include <string>
#include <string_view>

namespace newsdex {

inline constexpr std::string_view LOCK_FILE_NAME = "newsdex.lock";

// Creates `dir` if needed and locks it; returns the lock file's descriptor (closing it
// unlocks). Throws std::runtime_error "DIR: database is locked by another indexer" when
// another process holds the lock, or a message naming DIR when it cannot be created.
int lock_database_directory(const std::string& dir);

}  // namespace newsdex
