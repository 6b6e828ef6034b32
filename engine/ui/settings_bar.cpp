// Settings widgets. Each control is laid out on the current row when it fits, else on a new one,
// so the bar reads left to right at 4K and stays usable at 600 px. Below kCompactWidth (a 400 px
// window) the labels move into the controls ("GIL On", "4 cores", "limit 10 s") so that two
// controls share a row: four rows instead of seven.
#include "ui/settings_bar.h"

#include <imgui.h>

#include <algorithm>
#include <cstdio>

namespace interleave::ui {
namespace {

constexpr float kCompactWidth = 420.0f;  // the bar's width below which it goes compact

// SameLine when `width` more pixels fit on the current row.
void flow(float width) {
  const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
  ImGui::SameLine();
  if (ImGui::GetCursorScreenPos().x + width > right) ImGui::NewLine();
}

float label_w(const char* s) {
  return ImGui::CalcTextSize(s).x;
}

template <typename E>
bool combo(const char* label, const char* id, E* value, const char* const* names, int count,
           const char* const* tips, float width, bool compact) {
  int current = static_cast<int>(*value);
  // Compact: the label goes into the preview ("GIL On"), or is left out where the value names
  // itself (label empty: "Simulated", "spawn").
  char preview[64];
  std::snprintf(preview, sizeof preview, "%s%s%s", compact ? label : "",
                compact && *label != '\0' ? " " : "", names[current]);
  if (compact) {
    // As wide as the value shown (arrow and padding included), so two controls share a row.
    width = label_w(preview) + ImGui::GetFrameHeight() + ImGui::GetStyle().FramePadding.x * 2 + 2;
    flow(width);
  } else {
    flow(label_w(label) + width + ImGui::GetStyle().ItemInnerSpacing.x);
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(label);
    ImGui::SameLine(0, ImGui::GetStyle().ItemInnerSpacing.x);
  }
  ImGui::SetNextItemWidth(width);
  bool changed = false;
  if (ImGui::BeginCombo(id, preview)) {
    for (int i = 0; i < count; ++i) {
      if (ImGui::Selectable(names[i], i == current)) {
        *value = static_cast<E>(i);
        changed = true;
      }
      if (tips && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tips[i]);
    }
    ImGui::EndCombo();
  }
  if (tips && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tips[current]);
  return changed;
}

// The label before a drag field (compact: none, the field's format names it).
void drag_label(const char* label, float field_w, bool compact) {
  if (compact) {
    flow(field_w);
    return;
  }
  flow(label_w(label) + field_w + 6);
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(label);
  ImGui::SameLine(0, ImGui::GetStyle().ItemInnerSpacing.x);
}

bool coloured_button(const char* label, ImU32 colour, ImU32 hovered, bool enabled, float width) {
  if (!enabled) ImGui::BeginDisabled();
  ImGui::PushStyleColor(ImGuiCol_Button, colour);
  ImGui::PushStyleColor(ImGuiCol_ButtonHovered, hovered);
  ImGui::PushStyleColor(ImGuiCol_ButtonActive, hovered);
  ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(255, 255, 255, 255));
  const bool clicked = ImGui::Button(label, ImVec2(width, 0));
  ImGui::PopStyleColor(4);
  if (!enabled) ImGui::EndDisabled();
  return clicked;
}

}  // namespace

