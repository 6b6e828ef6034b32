// The timeline's colours: one per thread state (the legend), one identity colour per thread for
// the GIL and core lanes (who holds the GIL, who runs on a core), and the chrome (text, axis,
// headers) for the dark and light themes. Pure functions: any thread.
#pragma once

#include <imgui.h>

#include <cstdint>

#include "trace/thread_state.h"

namespace interleave::ui {

ImU32 state_color(trace::State state);
ImU32 thread_color(std::uint32_t thread_index);
// The states shown in the legend, in reading order.
inline constexpr trace::State kLegendStates[] = {
    trace::State::Starting,   trace::State::Running,  trace::State::HoldingGil,
    trace::State::WaitingGil, trace::State::Runnable, trace::State::Blocked,
    trace::State::Sleeping,   trace::State::Io,       trace::State::Done};

struct TimelineChrome {
  ImU32 text, text_dim, axis, tick, header_bg, gutter_bg, hover, selection, arrow_gil, arrow_msg,
      minimap_bg, minimap_window, band_a, band_b;
};
TimelineChrome timeline_chrome(bool dark);

}  // namespace interleave::ui
