// Lists kept in order of first mention, each value once (people, countries, regions).
#pragma once

#include <algorithm>
#include <vector>

namespace newsdex {

// Appends `value` to `to` unless `to` holds it already. Linear: the lists are short.
template <class T>
void append_unique(std::vector<T>& to, const T& value) {
  if (std::find(to.begin(), to.end(), value) == to.end()) to.push_back(value);
}

}  // namespace newsdex
