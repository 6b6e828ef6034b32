// Python slice arithmetic (PySlice_Unpack + PySlice_AdjustIndices) for any sequence, and str
// slicing by code point on top of it. Pure functions: any thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "support/result.h"

namespace interleave::support {

struct SliceIndices {
  std::int64_t start = 0, stop = 0, step = 1;
  std::int64_t length = 0;  // number of selected items
};

// Absent parts are None. Error: ValueError "slice step cannot be zero".
Result<SliceIndices> adjust_slice(std::int64_t length, std::optional<std::int64_t> start,
                                  std::optional<std::int64_t> stop,
                                  std::optional<std::int64_t> step);

// s[start:stop:step] with indices from adjust_slice over utf8_length(s).
std::string utf8_slice(std::string_view s, const SliceIndices& slice);

}  // namespace interleave::support
