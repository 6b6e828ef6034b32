// The shell of the playground: menu bar, panels tiled by layout.h, and the run loop glue between
// the editor, the Runner and the console.
#include "ui/app.h"

#include <imgui.h>

#include <algorithm>
#include <cstdio>

#include "trace/chrome_json.h"
#include "trace/summary.h"
#include "ui/examples.h"
#include "ui/layout.h"
#include "ui/lessons.h"
#include "ui/run_status_text.h"
#include "ui/settings_bar.h"
#include "ui/summary_csv.h"
#include "version.h"

namespace interleave::ui {
namespace {

constexpr ImGuiWindowFlags kPanelFlags =
    ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse |
    ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoSavedSettings;

bool begin_panel(const char* name, const Rect& r, ImGuiWindowFlags extra = 0) {
  ImGui::SetNextWindowPos(ImVec2(r.x, r.y));
  ImGui::SetNextWindowSize(ImVec2(r.w, r.h));
  return ImGui::Begin(name, nullptr, kPanelFlags | extra);
}

std::vector<Lesson> embedded_lessons() {
  const EmbeddedFile* file = find_example("lessons.txt");
  if (!file) return {};
  return parse_lessons(file->text).lessons;  // errors are caught by the unit tests
}

PanelLayout current_layout() {
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  return compute_layout({vp->WorkPos.x, vp->WorkPos.y, vp->WorkSize.x, vp->WorkSize.y});
}

}  // namespace

PanelLayout App::layout() const {
  return current_layout();
}

App::App(Gfx& gfx, AppInfo info, Runner* runner)
    : gfx_(gfx),
      info_(std::move(info)),
      runner_(runner ? runner : &unwired_),
      gallery_(embedded_lessons()) {
  set_theme(theme_);
  load_example("countdown.py");
  console_.model().note(std::string("Interleave ") + version() +
                        ": pick an example on the left or type a program, then Run (Ctrl+Enter).");
}

ImFont* App::mono_font() const {
  const ImGuiIO& io = ImGui::GetIO();
  return io.Fonts->Fonts.Size > 1 ? io.Fonts->Fonts[1] : nullptr;
}

void App::set_theme(Theme theme) {
  theme_ = theme;
  apply_theme(theme);
}

bool App::load_example(std::string_view file) {
  const EmbeddedFile* found = find_example(file);
  if (!found || file == "lessons.txt") return false;
  set_source(found->text, file);
  example_ = std::string(file);
  return true;
}

void App::set_source(std::string_view text, std::string_view filename) {
  editor_.model().set_text(text);
  editor_.set_error(std::nullopt);
  example_.clear();
  filename_ = std::string(filename);
  status_.clear();
  loaded_version_ = editor_.model().version();
}

Prefs App::prefs() const {
  Prefs p;
  p.theme = theme_;
  p.settings = settings_;
  p.example = example_;
  p.model_window = show_model_;
  return p;
}

void App::apply_prefs(const Prefs& prefs) {
  set_theme(prefs.theme);
  settings_ = clamped(prefs.settings);
  show_model_ = prefs.model_window;
  if (!prefs.example.empty() && !edited()) load_example(prefs.example);
}

namespace {

// "countdown" for countdown.py, "program" for the user's own.
std::string export_stem(const std::string& example) {
  if (example.empty()) return "program";
  return example.substr(0, example.rfind('.'));
}

}  // namespace

bool App::export_trace() {
  if (!save_file_ || !trace_) {
    console_.model().note(save_file_ ? "Export: run a program first; there is no trace yet."
                                     : "Export is not available here.");
    return false;
  }
  const std::string stem = export_stem(example_);
  bool ok = true;
  auto save = [&](const trace::Trace& t, const std::string& name) {
    std::string where;
    const bool saved = save_file_(name, trace::write_chrome_json(t), &where);
    console_.model().note(saved ? "Saved the trace (Chrome JSON, opens in Perfetto) to " + where
                                : "Could not save the trace: " + where);
    ok = ok && saved;
  };
  if (compare_trace_) {
    save(*trace_, stem + "-sim.trace.json");
    save(*compare_trace_, stem + "-real.trace.json");
  } else {
    save(*trace_, stem + ".trace.json");
  }
  return ok;
}

bool App::export_numbers() {
  if (!save_file_ || !summary_) {
    console_.model().note(save_file_ ? "Export: run a program first; there are no numbers yet."
                                     : "Export is not available here.");
    return false;
  }
  std::string csv = summary_csv_header();
  if (compare_summary_) {
    csv += summary_csv_rows(*summary_, "sim");
    csv += summary_csv_rows(*compare_summary_, "real");
  } else {
    csv += summary_csv_rows(*summary_, summary_simulated_ ? "sim" : "real");
  }
  std::string where;
  const bool saved = save_file_(export_stem(example_) + ".summary.csv", csv, &where);
  console_.model().note(saved ? "Saved the numbers (CSV) to " + where
                              : "Could not save the numbers: " + where);
  return saved;
}

bool App::share(ShareKind kind) {
  if (!share_) return false;
  ShareRequest request;
  request.kind = kind;
  if (!example_.empty() && !edited()) request.example = example_;
  request.source = editor_.model().text();
  request.settings = clamped(settings_);
  share_(request);
  return true;
}

void App::run() {
  RunRequest request{editor_.model().text(), filename_, clamped(settings_)};
  console_.model().set_program_file(filename_);
  // An edited model is named: the same program gives other numbers under it.
  const std::size_t edited = settings_.mode == RunMode::Real ? 0 : model_edited_count(settings_.model);
  console_.model().note("Run " + filename_ + " (" + std::string(to_string(settings_.mode)) +
                        ", GIL " + std::string(to_string(settings_.gil)) +
                        (edited ? ", model: " + model_to_text(settings_.model) : std::string()) +
                        ")");
  editor_.set_error(std::nullopt);
  status_.clear();
  running_ = true;
  run_progress_ = -1;
  run_elapsed_ = 0;
  progress_pacer_.reset();
  sweep_.cancel();
  last_request_ = request;
  runner_->start(request);
}

void App::stop() {
  if (running_) runner_->stop();
}

void App::poll_runner() {
  RunStatus status = runner_->poll();
  for (const RunOutput& out : status.output)
    console_.model().append(out.origin, out.stream, out.text);
  if (!running_) return;
  run_progress_ = status.progress;
  run_elapsed_ = status.elapsed;
  run_elapsed_virtual_ = status.elapsed_virtual;
  if (status.phase == RunPhase::Running) return;
  running_ = false;
  trace_ = std::move(status.trace);
  compare_trace_ = std::move(status.compare_trace);
  last_exit_status_ = status.exit_status.value_or(0);
  globals_ = std::move(status.globals);
  compare_globals_ = std::move(status.compare_globals);
  child_globals_ = std::move(status.child_globals);
  compare_child_globals_ = std::move(status.compare_child_globals);
  summary_.reset();
  compare_summary_.reset();
  if (trace_) summary_ = trace::summarize(*trace_);
  if (compare_trace_) compare_summary_ = trace::summarize(*compare_trace_);
  show_compare_ = compare_summary_.has_value();  // a compare run opens on its differences
  summary_simulated_ = trace_ && trace_->clock == trace::ClockKind::Virtual;
  // The speedup-vs-cores curve, when the program ran to its end (a failed run has no timings).
  if (status.exit_status == 0) {
    sweep_.start(last_request_.source, last_request_.filename, last_request_.settings);
  }
  if (status.exit_status) {
    RunOutcome outcome;
    outcome.filename = filename_;
    outcome.mode = last_request_.settings.mode;
    outcome.exit_status = *status.exit_status;
    outcome.compare_exit_status = status.compare_exit_status;
    outcome.elapsed = status.elapsed;
    outcome.elapsed_virtual = status.elapsed_virtual;
    // Each clock from its own trace: the simulated run's virtual time, the real run's wall time.
    if (summary_ && summary_simulated_) outcome.sim_seconds = double(summary_->wall_ns) * 1e-9;
    if (compare_summary_) outcome.real_seconds = double(compare_summary_->wall_ns) * 1e-9;
    status_ = outcome_text(outcome);
    console_.model().note(status_);
  } else {
    status_ = "Not run: running is not wired into this build yet";
  }
  editor_.set_error(console_.model().last_error());
}

void App::frame() {
  ++frames_;
  poll_runner();
  sweep_state_ = sweep_.poll();
  // Ctrl+Enter runs from anywhere but a text field (the editor handles it itself when focused).
  const ImGuiIO& io = ImGui::GetIO();
  if (!editor_.has_focus() && !io.WantTextInput && io.KeyCtrl &&
      ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter), false)) {
    run();
  }
  menu_bar();
  const PanelLayout layout = current_layout();
  examples_panel(layout);
  editor_panel();
  timeline_panel();
  if (layout.compact) {
    details_panel(layout.details);
  } else {
    summary_panel();
    memory_panel();
    console_panel();
  }
  if (show_model_) model_window();
  if (show_about_) about_window();
}