RunAction settings_bar(RunSettings* s, const RunBarState& state, const Palette& p) {
  RunAction action = RunAction::None;
  const float button_w = std::max(64.0f, label_w("Stop") + 32.0f);
  if (coloured_button("Run", p.run_button, p.run_button_hovered, state.can_run, button_w)) {
    action = RunAction::Run;
  }
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) {
    ImGui::SetTooltip(state.running ? "Run again from the start (Ctrl+Enter)"
                                    : "Run the program (Ctrl+Enter)");
  }
  ImGui::SameLine();
  if (coloured_button("Stop", p.stop_button, p.stop_button_hovered, state.running, button_w)) {
    action = RunAction::Stop;
  }
  const bool compact = ImGui::GetContentRegionAvail().x < kCompactWidth;
  const float w = label_w("Compare") + 40.0f;

  static const char* const kModes[] = {"Simulated", "Real", "Compare"};
  static const char* const kModeTips[] = {
      "A deterministic simulator of CPython: virtual time, N virtual cores, a model of the GIL",
      "Real threads (under a real GIL) and real processes on this machine",
      "Both, side by side: the prediction and the measurement"};
  combo(compact ? "" : "Mode", "##mode", &s->mode, kModes, 3, kModeTips, w, compact);

  static const char* const kGil[] = {"On", "Off", "Legacy"};
  static const char* const kGilTips[] = {
      "CPython 3.2+: a waiting thread asks the holder to drop it after the interval",
      "No GIL, as in free-threaded CPython 3.13t: threads run in parallel",
      "The pre-3.2 GIL: the holder releases it every 100 ticks (bytecodes)"};
  combo("GIL", "##gil", &s->gil, kGil, 3, kGilTips,
        label_w("Legacy") + 40.0f, compact);

  const float drag_w = label_w("0000.0 ms") + 16.0f;
  drag_label("Interval", drag_w, compact);
  ImGui::SetNextItemWidth(drag_w);
  float ms = static_cast<float>(s->switch_interval * 1000.0);
  if (ImGui::DragFloat("##interval", &ms, 0.05f, static_cast<float>(kMinSwitchInterval * 1000),
                       static_cast<float>(kMaxSwitchInterval * 1000), "%.1f ms",
                       ImGuiSliderFlags_AlwaysClamp | ImGuiSliderFlags_Logarithmic)) {
    s->switch_interval = static_cast<double>(ms) / 1000.0;
  }
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip(
        "sys.setswitchinterval(): how long a thread may keep the GIL while another waits");

  const bool sim = s->mode != RunMode::Real;
  const float cores_w = compact ? label_w("64 cores") + 16.0f : drag_w * 0.7f;
  if (!sim) ImGui::BeginDisabled();
  drag_label("Cores", cores_w, compact);
  ImGui::SetNextItemWidth(cores_w);
  ImGui::DragInt("##cores", &s->cores, 0.1f, kMinCores, kMaxCores, compact ? "%d cores" : "%d",
                 ImGuiSliderFlags_AlwaysClamp);
  if (!sim) ImGui::EndDisabled();
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) {
    ImGui::SetTooltip(sim ? "Virtual cores of the simulated machine"
                          : "A real run uses this machine's cores");
  }

  static const char* const kStart[] = {"spawn", "fork"};
  static const char* const kStartTips[] = {
      "A fresh interpreter per process; the target is pickled (macOS and Windows default)",
      "The child is a copy of the parent (Linux default before 3.14)"};
  combo(compact ? "" : "Start", "##start", &s->start_method, kStart, 2, kStartTips,
        label_w("spawn") + 40.0f, compact);

  const float limit_w = compact ? label_w("limit 600 s") + 16.0f : drag_w * 0.8f;
  drag_label("Limit", limit_w, compact);
  ImGui::SetNextItemWidth(limit_w);
  float limit = static_cast<float>(s->time_limit);
  if (ImGui::DragFloat("##limit", &limit, 0.1f, static_cast<float>(kMinTimeLimit),
                       static_cast<float>(kMaxTimeLimit), compact ? "limit %.0f s" : "%.0f s",
                       ImGuiSliderFlags_AlwaysClamp)) {
    s->time_limit = static_cast<double>(limit);
  }
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("The run stops after this long (exit status 124)");

  // The simulator's model: a button that says when it is edited ("Model (2)"). Compact, it only
  // takes room left on the last row (the Run menu opens the window too), so the bar keeps its
  // four rows.
  const std::size_t edited = model_edited_count(s->model);
  char model_label[48] = "Model###model";
  if (edited) std::snprintf(model_label, sizeof model_label, "Model (%zu)###model", edited);
  const float model_w =
      label_w(edited ? "Model (00)" : "Model") + ImGui::GetStyle().FramePadding.x * 2;
  const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
  const bool fits =
      ImGui::GetItemRectMax().x + ImGui::GetStyle().ItemSpacing.x + model_w <= right;
  if (fits || !compact) {
    flow(model_w);
    if (edited) ImGui::PushStyleColor(ImGuiCol_Text, p.accent);
    if (ImGui::Button(model_label)) action = RunAction::ShowModel;
    if (edited) ImGui::PopStyleColor();
  }
  if ((fits || !compact) && ImGui::IsItemHovered()) {
    if (edited) {
      ImGui::SetTooltip("The simulator's model: %zu key%s differ%s from the built-in (click to see "
                        "and edit)",
                        edited, edited == 1 ? "" : "s", edited == 1 ? "s" : "");
    } else {
      ImGui::SetTooltip("The simulator's model: the cost of each step in virtual time and the "
                        "machine's background load (click to see and edit)");
    }
  }

  // The progress slot: a bar while a run goes on (its fill and text paced by the caller: a few
  // new pictures a second, never one per frame), with its elapsed time; blank otherwise.
  if (state.running) {
    flow(140);
    ImGui::ProgressBar(static_cast<float>(state.fill),
                       ImVec2(std::max(140.0f, ImGui::GetContentRegionAvail().x), 0),
                       state.elapsed_text.c_str());
  }
  *s = clamped(*s);
  return action;
}

}  // namespace interleave::ui
