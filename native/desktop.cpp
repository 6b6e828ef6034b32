// The desktop main loop: the host's frame() until the window closes (or --frames N are drawn).
#include "desktop.h"

#include <cstdio>
#include <cstdlib>

#include "host.h"
#include "ui/app.h"
#include "ui/thread_runner.h"

namespace interleave::desktop {

int main(const Options& options) {
  gfx::Host host;
  std::string error;
  if (!host.init(gfx::HostConfig{}, &error)) {
    std::fprintf(stderr, "interleave: %s\n", error.c_str());
    std::fprintf(stderr, "interleave: the desktop app needs a display with OpenGL 3.3; "
                         "`interleave run FILE.py` works without one.\n");
    return 1;
  }
  ui::ThreadRunner runner;  // declared first: it outlives the App, which stops nothing itself
  ui::App app(host.renderer(), ui::AppInfo{"desktop", true, true}, &runner);
  // A trace to show in the timeline (screenshots, tests/timeline/run.sh): INTERLEAVE_OPEN_TRACE=file.json
  if (const char* f = std::getenv("INTERLEAVE_OPEN_TRACE"); f && !app.timeline().open_file(f, &error)) std::fprintf(stderr, "interleave: %s\n", error.c_str());
  while (host.frame(app)) {
    if (options.frames > 0 && app.frames() >= static_cast<std::uint64_t>(options.frames)) break;
  }
  return 0;
}

}  // namespace interleave::desktop
