// Grouping relies on build_timeline's order: a process's lanes are consecutive.
#include "ui/timeline_layout.h"

#include <cmath>

namespace interleave::ui {

std::vector<Row> layout_rows(const trace::Timeline& timeline,
                             const std::set<trace::ProcessId>& collapsed) {
  std::vector<Row> rows;
  const auto& lanes = timeline.lanes;
  for (std::size_t i = 0; i < lanes.size();) {
    const trace::ProcessId pid = lanes[i].pid;
    std::size_t j = i;
    while (j < lanes.size() && lanes[j].pid == pid) ++j;
    Row header;
    header.kind = RowKind::Process;
    header.pid = pid;
    header.lanes = j - i;
    header.collapsed = collapsed.count(pid) > 0;
    rows.push_back(header);
    if (!header.collapsed) {
      for (std::size_t k = i; k < j; ++k) {
        Row row;
        row.pid = pid;
        row.lane = k;
        rows.push_back(row);
      }
    }
    i = j;
  }
  return rows;
}

std::size_t row_at(std::size_t rows, float row_height, float y) {
  if (!(y >= 0) || row_height <= 0) return kNoRow;
  const auto index = static_cast<std::size_t>(std::floor(y / row_height));
  return index < rows ? index : kNoRow;
}

std::size_t row_of_lane(const std::vector<Row>& rows, std::size_t lane) {
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (rows[i].kind == RowKind::Lane && rows[i].lane == lane) return i;
  }
  return kNoRow;
}

}  // namespace interleave::ui