void App::menu_bar() {
  if (!ImGui::BeginMainMenuBar()) return;
  if (ImGui::BeginMenu("File")) {
    if (ImGui::MenuItem("New program")) set_source("");
    const bool can_save = static_cast<bool>(save_file_);
    if (ImGui::MenuItem("Export trace (Chrome JSON)", nullptr, false, can_save && trace_)) {
      export_trace();
    }
    if (ImGui::MenuItem("Export numbers (CSV)", nullptr, false, can_save && summary_)) {
      export_numbers();
    }
    if (ImGui::MenuItem("Quit", "Ctrl+Q", false, info_.can_quit)) quit_ = true;
    ImGui::EndMenu();
  }
  // The compact layout has no gallery column: it opens from here.
  if (current_layout().compact && ImGui::BeginMenu("Examples")) {
    if (ImGui::MenuItem("Show the examples gallery", nullptr, show_gallery_)) {
      show_gallery_ = !show_gallery_;
    }
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("Run")) {
    if (ImGui::MenuItem("Run", "Ctrl+Enter")) run();
    if (ImGui::MenuItem("Stop", nullptr, false, running_)) stop();
    ImGui::Separator();
    if (ImGui::MenuItem("Simulator model...", nullptr, show_model_)) show_model_ = !show_model_;
    if (ImGui::IsItemHovered()) {
      ImGui::SetTooltip("See and edit what each step costs in virtual time, and the background load");
    }
    ImGui::EndMenu();
  }
  if (share_ && ImGui::BeginMenu("Share")) {
    if (ImGui::MenuItem("Copy link (program and settings)")) share(ShareKind::Link);
    if (ImGui::IsItemHovered()) {
      ImGui::SetTooltip("A link that opens this program with these settings");
    }
    if (ImGui::MenuItem("Copy embed code (iframe)")) share(ShareKind::Embed);
    if (ImGui::IsItemHovered()) {
      ImGui::SetTooltip("An <iframe> for a documentation page, showing this program");
    }
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("View")) {
    if (ImGui::MenuItem("Dark theme", nullptr, theme_ == Theme::Dark)) set_theme(Theme::Dark);
    if (ImGui::MenuItem("Light theme", nullptr, theme_ == Theme::Light)) set_theme(Theme::Light);
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("Help")) {
    if (ImGui::MenuItem("About Interleave")) show_about_ = true;
    ImGui::EndMenu();
  }
  // Right-aligned: where we run and whether threads are real here.
  const Palette& p = palette(theme_);
  const char* badge = info_.real_threads ? "real threads: on" : "real threads: off";
  const float width = ImGui::CalcTextSize(badge).x + ImGui::CalcTextSize(info_.platform.c_str()).x +
                      3 * ImGui::GetStyle().ItemSpacing.x + 8.0f;
  if (ImGui::GetContentRegionAvail().x > width) {
    ImGui::SameLine(ImGui::GetWindowWidth() - width);
    ImGui::TextDisabled("%s", info_.platform.c_str());
    ImGui::PushStyleColor(ImGuiCol_Text, info_.real_threads
                                             ? p.syntax[static_cast<int>(TokenKind::String)]
                                             : p.syntax[static_cast<int>(TokenKind::Number)]);
    ImGui::TextUnformatted(badge);
    ImGui::PopStyleColor();
  }
  ImGui::EndMainMenuBar();
}

