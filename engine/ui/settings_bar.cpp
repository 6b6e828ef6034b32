// Settings widgets. Each control is laid out on the current row when it fits, else on a new one,
// so the bar reads left to right at 4K and stays usable at 600 px.
#include "ui/settings_bar.h"

#include <imgui.h>

#include <algorithm>
#include <cstdio>

namespace interleave::ui {
namespace {

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
           const char* const* tips, float width) {
  flow(label_w(label) + width + ImGui::GetStyle().ItemInnerSpacing.x);
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(label);
  ImGui::SameLine(0, ImGui::GetStyle().ItemInnerSpacing.x);
  ImGui::SetNextItemWidth(width);
  bool changed = false;
  int current = static_cast<int>(*value);
  if (ImGui::BeginCombo(id, names[current])) {
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
  const float w = label_w("Compare") + 40.0f;

  static const char* const kModes[] = {"Simulated", "Real", "Compare"};
  static const char* const kModeTips[] = {
      "A deterministic simulator of CPython: virtual time, N virtual cores, a model of the GIL",
      "Real threads (under a real GIL) and real processes on this machine",
      "Both, side by side: the prediction and the measurement"};
  combo("Mode", "##mode", &s->mode, kModes, 3, kModeTips, w);

  static const char* const kGil[] = {"On", "Off", "Legacy"};
  static const char* const kGilTips[] = {
      "CPython 3.2+: a waiting thread asks the holder to drop it after the interval",
      "No GIL, as in free-threaded CPython 3.13t: threads run in parallel",
      "The pre-3.2 GIL: the holder releases it every 100 ticks (bytecodes)"};
  combo("GIL", "##gil", &s->gil, kGil, 3, kGilTips, label_w("Legacy") + 40.0f);

  const float drag_w = label_w("0000.0 ms") + 16.0f;
  flow(label_w("Interval") + drag_w + 6);
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("Interval");
  ImGui::SameLine(0, ImGui::GetStyle().ItemInnerSpacing.x);
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

  flow(label_w("Cores") + drag_w + 6);
  const bool sim = s->mode != RunMode::Real;
  if (!sim) ImGui::BeginDisabled();
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("Cores");
  ImGui::SameLine(0, ImGui::GetStyle().ItemInnerSpacing.x);
  ImGui::SetNextItemWidth(drag_w * 0.7f);
  ImGui::DragInt("##cores", &s->cores, 0.1f, kMinCores, kMaxCores, "%d",
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
  combo("Start", "##start", &s->start_method, kStart, 2, kStartTips, label_w("spawn") + 40.0f);

  flow(label_w("Limit") + drag_w + 6);
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("Limit");
  ImGui::SameLine(0, ImGui::GetStyle().ItemInnerSpacing.x);
  ImGui::SetNextItemWidth(drag_w * 0.8f);
  float limit = static_cast<float>(s->time_limit);
  if (ImGui::DragFloat("##limit", &limit, 0.1f, static_cast<float>(kMinTimeLimit),
                       static_cast<float>(kMaxTimeLimit), "%.0f s", ImGuiSliderFlags_AlwaysClamp)) {
    s->time_limit = static_cast<double>(limit);
  }
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("The run stops after this long (exit status 124)");

  // The progress slot: a bar while a run goes on (against the time limit when the simulator's
  // clock is known), with its elapsed time; blank otherwise.
  if (state.running) {
    flow(140);
    const float fraction =
        state.progress >= 0
            ? static_cast<float>(state.progress)
            : static_cast<float>(ImGui::GetTime() * 0.5 - static_cast<int>(ImGui::GetTime() * 0.5));
    ImGui::ProgressBar(fraction, ImVec2(std::max(140.0f, ImGui::GetContentRegionAvail().x), 0),
                       state.elapsed_text.c_str());
  }
  *s = clamped(*s);
  return action;
}

}  // namespace interleave::ui
