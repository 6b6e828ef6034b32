// States read as traffic: green works, orange waits for the GIL, red is blocked, blue/violet
// sleeps or does I/O, grey has not started or has ended.
#include "ui/timeline_palette.h"

namespace interleave::ui {

ImU32 state_color(trace::State state) {
  switch (state) {
    case trace::State::Idle:
      return IM_COL32(0, 0, 0, 0);
    case trace::State::Starting:
      return IM_COL32(140, 155, 180, 255);
    case trace::State::Runnable:
      return IM_COL32(120, 200, 190, 255);
    case trace::State::Running:
      return IM_COL32(56, 176, 96, 255);
    case trace::State::HoldingGil:
      return IM_COL32(170, 205, 60, 255);
    case trace::State::WaitingGil:
      return IM_COL32(236, 138, 50, 255);
    case trace::State::Blocked:
      return IM_COL32(214, 72, 72, 255);
    case trace::State::Sleeping:
      return IM_COL32(150, 120, 215, 255);
    case trace::State::Io:
      return IM_COL32(70, 140, 225, 255);
    case trace::State::Done:
      return IM_COL32(95, 100, 110, 255);
    case trace::State::kCount:
      break;
  }
  return IM_COL32(255, 0, 255, 255);
}

ImU32 thread_color(std::uint32_t thread_index) {
  // Hues kept away from the state colours (no green, orange, red, teal): a GIL or core lane
  // coloured by thread must not read as a state.
  static constexpr ImU32 kColors[] = {IM_COL32(88, 132, 185, 255),  IM_COL32(240, 205, 80, 255),
                                      IM_COL32(255, 150, 175, 255), IM_COL32(180, 120, 170, 255),
                                      IM_COL32(165, 120, 90, 255),  IM_COL32(190, 180, 175, 255),
                                      IM_COL32(120, 105, 200, 255), IM_COL32(215, 170, 120, 255)};
  return kColors[thread_index % (sizeof kColors / sizeof kColors[0])];
}

TimelineChrome timeline_chrome(bool dark) {
  if (dark) {
    return {
        IM_COL32(225, 228, 235, 255), IM_COL32(150, 156, 168, 255), IM_COL32(120, 128, 145, 255),
        IM_COL32(90, 98, 115, 255),   IM_COL32(38, 42, 52, 255),    IM_COL32(24, 26, 32, 255),
        IM_COL32(255, 255, 255, 40),  IM_COL32(255, 255, 255, 255), IM_COL32(255, 214, 90, 230),
        IM_COL32(120, 200, 255, 230), IM_COL32(20, 22, 27, 255),    IM_COL32(255, 255, 255, 60),
        IM_COL32(28, 31, 37, 255),    IM_COL32(34, 37, 45, 255)};
  }
  return {IM_COL32(30, 32, 38, 255),    IM_COL32(100, 105, 115, 255), IM_COL32(120, 125, 135, 255),
          IM_COL32(180, 185, 195, 255), IM_COL32(222, 226, 234, 255), IM_COL32(240, 242, 246, 255),
          IM_COL32(0, 0, 0, 30),        IM_COL32(20, 20, 20, 255),    IM_COL32(170, 110, 0, 230),
          IM_COL32(0, 110, 200, 230),   IM_COL32(232, 235, 240, 255), IM_COL32(0, 0, 0, 50),
          IM_COL32(250, 250, 252, 255), IM_COL32(240, 242, 246, 255)};
}

}  // namespace interleave::ui
