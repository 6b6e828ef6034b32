// The playground's user interface, one code base for the desktop window and the web page: a menu
// bar and the panels (Examples, Editor, Timeline, Summary, Memory, Console), tiled to the window.
// App::frame() builds one ImGui frame; the platform host calls it between NewFrame and Render.
// UI thread only.
#pragma once

#include <cstdint>
#include <string>

#include "ui/gfx.h"

namespace interleave::ui {

struct AppInfo {
  std::string platform;       // "desktop", "web (threads)", "web (no threads)"
  bool real_threads = false;  // can Python threads run truly in parallel here?
  bool can_quit = true;       // a desktop window can be closed from the menu; a page cannot
};

enum class Theme { Dark, Light };

class App {
 public:
  App(Gfx& gfx, AppInfo info);
  void frame();
  bool quit_requested() const { return quit_; }
  void set_theme(Theme theme);
  Theme theme() const { return theme_; }
  std::uint64_t frames() const { return frames_; }

 private:
  void menu_bar();
  void examples_panel();
  void editor_panel();
  void timeline_panel();
  void summary_panel();
  void memory_panel();
  void console_panel();
  void about_window();

  Gfx& gfx_;
  AppInfo info_;
  Theme theme_ = Theme::Dark;
  bool quit_ = false;
  bool show_about_ = false;
  std::uint64_t frames_ = 0;
};

}  // namespace interleave::ui