void App::examples_panel(const PanelLayout& layout) {
  bool began = false, open = false;
  if (!layout.compact) {
    began = true;
    open = begin_panel("Examples", layout.examples);
  } else if (show_gallery_) {
    // A window over the editor, opened from the Examples menu, closed once an example is picked.
    const Rect& e = layout.editor;
    ImGui::SetNextWindowPos(ImVec2(e.x + 8, e.y + 8), ImGuiCond_Appearing);
    ImGui::SetNextWindowSize(ImVec2(std::min(340.0f, e.w + 80), e.h - 16), ImGuiCond_Appearing);
    began = true;
    open = ImGui::Begin("Examples", &show_gallery_,
                        ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings);
  }
  if (open) {
    if (auto picked = gallery_.draw(palette(theme_), example_)) {
      if (edited() && *picked != example_) {
        pending_example_ = *picked;  // the user's edits would be lost: ask first
      } else {
        load_example(*picked);
      }
      show_gallery_ = false;
    }
  }
  if (began) ImGui::End();
  confirm_replace();
}

void App::confirm_replace() {
  if (!pending_example_.empty() && !ImGui::IsPopupOpen("Replace the program?")) {
    ImGui::OpenPopup("Replace the program?");
  }
  ImGui::SetNextWindowSize(ImVec2(380, 0));
  if (!ImGui::BeginPopupModal("Replace the program?", nullptr,
                              ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoSavedSettings)) {
    return;
  }
  ImGui::TextWrapped("The editor holds changes to %s. Open %s instead and lose them?",
                     filename_.c_str(), pending_example_.c_str());
  ImGui::Spacing();
  if (ImGui::Button("Open example")) {
    load_example(pending_example_);
    pending_example_.clear();
    ImGui::CloseCurrentPopup();
  }
  ImGui::SameLine();
  if (ImGui::Button("Keep editing") || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) {
    pending_example_.clear();
    ImGui::CloseCurrentPopup();
  }
  ImGui::EndPopup();
}

