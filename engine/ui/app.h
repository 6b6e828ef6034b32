// The playground's user interface, one code base for the desktop window and the web page: a menu
// bar and the panels (Examples, Editor with its run settings, Timeline, Summary, Memory, Console),
// tiled to the window (layout.h), and the Model window (the simulator's cost profile) on demand. App::frame() builds one ImGui frame; the platform host calls it
// between NewFrame and Render. Runs go through a Runner the platform provides (runner.h).
// The code font is io.Fonts->Fonts[1] when the host loaded one (app/fonts.cpp does). UI thread
// only.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "trace/trace.h"
#include "ui/code_editor.h"
#include "ui/console_panel.h"
#include "ui/gallery_panel.h"
#include "ui/gfx.h"
#include "ui/layout.h"
#include "ui/memory_panel.h"
#include "ui/model_panel.h"
#include "ui/prefs.h"
#include "ui/progress_pacer.h"
#include "ui/run_settings.h"
#include "ui/runner.h"
#include "ui/share_link.h"
#include "ui/speedup_sweep.h"
#include "ui/summary_panel.h"
#include "ui/theme.h"
#include "ui/timeline_panel.h"

namespace interleave::ui {

struct AppInfo {
  std::string platform;       // "desktop", "web (threads)", "web (no threads)"
  bool real_threads = false;  // can Python threads run truly in parallel here?
  bool can_quit = true;       // a desktop window can be closed from the menu; a page cannot
};

// Saves an export (a file natively, a download on the web): `name` is a suggested file name;
// true with *where saying where it went, or false with *where saying why.
using SaveFile =
    std::function<bool(const std::string& name, const std::string& content, std::string* where)>;

// Share: the platform turns a ShareRequest (share_link.h) into a URL and hands it over (the page:
// public/loader.js's dialog; the desktop: share_text and the clipboard).
using Share = std::function<void(const ShareRequest&)>;

class App {
 public:
  // `runner` (owned by the platform, outliving the App) runs programs; null: UnwiredRunner.
  App(Gfx& gfx, AppInfo info, Runner* runner = nullptr);
  void frame();
  bool quit_requested() const { return quit_; }
  void set_theme(Theme theme);
  Theme theme() const { return theme_; }
  std::uint64_t frames() const { return frames_; }

  // Loads an example of examples/ into the editor; false if there is no such file.
  bool load_example(std::string_view file);
  // Replaces the editor's text with a program of the user's (named `filename` in tracebacks).
  void set_source(std::string_view text, std::string_view filename = "prog.py");
  void set_read_only(bool read_only) { editor_.model().set_read_only(read_only); }
  void run();
  void stop();

  // What is remembered between launches (prefs.h), and restoring it.
  Prefs prefs() const;
  void apply_prefs(const Prefs& prefs);
  // Exports through the platform's save_file (none set: the export menu items are disabled):
  // the last run's trace(s) as Chrome JSON, its numbers as CSV.
  void set_save_file(SaveFile save_file) { save_file_ = std::move(save_file); }
  // False (with a console note saying why) when there is nothing to export or saving failed.
  bool export_trace();
  bool export_numbers();
  // Share (a link, or an iframe snippet) through the platform's handler; none set (the desktop):
  // the Share menu is not shown and share() returns false.
  void set_share(Share share) { share_ = std::move(share); }
  bool share(ShareKind kind);

  RunSettings& settings() { return settings_; }
  // The Model window (model_panel.h): shown over the panels until closed.
  void show_model(bool show) { show_model_ = show; }
  bool model_shown() const { return show_model_; }
  CodeEditor& editor() { return editor_; }
  ConsoleModel& console() { return console_.model(); }
  TimelinePanel& timeline() { return timeline_; }
  const std::string& example() const { return example_; }
  // The last run's results, as the panels show them.
  const std::shared_ptr<const trace::Trace>& last_trace() const { return trace_; }
  const std::shared_ptr<const trace::Trace>& last_compare_trace() const { return compare_trace_; }
  // The main process's globals at the end of the last run; nullopt: not captured.
  const std::optional<Globals>& last_globals() const { return globals_; }
  // The child processes' globals at their ends; nullopt: not captured (RunStatus::child_globals).
  const std::optional<std::vector<ProcessGlobals>>& last_child_globals() const {
    return child_globals_;
  }
  // Where the panels are now (layout.h), for the display's size.
  PanelLayout layout() const;
  // The memory view as plain text (memory_panel.h's memory_text; both runs in compare mode).
  std::string memory_text() const;
  const SweepState& sweep() const { return sweep_state_; }
  const std::string& status() const { return status_; }
  bool running() const { return running_; }

 private:
  void poll_runner();
  void menu_bar();
  void examples_panel(const PanelLayout& layout);
  void editor_panel();
  void timeline_panel();
  void summary_panel();
  void memory_panel();
  void summary_contents();  // a panel's body, in its own window or in the compact layout's tab
  void memory_contents();
  void console_contents();
  void details_panel(const Rect& r);
  MemoryView memory_view(bool real_of_compare) const;  // the Memory panel's content
  void console_panel();
  void about_window();
  void model_window();
  void confirm_replace();
  bool edited() const { return editor_.model().version() != loaded_version_; }
  ImFont* mono_font() const;

  Gfx& gfx_;
  AppInfo info_;
  SaveFile save_file_;
  Share share_;
  UnwiredRunner unwired_;
  Runner* runner_;
  Theme theme_ = Theme::Dark;
  RunSettings settings_;
  CodeEditor editor_;
  ConsolePanel console_;
  GalleryPanel gallery_;
  TimelinePanel timeline_;
  std::string example_;               // the example in the editor ("" once it is the user's own)
  std::string filename_ = "prog.py";  // the program's name in tracebacks
  std::uint64_t loaded_version_ = 0;  // the editor's version when its program was loaded
  std::string pending_example_;       // picked while the editor held edits: confirm first
  bool running_ = false;
  double run_progress_ = -1, run_elapsed_ = 0;
  bool run_elapsed_virtual_ = false;  // run_elapsed_ is the simulator's clock
  ProgressPacer progress_pacer_;      // what the run bar shows of them, a few times a second
  std::string status_;                // the last run's outcome, shown under the editor
  // The last run's recorded trace (null before the first run, or when the run recorded none). In
  // compare mode trace_ is the simulated run and compare_trace_ the real one (else null).
  std::shared_ptr<const trace::Trace> trace_;
  std::shared_ptr<const trace::Trace> compare_trace_;
  // Their numbers (trace::summarize), computed once per run, and the simulator's speedup curve.
  std::optional<trace::Summary> summary_, compare_summary_;
  bool summary_simulated_ = false;
  bool show_compare_ = false;  // the next frame brings the summary's sim-vs-real table forward
  RunRequest last_request_;    // what the last run ran (the sweep repeats it)
  SpeedupSweep sweep_;
  SweepState sweep_state_;
  // The main process's globals at the end of the last run (memory view); compare: per side.
  std::optional<Globals> globals_, compare_globals_;
  std::optional<std::vector<ProcessGlobals>> child_globals_, compare_child_globals_;
  int last_exit_status_ = 0;
  bool quit_ = false;
  bool show_about_ = false;
  bool show_model_ = false;
  ModelPanel model_panel_;
  bool show_gallery_ = false;  // the compact layout's Examples window
  std::uint64_t frames_ = 0;
};

}  // namespace interleave::ui
