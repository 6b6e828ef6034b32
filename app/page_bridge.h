// The app's exports to the page beyond web/main.cpp's (browser builds only): Share (the app's
// Share menu hands its program and settings to public/loader.js, Module.interleaveHost.share,
// which compresses them into a URL hash and shows the link or the iframe snippet; loader.js can
// ask for one too: interleave_app_share), a share link's time limit (interleave_app_set_time_limit)
// and simulator model (interleave_app_set_model: its edited keys, params.js's model=), and what
// the app shows now, as JSON, for window.interleave.state() (tests and host pages; with
// the panels' rectangles, `layout`, so that tests judge the regions the app really drew).
// Browser main thread only.
#pragma once

#include "ui/app.h"

namespace interleave::gfx {

// Wires `app` (which must outlive the page) to the page.
void install_page_bridge(ui::App& app);

}  // namespace interleave::gfx