void App::editor_panel() {
  const Palette& p = palette(theme_);
  // The title names the program; ### keeps the window's identity while the name changes.
  const std::string title =
      "Editor  ·  " + filename_ + (edited() && !example_.empty() ? " (edited)" : "") + "###Editor";
  if (begin_panel(title.c_str(), current_layout().editor)) {
    const ProgressPacer::Shown shown =
        progress_pacer_.update(ImGui::GetTime(), run_progress_, run_elapsed_, run_elapsed_virtual_);
    RunBarState bar{running_, shown.fill,
                    progress_text(last_request_.settings.mode, shown.elapsed, run_elapsed_virtual_),
                    true};
    const RunAction action = settings_bar(&settings_, bar, p);
    ImGui::Spacing();
    const float strip_h = ImGui::GetFrameHeightWithSpacing();
    const CodeEditor::Events events = editor_.draw("##code", ImVec2(0, -strip_h), mono_font(), p);
    if (action == RunAction::Run || events.run) run();
    if (action == RunAction::Stop) stop();
    if (action == RunAction::ShowModel) show_model_ = !show_model_;

    // The strip under the editor: the error (click to jump), else the cursor and the last outcome.
    const auto& error = editor_.error();
    if (error) {
      ImGui::PushStyleColor(ImGuiCol_Text, p.error);
      char text[64];
      std::snprintf(text, sizeof text, "Line %d: ", error->line);
      ImGui::AlignTextToFramePadding();
      ImGui::TextUnformatted(text);
      ImGui::SameLine(0, 0);
      ImGui::TextUnformatted(error->message.c_str());
      ImGui::PopStyleColor();
      if (ImGui::IsItemClicked()) editor_.go_to_line(error->line);
      if (ImGui::IsItemHovered()) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    } else {
      const TextPos c = editor_.model().cursor();
      char text[96];
      std::snprintf(text, sizeof text, "Ln %d, Col %d", c.line + 1,
                    editor_.model().buffer().display_col(c.line, c.col) + 1);
      ImGui::AlignTextToFramePadding();
      ImGui::TextDisabled("%s%s", text, editor_.model().read_only() ? "  ·  read-only" : "");
      if (!status_.empty()) {
        ImGui::SameLine();
        ImGui::TextDisabled("  ·  %s", status_.c_str());
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", status_.c_str());  // may be cut off
      }
    }
  }
  ImGui::End();
}

void App::timeline_panel() {
  constexpr ImGuiWindowFlags kOwnScrolling =
      ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse;
  if (begin_panel("Timeline", current_layout().timeline, kOwnScrolling)) {
    timeline_.set_running(running_);
    timeline_.draw(gfx_, trace_, compare_trace_, theme_ == Theme::Dark);
  }
  ImGui::End();
}

void App::summary_panel() {
  if (begin_panel("Summary", current_layout().summary)) summary_contents();
  ImGui::End();
}

void App::summary_contents() {
  {
    SummaryView view;
    view.summary = summary_ ? &*summary_ : nullptr;
    view.simulated = summary_simulated_;
    view.compare = compare_summary_ ? &*compare_summary_ : nullptr;
    view.sweep = sweep_state_.phase == SweepState::Phase::Idle ? nullptr : &sweep_state_;
    view.running = running_;
    view.show_compare = std::exchange(show_compare_, false);
    switch (draw_summary(view, palette(theme_))) {
      case SummaryAction::StartSweep:
        sweep_.start(last_request_.source, last_request_.filename, last_request_.settings);
        break;
      case SummaryAction::CancelSweep:
        sweep_.cancel();
        break;
      case SummaryAction::None:
        break;
    }
  }
}

