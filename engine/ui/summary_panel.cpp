// The Summary panel: headline numbers, the wait breakdown as one stacked bar, the per-thread table,
// the compare table and the speedup chart. Sections: [formatting] [headline] [waits] [threads]
// [compare] [chart].
#include "ui/summary_panel.h"

#include <imgui.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <iterator>

namespace interleave::ui {
namespace {

using trace::WaitBucket;
constexpr std::size_t kBuckets = static_cast<std::size_t>(WaitBucket::kCount);

// [formatting] ---------------------------------------------------------------------------------

std::string format_ratio(double r) {
  char text[32];
  std::snprintf(text, sizeof text, "%.2fx", r);
  return text;
}

void hint(const char* text) {
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  ImGui::TextWrapped("%s", text);
  ImGui::PopStyleColor();
}

// Colours of the wait buckets: the palette's origin colours, in a fixed order.
ImU32 bucket_colour(const Palette& p, std::size_t bucket) {
  return p.origins[bucket % 8];
}

const char* bucket_label(std::size_t bucket) {
  static constexpr std::array<const char*, kBuckets> kLabels = {
      "GIL", "locks", "queues", "joins", "sleep", "I/O", "messages", "other"};
  return bucket < kLabels.size() ? kLabels[bucket] : "other";
}

trace::Time total_waits(const trace::Summary& s) {
  trace::Time t = 0;
  for (trace::Time w : s.wait_ns) t += w;
  return t;
}

// [headline] -----------------------------------------------------------------------------------

void headline(const trace::Summary& s, bool simulated) {
  ImGui::Text("Wall %s%s", format_ns(s.wall_ns).c_str(), simulated ? " (simulated)" : "");
  ImGui::SameLine();
  ImGui::TextDisabled("·");
  ImGui::SameLine();
  ImGui::Text("CPU %s", format_ns(s.cpu_ns).c_str());
  const double par = cpu_parallelism(s);
  if (par > 0) {
    ImGui::Text("Speedup vs one thread: %s", format_ratio(par).c_str());
    if (ImGui::IsItemHovered()) {
      ImGui::SetTooltip(
          "CPU time of all threads / wall time: how much faster than doing the same work on "
          "one thread. 1.00x means the threads took turns.");
    }
  }
  ImGui::Text("GIL switches %llu · drop requests %llu",
              static_cast<unsigned long long>(s.gil_switches),
              static_cast<unsigned long long>(s.drop_requests));
  if (s.messages > 0) {
    ImGui::Text("Messages %llu (%llu bytes)", static_cast<unsigned long long>(s.messages),
                static_cast<unsigned long long>(s.message_bytes));
  }
  if (s.truncated) {
    ImGui::TextDisabled("The trace was cut at its memory bound; the totals stay exact.");
  }
}

// [waits] --------------------------------------------------------------------------------------

void wait_bar(const trace::Summary& s, const Palette& p) {
  const trace::Time total = total_waits(s);
  if (total <= 0) {
    ImGui::TextDisabled("No thread waited.");
    return;
  }
  ImGui::TextUnformatted("Waiting, all threads:");
  ImDrawList* list = ImGui::GetWindowDrawList();
  const ImVec2 min = ImGui::GetCursorScreenPos();
  const float width = std::max(40.0f, ImGui::GetContentRegionAvail().x);
  const float height = ImGui::GetTextLineHeight() * 0.8f;
  float x = min.x;
  for (std::size_t b = 0; b < kBuckets; ++b) {
    if (s.wait_ns[b] <= 0) continue;
    const float w =
        width * static_cast<float>(static_cast<double>(s.wait_ns[b]) / static_cast<double>(total));
    list->AddRectFilled(ImVec2(x, min.y), ImVec2(x + w, min.y + height), bucket_colour(p, b));
    x += w;
  }
  ImGui::Dummy(ImVec2(width, height));
  // The legend: only the buckets that occur.
  bool first = true;
  for (std::size_t b = 0; b < kBuckets; ++b) {
    if (s.wait_ns[b] <= 0) continue;
    char text[64];
    std::snprintf(text, sizeof text, "%s %s", bucket_label(b), format_ns(s.wait_ns[b]).c_str());
    const float w = ImGui::CalcTextSize(text).x + ImGui::GetTextLineHeight();
    if (!first && ImGui::GetContentRegionAvail().x > w + 8) ImGui::SameLine(0, 12);
    first = false;
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const float sq = ImGui::GetTextLineHeight() * 0.6f;
    const float pad = (ImGui::GetTextLineHeight() - sq) * 0.5f;
    list->AddRectFilled(ImVec2(at.x, at.y + pad), ImVec2(at.x + sq, at.y + pad + sq),
                        bucket_colour(p, b));
    ImGui::Dummy(ImVec2(sq + 4, ImGui::GetTextLineHeight()));
    ImGui::SameLine(0, 0);
    ImGui::TextUnformatted(text);
  }
}

// [threads] ------------------------------------------------------------------------------------

void thread_table(const trace::Summary& s) {
  // The buckets worth a column: those any thread waited in.
  std::vector<std::size_t> buckets;
  for (std::size_t b = 0; b < kBuckets; ++b) {
    if (s.wait_ns[b] > 0) buckets.push_back(b);
  }
  const bool processes = s.processes.size() > 1;
  const int columns = 3 + static_cast<int>(buckets.size()) + (processes ? 1 : 0);
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV |
                                ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_ScrollX |
                                ImGuiTableFlags_Resizable;
  const float rows = static_cast<float>(std::min<std::size_t>(s.threads.size(), 8) + 1);
  if (!ImGui::BeginTable("threads", columns, flags,
                         ImVec2(0, (rows + 0.6f) * ImGui::GetFrameHeight()))) {
    return;
  }
  ImGui::TableSetupScrollFreeze(1, 1);
  if (processes) ImGui::TableSetupColumn("Process");
  ImGui::TableSetupColumn("Thread");
  ImGui::TableSetupColumn("CPU");
  for (std::size_t b : buckets) ImGui::TableSetupColumn(bucket_label(b));
  ImGui::TableSetupColumn("GIL switches");
  ImGui::TableHeadersRow();
  for (const trace::ThreadSummary& t : s.threads) {
    ImGui::TableNextRow();
    if (processes) {
      ImGui::TableNextColumn();
      for (const trace::ProcessSummary& pr : s.processes) {
        if (pr.pid == t.pid) ImGui::TextUnformatted(pr.name.c_str());
      }
    }
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(t.name.c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(format_ns(t.cpu_ns).c_str());
    for (std::size_t b : buckets) {
      ImGui::TableNextColumn();
      if (t.wait_ns[b] > 0) {
        ImGui::TextUnformatted(format_ns(t.wait_ns[b]).c_str());
      } else {
        ImGui::TextDisabled("-");
      }
    }
    ImGui::TableNextColumn();
    ImGui::Text("%llu", static_cast<unsigned long long>(t.gil_switches));
  }
  ImGui::EndTable();
}

// [compare] ------------------------------------------------------------------------------------

struct Row {
  std::string label;
  double sim = 0, real = 0;
  bool time = true;  // ns, else a count
};

void compare_table(const trace::Summary& sim, const trace::Summary& real) {
  std::vector<Row> rows;
  rows.push_back({"wall time", double(sim.wall_ns), double(real.wall_ns)});
  rows.push_back({"CPU, all threads", double(sim.cpu_ns), double(real.cpu_ns)});
  rows.push_back({"GIL switches", double(sim.gil_switches), double(real.gil_switches), false});
  rows.push_back({"drop requests", double(sim.drop_requests), double(real.drop_requests), false});
  for (std::size_t b = 0; b < kBuckets; ++b) {
    if (sim.wait_ns[b] <= 0 && real.wait_ns[b] <= 0) continue;
    rows.push_back({std::string("waiting: ") + bucket_label(b), double(sim.wait_ns[b]),
                    double(real.wait_ns[b])});
  }
  // Per thread CPU, matched by name (the same program names its threads alike in both runs).
  for (const trace::ThreadSummary& t : sim.threads) {
    for (const trace::ThreadSummary& u : real.threads) {
      if (u.name == t.name && u.pid == t.pid) {
        rows.push_back({"CPU: " + t.name, double(t.cpu_ns), double(u.cpu_ns)});
        break;
      }
    }
  }
  const ImGuiTableFlags flags =
      ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_SizingFixedFit;
  if (!ImGui::BeginTable("compare", 4, flags)) return;
  ImGui::TableSetupColumn("");
  ImGui::TableSetupColumn("simulated");
  ImGui::TableSetupColumn("real");
  ImGui::TableSetupColumn("real / sim");
  ImGui::TableHeadersRow();
  for (const Row& r : rows) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(r.label.c_str());
    for (double v : {r.sim, r.real}) {
      ImGui::TableNextColumn();
      if (r.time) {
        ImGui::TextUnformatted(format_ns(static_cast<std::int64_t>(v)).c_str());
      } else {
        ImGui::Text("%.0f", v);
      }
    }
    ImGui::TableNextColumn();
    if (r.sim > 0) {
      ImGui::TextUnformatted(format_ratio(r.real / r.sim).c_str());
    } else {
      ImGui::TextDisabled("-");
    }
  }
  ImGui::EndTable();
}

// [chart] --------------------------------------------------------------------------------------

SummaryAction speedup_chart(const SweepState* sweep, const Palette& p, bool running) {
  SummaryAction action = SummaryAction::None;
  ImGui::TextUnformatted("Speedup vs cores (simulated):");
  ImGui::SameLine();
  const bool going = sweep && sweep->phase == SweepState::Phase::Running;
  if (going) {
    ImGui::TextDisabled("computing %zu/%zu", sweep->points.size(), std::size(kSweepCores));
    ImGui::SameLine();
    if (ImGui::SmallButton("Cancel")) action = SummaryAction::CancelSweep;
  } else if (!running) {
    if (ImGui::SmallButton(sweep && !sweep->points.empty() ? "Recompute" : "Compute")) {
      action = SummaryAction::StartSweep;
    }
    if (ImGui::IsItemHovered()) {
      ImGui::SetTooltip("Runs the simulator on 1 to 16 virtual cores, with these settings");
    }
  }
  if (sweep && sweep->phase == SweepState::Phase::Failed) {
    ImGui::TextDisabled("Not computed: %s.", sweep->note.c_str());
  }
  if (sweep && sweep->phase == SweepState::Phase::Cancelled) ImGui::TextDisabled("Cancelled.");
  if (!sweep || sweep->points.empty()) return action;

  const int n = SpeedupSweep::kMaxCores;
  double top = 2;
  for (const SweepPoint& pt : sweep->points) top = std::max(top, sweep->speedup(pt.cores) * 1.25);
  top = std::ceil(std::min(top, double(n)));
  ImDrawList* list = ImGui::GetWindowDrawList();
  const float label_w = ImGui::CalcTextSize("16x").x + 6;
  const float line_h = ImGui::GetTextLineHeight();
  const ImVec2 at = ImGui::GetCursorScreenPos();
  const float width = std::max(120.0f, ImGui::GetContentRegionAvail().x);
  const float height = std::max(90.0f, std::min(180.0f, width * 0.45f));
  const ImVec2 min(at.x + label_w, at.y + line_h * 0.5f);
  const ImVec2 max(at.x + width - 8, at.y + height - line_h * 1.5f);
  auto to_screen = [&](double cores, double speedup) {
    const double fx = (cores - 1) / double(n - 1), fy = speedup / top;
    return ImVec2(min.x + float(fx) * (max.x - min.x), max.y - float(fy) * (max.y - min.y));
  };
  const ImU32 grid = p.text_dim & 0x40FFFFFFu;
  const ImU32 axis = p.text_dim;
  for (int y = 0; y <= int(top); y += std::max(1, int(top) / 4)) {
    const ImVec2 a = to_screen(1, y), b = to_screen(n, y);
    list->AddLine(a, b, grid);
    char text[16];
    std::snprintf(text, sizeof text, "%dx", y);
    list->AddText(ImVec2(at.x, a.y - line_h * 0.5f), axis, text);
  }
  for (int c : {1, 2, 4, 8, 12, 16}) {
    const ImVec2 a = to_screen(c, 0);
    list->AddLine(a, to_screen(c, top), grid);
    char text[8];
    std::snprintf(text, sizeof text, "%d", c);
    list->AddText(ImVec2(a.x - ImGui::CalcTextSize(text).x * 0.5f, max.y + 2), axis, text);
  }
  // Ideal (linear) speedup, clipped to the chart.
  list->AddLine(to_screen(1, 1), to_screen(std::min(top, double(n)), std::min(top, double(n))),
                p.text_dim, 1.0f);
  // The simulator's points.
  ImVec2 previous;
  bool have_previous = false;
  for (const SweepPoint& pt : sweep->points) {
    const double s = sweep->speedup(pt.cores);
    if (s < 0) continue;
    const ImVec2 q = to_screen(pt.cores, s);
    if (have_previous) list->AddLine(previous, q, p.accent, 2.0f);
    list->AddCircleFilled(q, 3.0f, p.accent);
    previous = q;
    have_previous = true;
  }
  const char* caption = "cores";
  list->AddText(ImVec2(max.x - ImGui::CalcTextSize(caption).x, max.y - line_h - 2), axis, caption);
  ImGui::Dummy(ImVec2(width, height));
  // Hover: the nearest core count's numbers.
  if (ImGui::IsItemHovered()) {
    const float mx = ImGui::GetIO().MousePos.x;
    const int c =
        std::clamp(int(std::lround(1 + (mx - min.x) / (max.x - min.x) * double(n - 1))), 1, n);
    for (const SweepPoint& pt : sweep->points) {
      if (pt.cores == c) {
        ImGui::SetTooltip("%d core%s: %s simulated, %s", c, c == 1 ? "" : "s",
                          format_ns(pt.wall_ns).c_str(), format_ratio(sweep->speedup(c)).c_str());
      }
    }
  }
  return action;
}

}  // namespace

std::string format_ns(std::int64_t ns) {
  const double v = static_cast<double>(ns);
  const double a = std::fabs(v);
  char text[32];
  if (a >= 1e9) {
    std::snprintf(text, sizeof text, "%.3g s", v / 1e9);
  } else if (a >= 1e6) {
    std::snprintf(text, sizeof text, "%.3g ms", v / 1e6);
  } else if (a >= 1e3) {
    std::snprintf(text, sizeof text, "%.3g µs", v / 1e3);
  } else {
    std::snprintf(text, sizeof text, "%lld ns", static_cast<long long>(ns));
  }
  return text;
}

double cpu_parallelism(const trace::Summary& s) {
  if (s.wall_ns <= 0 || s.cpu_ns <= 0) return -1;
  return static_cast<double>(s.cpu_ns) / static_cast<double>(s.wall_ns);
}

SummaryAction draw_summary(const SummaryView& view, const Palette& palette) {
  if (view.summary == nullptr) {
    hint(view.running ? "Running: the numbers appear when the run ends."
                      : "Wall and CPU time per thread, waits for the GIL, locks and I/O, GIL "
                        "switches and the speedup appear here after a run.");
    return SummaryAction::None;
  }
  SummaryAction action = SummaryAction::None;
  if (view.running) ImGui::TextDisabled("The last run's numbers (a run is going).");
  if (!ImGui::BeginTabBar("summary_tabs")) return action;
  if (ImGui::BeginTabItem("Overview")) {
    if (view.compare != nullptr) ImGui::TextDisabled("Simulated run:");
    headline(*view.summary, view.simulated);
    ImGui::Spacing();
    wait_bar(*view.summary, palette);
    ImGui::Spacing();
    action = speedup_chart(view.sweep, palette, view.running);
    ImGui::EndTabItem();
  }
  if (ImGui::BeginTabItem("Threads")) {
    thread_table(*view.summary);
    if (view.compare != nullptr) {
      ImGui::TextDisabled("Real run:");
      ImGui::PushID("real");
      thread_table(*view.compare);
      ImGui::PopID();
    }
    ImGui::EndTabItem();
  }
  if (view.compare != nullptr &&
      ImGui::BeginTabItem("Sim vs real", nullptr,
                          view.show_compare ? ImGuiTabItemFlags_SetSelected : 0)) {
    compare_table(*view.summary, *view.compare);
    ImGui::EndTabItem();
  }
  ImGui::EndTabBar();
  return action;
}

}  // namespace interleave::ui
