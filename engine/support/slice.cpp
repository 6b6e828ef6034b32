// PySlice_Unpack + PySlice_AdjustIndices (Objects/sliceobject.c) over int64 lengths.
// Pure functions: any thread.
#include "support/slice.h"

#include <vector>

#include "support/utf8.h"

namespace interleave::support {

Result<SliceIndices> adjust_slice(std::int64_t length, std::optional<std::int64_t> start,
                                  std::optional<std::int64_t> stop,
                                  std::optional<std::int64_t> step) {
  SliceIndices r;
  r.step = step.value_or(1);
  if (r.step == 0) return value_error("slice step cannot be zero");
  if (r.step < -INT64_MAX) r.step = -INT64_MAX;
  r.start = start.has_value() ? *start : r.step < 0 ? INT64_MAX : 0;
  r.stop = stop.has_value() ? *stop : r.step < 0 ? INT64_MIN : INT64_MAX;
  auto adjust = [&](std::int64_t& v) {
    if (v < 0) {
      v = v < -length ? (r.step < 0 ? -1 : 0) : v + length;
    } else if (v >= length) {
      v = r.step < 0 ? length - 1 : length;
    }
  };
  adjust(r.start);
  adjust(r.stop);
  r.length = 0;
  if (r.step < 0) {
    if (r.stop < r.start) r.length = (r.start - r.stop - 1) / (-r.step) + 1;
  } else if (r.start < r.stop) {
    r.length = (r.stop - r.start - 1) / r.step + 1;
  }
  return r;
}

std::string utf8_slice(std::string_view s, const SliceIndices& slice) {
  std::string out;
  if (slice.length <= 0) return out;
  const bool ascii = is_ascii(s);
  if (slice.step == 1) {
    std::size_t b0 = ascii ? static_cast<std::size_t>(slice.start)
                           : utf8_offset(s, static_cast<std::size_t>(slice.start));
    std::size_t b1 = ascii ? static_cast<std::size_t>(slice.start + slice.length)
                           : b0 + utf8_offset(s.substr(b0), static_cast<std::size_t>(slice.length));
    out.assign(s.substr(b0, b1 - b0));
    return out;
  }
  if (ascii) {
    out.reserve(static_cast<std::size_t>(slice.length));
    for (std::int64_t i = 0, k = slice.start; i < slice.length; ++i, k += slice.step) {
      out += s[static_cast<std::size_t>(k)];
    }
    return out;
  }
  std::vector<std::size_t> starts;  // byte offset of every code point, plus the end
  starts.reserve(s.size() + 1);
  for (std::size_t i = 0; i < s.size(); i += utf8_seq_len(static_cast<unsigned char>(s[i]))) {
    starts.push_back(i);
  }
  starts.push_back(s.size());
  for (std::int64_t i = 0, k = slice.start; i < slice.length; ++i, k += slice.step) {
    auto u = static_cast<std::size_t>(k);
    out += s.substr(starts[u], starts[u + 1] - starts[u]);
  }
  return out;
}

}  // namespace interleave::support