MemoryView App::memory_view(bool real_of_compare) const {
  // Why a process's globals are missing, when they are.
  const bool stopped = last_exit_status_ == 124;
  MemoryView view;
  const auto& trace = real_of_compare ? compare_trace_ : trace_;
  const auto& globals = real_of_compare ? compare_globals_ : globals_;
  const auto& children = real_of_compare ? compare_child_globals_ : child_globals_;
  view.trace = trace.get();
  view.globals = globals ? &*globals : nullptr;
  view.globals_missing = stopped ? "(globals not captured: the run was stopped)"
                                 : "(globals are not reported by this build's runs)";
  view.child_globals = children ? &*children : nullptr;
  view.children_missing = stopped ? "(globals not captured: the run was stopped)"
                                  : "Globals of child processes are not available in this mode.";
  view.running = running_;
  view.uses_processes = last_request_.source.find("multiprocessing") != std::string::npos;
  if (compare_trace_) view.title = real_of_compare ? "Real run" : "Simulated run";
  return view;
}

std::string App::memory_text() const {
  std::string text = interleave::ui::memory_text(memory_view(false));
  if (compare_trace_) text += interleave::ui::memory_text(memory_view(true));
  return text;
}

void App::memory_panel() {
  if (begin_panel("Memory", current_layout().memory)) memory_contents();
  ImGui::End();
}

void App::memory_contents() {
  draw_memory(memory_view(false), mono_font(), palette(theme_));
  if (compare_trace_) {
    ImGui::Spacing();
    ImGui::PushID("real");
    draw_memory(memory_view(true), mono_font(), palette(theme_));
    ImGui::PopID();
  }
}

// The compact layout's one panel for the console, the numbers and the memory view, as tabs.
void App::details_panel(const Rect& r) {
  if (begin_panel("Details", r, ImGuiWindowFlags_NoTitleBar) &&
      ImGui::BeginTabBar("details", ImGuiTabBarFlags_FittingPolicyScroll)) {
    if (ImGui::BeginTabItem("Console")) {
      console_contents();
      ImGui::EndTabItem();
    }
    if (ImGui::BeginTabItem("Summary")) {
      summary_contents();
      ImGui::EndTabItem();
    }
    if (ImGui::BeginTabItem("Memory")) {
      memory_contents();
      ImGui::EndTabItem();
    }
    ImGui::EndTabBar();
  }
  ImGui::End();
}

void App::console_panel() {
  if (begin_panel("Console", current_layout().console)) console_contents();
  ImGui::End();
}

void App::console_contents() {
  const ConsolePanel::Events events = console_.draw(mono_font(), palette(theme_));
  if (events.jump_to_line > 0) editor_.go_to_line(events.jump_to_line);
}

// A floating window over the panels, as large as the display allows (at most 760 x 640).
void App::model_window() {
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  const ImVec2 size(std::min(760.0f, vp->WorkSize.x - 16), std::min(640.0f, vp->WorkSize.y - 16));
  ImGui::SetNextWindowSize(size, ImGuiCond_Appearing);
  ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + (vp->WorkSize.x - size.x) * 0.5f,
                                 vp->WorkPos.y + (vp->WorkSize.y - size.y) * 0.5f),
                          ImGuiCond_Appearing);
  if (ImGui::Begin("Simulator model", &show_model_,
                   ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings)) {
    model_panel_.draw(&settings_.model, palette(theme_));
  }
  ImGui::End();
}

void App::about_window() {
  ImGui::SetNextWindowSize(ImVec2(420, 0), ImGuiCond_Appearing);
  if (ImGui::Begin("About Interleave", &show_about_, ImGuiWindowFlags_NoSavedSettings)) {
    ImGui::Text("Interleave %s", version());
    ImGui::TextWrapped(
        "A playground for Python threads and processes: a deterministic simulator "
        "that explains, and real threads and processes that measure.");
    ImGui::Separator();
    ImGui::Text("Running on: %s", info_.platform.c_str());
    ImGui::Text("Real parallel threads: %s", info_.real_threads ? "yes" : "no");
  }
  ImGui::End();
}

}  // namespace interleave::ui
