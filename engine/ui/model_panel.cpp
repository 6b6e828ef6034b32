// The Model window's widgets: a header (what the model is, how many keys are edited, Reset all),
// the background-load slider, a filter, then one table per section of profile_keys().
#include "ui/model_panel.h"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <string_view>

namespace interleave::ui {
namespace {

namespace sim = run::sim;

// A heading for a section of the profile; a section added later shows under its own name.
std::string section_title(std::string_view section) {
  static constexpr std::pair<std::string_view, std::string_view> kTitles[] = {
      {"ops", "Bytecode: virtual time per instruction"},
      {"gil", "GIL: taking, dropping, waiting"},
      {"os", "OS scheduler"},
      {"machine", "Machine"},
      {"thread", "Threads"},
      {"process", "Processes and IPC (multiprocessing)"},
      {"sim", "Simulator"},
  };
  for (const auto& [name, title] : kTitles) {
    if (name == section) return std::string(title);
  }
  return std::string(section);
}

void tooltip(const std::string& text) {
  if (!ImGui::IsItemHovered()) return;
  ImGui::BeginTooltip();
  ImGui::PushTextWrapPos(ImGui::GetFontSize() * 32.0f);
  ImGui::TextUnformatted(text.c_str());
  ImGui::PopTextWrapPos();
  ImGui::EndTooltip();
}

std::string key_name(std::size_t key) {
  const sim::ProfileKey& k = sim::profile_keys()[key];
  return std::string(k.section) + "." + std::string(k.name);
}

}  // namespace

bool ModelPanel::draw(Model* model, const Palette& p) {
  const auto& keys = sim::profile_keys();
  const Model defaults = sim::default_profile();
  const Model before = *model;

  ImGui::PushTextWrapPos(0);
  ImGui::TextDisabled(
      "The simulator's model: what each step of a program costs in virtual time. The built-in "
      "values are CPython 3.11's on a typical x86-64 Linux machine. Changes apply to the next "
      "simulated run (and the simulated half of Compare).");
  ImGui::PopTextWrapPos();

  const std::size_t edited = model_edited_count(*model);
  ImGui::AlignTextToFramePadding();
  if (edited == 0) {
    ImGui::TextUnformatted("All keys have their built-in values.");
  } else {
    ImGui::PushStyleColor(ImGuiCol_Text, p.accent);
    ImGui::Text("%zu key%s differ%s from the built-in.", edited, edited == 1 ? "" : "s",
                edited == 1 ? "s" : "");
    ImGui::PopStyleColor();
  }
  ImGui::SameLine();
  if (edited == 0) ImGui::BeginDisabled();
  if (ImGui::Button("Reset all")) {
    *model = defaults;
    refused_ = -1;
  }
  if (edited == 0) ImGui::EndDisabled();

  // The busy-machine knob, where nobody has to look for it.
  if (const std::optional<std::size_t> load = background_load_key()) {
    ImGui::Separator();
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Background load");
    ImGui::SameLine();
    const ModelKeyRange range = model_key_range(*load);
    int value = static_cast<int>(sim::get(*model, *load));
    ImGui::SetNextItemWidth(std::min(240.0f, ImGui::GetContentRegionAvail().x));
    if (ImGui::SliderInt("##background_load", &value, static_cast<int>(range.min),
                         std::min<int>(16, static_cast<int>(range.max)),
                         value == 0 ? "0: an idle machine" : "%d busy programs")) {
      // Dragged: 0..16; typed (Ctrl+click): up to the key's range, clamped here.
      sim::set(*model, *load, std::clamp<std::int64_t>(value, range.min, range.max));
    }
    tooltip("machine.background_load: " + std::string(keys[*load].doc) +
            ". What if this machine is busy: this many always-runnable CPU-bound programs share "
            "the simulated cores with yours (the CLI's --load K). Ctrl+click to type up to " +
            std::to_string(range.max) + ".");
  }

  ImGui::Separator();
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("Filter");
  ImGui::SameLine();
  filter_.Draw("##filter", std::min(260.0f, ImGui::GetContentRegionAvail().x));
  tooltip("Show the keys whose name or description contains this text (e.g. \"fork\", \"gil\")");
  if (refused_ >= 0) {
    ImGui::PushStyleColor(ImGuiCol_Text, p.error);
    ImGui::TextWrapped("%s: \"%s\" is not %s; the value is unchanged.",
                       key_name(static_cast<std::size_t>(refused_)).c_str(),
                       refused_text_.c_str(),
                       keys[static_cast<std::size_t>(refused_)].count
                           ? "a whole number"
                           : "a duration (a number with ns, us, ms or s)");
    ImGui::PopStyleColor();
  }

  // Narrow windows drop the description column (it stays in the key's tooltip), then the
  // built-in column (it moves into the value's tooltip), so that no column is cut off.
  const float width = ImGui::GetContentRegionAvail().x;
  columns_ = width >= 600 ? 5 : width >= 440 ? 4 : 3;
  ImGui::BeginChild("##keys", ImVec2(0, 0), false);
  std::string_view section;
  bool open = false, table = false;
  constexpr ImGuiTableFlags kTableFlags =
      ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_SizingFixedFit;
  for (std::size_t i = 0; i < keys.size(); ++i) {
    const std::string name = key_name(i);
    if (filter_.IsActive() && !filter_.PassFilter(name.c_str()) &&
        !filter_.PassFilter(std::string(keys[i].doc).c_str())) {
      continue;
    }
    if (keys[i].section != section) {
      if (table) ImGui::EndTable();
      table = false;
      section = keys[i].section;
      std::size_t section_edited = 0;
      for (std::size_t j = 0; j < keys.size(); ++j) {
        if (keys[j].section == section) section_edited += model_key_edited(*model, j);
      }
      const std::string header = section_title(section) +
                                 (section_edited ? "  (" + std::to_string(section_edited) + " edited)"
                                                 : std::string()) +
                                 "###" + std::string(section);
      open = ImGui::CollapsingHeader(header.c_str(), ImGuiTreeNodeFlags_DefaultOpen);
      if (open) {
        table = ImGui::BeginTable(std::string(section).c_str(), columns_, kTableFlags);
        if (table) {
          ImGui::TableSetupColumn("Key");
          ImGui::TableSetupColumn("Value");
          if (columns_ >= 4) ImGui::TableSetupColumn("Built-in");
          ImGui::TableSetupColumn("");
          if (columns_ >= 5) ImGui::TableSetupColumn("What it is", ImGuiTableColumnFlags_WidthStretch);
          ImGui::TableHeadersRow();
        }
      }
    }
    if (!table) continue;
    ImGui::TableNextRow();
    ImGui::PushID(static_cast<int>(i));
    draw_key(model, i, p);
    ImGui::PopID();
  }
  if (table) ImGui::EndTable();
  ImGui::EndChild();

  *model = clamped_model(*model);
  return !(*model == before);
}

void ModelPanel::draw_key(Model* model, std::size_t key, const Palette& p) {
  const sim::ProfileKey& k = sim::profile_keys()[key];
  static const Model defaults = sim::default_profile();
  const bool edited = model_key_edited(*model, key);
  const std::string doc = key_name(key) + (k.count ? " (a count)" : "") + ": " + std::string(k.doc);

  ImGui::TableNextColumn();
  ImGui::AlignTextToFramePadding();
  if (edited) ImGui::PushStyleColor(ImGuiCol_Text, p.accent);
  ImGui::Text("%s%.*s", edited ? "* " : "", static_cast<int>(k.name.size()), k.name.data());
  if (edited) ImGui::PopStyleColor();
  tooltip(doc + (edited ? "\n(edited)" : ""));

  ImGui::TableNextColumn();
  const std::string shown = format_model_value(key, sim::get(*model, key));
  char text[48];
  const bool typing = editing_ == static_cast<int>(key);
  if (!typing) std::snprintf(text, sizeof text, "%s", shown.c_str());
  char* buffer = typing ? edit_ : text;
  ImGui::SetNextItemWidth(ImGui::CalcTextSize("000.000000 ms").x);
  if (refused_ == static_cast<int>(key)) ImGui::PushStyleColor(ImGuiCol_Border, p.error);
  ImGui::InputText("##value", buffer, sizeof edit_, ImGuiInputTextFlags_AutoSelectAll);
  if (refused_ == static_cast<int>(key)) ImGui::PopStyleColor();
  if (ImGui::IsItemActivated()) {
    editing_ = static_cast<int>(key);
    std::snprintf(edit_, sizeof edit_, "%s", buffer);
  }
  if (ImGui::IsItemDeactivated()) {
    if (ImGui::IsItemDeactivatedAfterEdit()) {
      if (const std::optional<std::int64_t> v = parse_model_value(key, edit_)) {
        sim::set(*model, key, *v);
        refused_ = -1;
      } else {
        refused_ = static_cast<int>(key);
        refused_text_ = std::string(edit_).substr(0, 24);
      }
    }
    if (editing_ == static_cast<int>(key)) editing_ = -1;
  }
  const ModelKeyRange range = model_key_range(key);
  tooltip((k.count ? "A whole number from " + std::to_string(range.min) + " to " +
                         std::to_string(range.max)
                   : "A duration: 26 (ns), 8.5us, 4 ms, 1.5s; from " +
                         format_model_value(key, range.min) + " to " +
                         format_model_value(key, range.max)) +
          ". Built-in: " + format_model_value(key, sim::get(defaults, key)) +
          ". Enter or click away to apply.");

  if (columns_ >= 4) {
    ImGui::TableNextColumn();
    ImGui::AlignTextToFramePadding();
    ImGui::TextDisabled("%s", format_model_value(key, sim::get(defaults, key)).c_str());
  }

  ImGui::TableNextColumn();
  if (edited) {
    if (ImGui::SmallButton("Reset")) {
      sim::set(*model, key, sim::get(defaults, key));
      if (refused_ == static_cast<int>(key)) refused_ = -1;
    }
    tooltip("Back to the built-in " + format_model_value(key, sim::get(defaults, key)));
  }

  if (columns_ >= 5) {
    ImGui::TableNextColumn();
    ImGui::AlignTextToFramePadding();
    ImGui::TextDisabled("%.*s", static_cast<int>(k.doc.size()), k.doc.data());
    tooltip(doc);
  }
}

}  // namespace interleave::ui
