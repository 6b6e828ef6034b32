// Summary -> CSV (RFC 4180 quoting for names).
#include "ui/summary_csv.h"

namespace interleave::ui {
namespace {

constexpr std::size_t kBuckets = static_cast<std::size_t>(trace::WaitBucket::kCount);

std::string field(std::string_view s) {
  if (s.find_first_of(",\"\n\r") == std::string_view::npos) return std::string(s);
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

template <typename Waits>
void append_numbers(std::string& out, trace::Time wall, trace::Time cpu, const Waits& waits,
                    std::uint64_t switches, std::uint64_t drops) {
  out += "," + std::to_string(wall) + "," + std::to_string(cpu);
  for (trace::Time w : waits) out += "," + std::to_string(w);
  out += "," + std::to_string(switches) + "," + std::to_string(drops) + "\n";
}

}  // namespace

std::string summary_csv_header() {
  std::string out = "run,process,thread,wall_ns,cpu_ns";
  for (std::size_t b = 0; b < kBuckets; ++b) {
    out += ",wait_" + std::string(trace::bucket_name(static_cast<trace::WaitBucket>(b))) + "_ns";
  }
  return out + ",gil_switches,drop_requests\n";
}

std::string summary_csv_rows(const trace::Summary& s, std::string_view run) {
  std::string out;
  for (const trace::ThreadSummary& t : s.threads) {
    std::string process = std::to_string(t.pid);
    for (const trace::ProcessSummary& p : s.processes) {
      if (p.pid == t.pid && !p.name.empty()) process = p.name;
    }
    out += field(run) + "," + field(process) + "," + field(t.name);
    append_numbers(out, t.end - t.start, t.cpu_ns, t.wait_ns, t.gil_switches, t.drop_requests);
  }
  out += field(run) + ",all,all";
  append_numbers(out, s.wall_ns, s.cpu_ns, s.wait_ns, s.gil_switches, s.drop_requests);
  return out;
}

}  // namespace interleave::ui
