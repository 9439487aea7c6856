// Timelines: how many matches were published in each day, ISO week, month or year, in
// date order and zero-filled, as Elasticsearch's date histogram gives them. Drawn from
// the exact facet counts of the publication date (every value, not the top ones), so a
// timeline is as exact and as fast as those facets, on local and remote shards alike.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "facet_counter.h"
#include "search_request.h"

namespace newsdex {

// A zero-filled series is refused past this many periods (a day timeline over 270
// years): too long to draw or read, and a sign that some article's date is far off.
inline constexpr std::size_t MAX_TIMELINE_PERIODS = 100000;

// The date facets a timeline of `unit` is counted from; their counts, every value listed
// (FacetRequest::every_value), go to make_timeline in this order.
std::vector<Facet> timeline_facets(TimelineUnit unit);

// The series of `unit` from the counts of timeline_facets(unit) over `matches` matches.
// The undated ones are those the coarsest facet did not count, unless its `undated` says
// otherwise: counted by story (FacetRequest::by_story), `matches` is the number of stories
// and the undated are the stories with an undated copy; only MONTH and YEAR are counted
// so, where one date facet counts each story once per period.
// `first_day` and `last_day` ("YYYYMMDD", or empty) widen the series to a --since and
// --until, as asked, even where nothing matches. Throws QueryError (query_builder.h) when
// the series would be longer than MAX_TIMELINE_PERIODS.
Timeline make_timeline(TimelineUnit unit, const std::vector<FacetCounts>& counts, Xapian::doccount matches,
                       std::string_view first_day = {}, std::string_view last_day = {});

}  // namespace newsdex
