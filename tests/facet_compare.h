// Two ways of counting the same facets must give the same values, counts and distinct
// totals, in the same order: the check the facet suites share.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "search_request.h"

namespace newsdex::testing {

inline void expect_same_facet_counts(const std::vector<FacetCounts>& a, const std::vector<FacetCounts>& b) {
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t f = 0; f < a.size(); ++f) {
    SCOPED_TRACE(std::string(facet_name(a[f].facet)));
    EXPECT_EQ(a[f].distinct, b[f].distinct);
    EXPECT_EQ(a[f].counted, b[f].counted);
    ASSERT_EQ(a[f].top.size(), b[f].top.size());
    for (std::size_t i = 0; i < a[f].top.size(); ++i) {
      EXPECT_EQ(a[f].top[i].key, b[f].top[i].key);
      EXPECT_EQ(a[f].top[i].count, b[f].top[i].count);
    }
  }
}

}  // namespace newsdex::testing
