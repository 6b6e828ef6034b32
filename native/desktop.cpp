// The desktop main loop: the host's frame() until the window closes (or --frames N are drawn).
// Also the desktop's files: preferences and ImGui's ini in the user's config directory
// ($XDG_CONFIG_HOME/interleave, else ~/.config/interleave), exports into ~/Downloads (else the
// home or current directory). Main thread only. Environment for tests and demonstrations:
// INTERLEAVE_RUN_EXAMPLE / INTERLEAVE_RUN_MODE, INTERLEAVE_OPEN_TRACE, INTERLEAVE_MEMORY_OUT.
#include "desktop.h"

#include <imgui.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <fstream>
#include <sstream>
#include <system_error>

#include "host.h"
#include "ui/app.h"
#include "ui/prefs.h"
#include "ui/share_link.h"
#include "ui/thread_runner.h"

namespace interleave::desktop {
namespace {

namespace fs = std::filesystem;

fs::path home_dir() {
  const char* home = std::getenv("HOME");
  return home && *home ? fs::path(home) : fs::path();
}

// Empty when there is no home to put it in (nothing is remembered then).
fs::path config_dir() {
  if (const char* xdg = std::getenv("XDG_CONFIG_HOME"); xdg && *xdg) {
    return fs::path(xdg) / "interleave";
  }
  const fs::path home = home_dir();
  return home.empty() ? fs::path() : home / ".config" / "interleave";
}

bool read_file(const fs::path& path, std::string* text) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream s;
  s << in.rdbuf();
  *text = s.str();
  return true;
}

bool write_file(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
  out.close();
  return static_cast<bool>(out);
}

// Exports: ~/Downloads when it exists, else home, else the current directory; an existing file
// is not overwritten ("name (2).json").
bool save_export(const std::string& name, const std::string& content, std::string* where) {
  fs::path dir = home_dir() / "Downloads";
  std::error_code ec;
  if (home_dir().empty() || !fs::is_directory(dir, ec)) dir = home_dir();
  if (dir.empty() || !fs::is_directory(dir, ec)) dir = fs::current_path(ec);
  const fs::path base(name);
  fs::path path = dir / base;
  for (int n = 2; fs::exists(path, ec) && n < 1000; ++n) {
    path =
        dir / (base.stem().string() + " (" + std::to_string(n) + ")" + base.extension().string());
  }
  if (!write_file(path, content)) {
    *where = "cannot write " + path.string();
    return false;
  }
  *where = path.string();
  return true;
}

// Share on the desktop: the page's link (ui/share_link.h) for the site at INTERLEAVE_SHARE_BASE
// (default: the local playground `./play` serves), put on the clipboard; the console shows it.
void share_to_clipboard(gfx::Host& host, ui::App& app, const ui::ShareRequest& request) {
  std::string base = "http://localhost:8080/";
  if (const char* b = std::getenv("INTERLEAVE_SHARE_BASE"); b && *b) {
    base = b;
    if (base.back() != '/') base += '/';
  }
  std::string error;
  const std::optional<std::string> text = ui::share_text(request, base, &error);
  if (!text) {
    app.console().note("Share: " + error + ".");
    return;
  }
  const char* what = request.kind == ui::ShareKind::Embed ? "the embed code" : "the share link";
  if (!host.copy_to_clipboard(*text, &error)) {
    app.console().note(std::string("Share: could not copy ") + what + " (" + error + "): " + *text);
    return;
  }
  // A program's link can be long: the console shows its start.
  const std::string shown =
      text->size() > 200 ? text->substr(0, 160) + "… (" + std::to_string(text->size()) + " characters)"
                         : *text;
  app.console().note(std::string("Copied ") + what + " to the clipboard: " + shown);
}

// INTERLEAVE_RUN_EXAMPLE=countdown.py [INTERLEAVE_RUN_MODE=sim|real|compare]: opens an example
// and runs it at start (the desktop screenshot test, demonstrations).
void run_example_from_environment(ui::App& app) {
  const char* example = std::getenv("INTERLEAVE_RUN_EXAMPLE");
  if (example == nullptr) return;
  if (!app.load_example(example)) {
    std::fprintf(stderr, "interleave: no example named '%s'\n", example);
    return;
  }
  if (const char* mode = std::getenv("INTERLEAVE_RUN_MODE")) {
    if (auto m = ui::parse_run_mode(mode)) app.settings().mode = *m;
  }
  app.run();
}

}  // namespace

int main(const Options& options) {
  gfx::Host host;
  std::string error;
  if (!host.init(gfx::HostConfig{}, &error)) {
    std::fprintf(stderr, "interleave: %s\n", error.c_str());
    std::fprintf(stderr,
                 "interleave: the desktop app needs a display with OpenGL 3.3; "
                 "`interleave run FILE.py` works without one.\n");
    return 1;
  }
  const fs::path config = config_dir();
  std::error_code ec;
  if (!config.empty()) fs::create_directories(config, ec);
  const bool remember = !config.empty() && fs::is_directory(config, ec);
  // ImGui keeps its own state (table columns, windows) in an ini file; it reads it at the first
  // frame and writes it now and then and at exit (the host's destructor: hence static).
  static std::string ini;
  ini = remember ? (config / "imgui.ini").string() : std::string();
  if (remember) ImGui::GetIO().IniFilename = ini.c_str();

  ui::ThreadRunner runner;  // declared first: it outlives the App, which stops nothing itself
  ui::App app(host.renderer(), ui::AppInfo{"desktop", true, true}, &runner);
  app.set_save_file(save_export);
  app.set_share([&host, &app](const ui::ShareRequest& r) { share_to_clipboard(host, app, r); });
  const fs::path prefs_path = config / "settings.txt";
  if (std::string text; remember && read_file(prefs_path, &text)) {
    app.apply_prefs(ui::parse_prefs(text));
  }
  // A trace to show in the timeline (screenshots, tests/timeline/run.sh):
  // INTERLEAVE_OPEN_TRACE=file.json
  if (const char* f = std::getenv("INTERLEAVE_OPEN_TRACE");
      f && !app.timeline().open_file(f, &error))
    std::fprintf(stderr, "interleave: %s\n", error.c_str());
  run_example_from_environment(app);
  ui::Prefs saved = app.prefs();
  while (host.frame(app)) {
    if (const ui::Prefs now = app.prefs(); remember && !(now == saved)) {
      write_file(prefs_path, ui::prefs_to_text(now));  // on change: survives a killed app too
      saved = now;
    }
    if (options.frames > 0 && app.frames() >= static_cast<std::uint64_t>(options.frames)) break;
  }
  if (remember) write_file(prefs_path, ui::prefs_to_text(app.prefs()));
  // INTERLEAVE_MEMORY_OUT=file: the memory view as text at exit (tests/desktop/memory.sh).
  if (const char* f = std::getenv("INTERLEAVE_MEMORY_OUT"); f && !write_file(f, app.memory_text()))
    std::fprintf(stderr, "interleave: cannot write %s\n", f);
  return 0;
}

}  // namespace interleave::desktop
