// Two-finger gestures for the app, from SDL's finger events: a pinch zooms (as the mouse wheel
// does, about the fingers' centre) and the centre's motion drags (as a held mouse button does),
// so the timeline pans and zooms by touch with no touch code of its own. One finger needs nothing
// here: SDL turns it into the mouse (SDL_HINT_TOUCH_MOUSE_EVENTS). Positions are window pixels
// (logical). UI thread only: on_event while pumping events, apply between the platform backend's
// NewFrame and ImGui::NewFrame.
#pragma once

#include <SDL.h>

#include <vector>

struct ImGuiIO;

namespace interleave::gfx {

class TouchGestures {
 public:
  // Wheel notches per doubling of the fingers' distance: the timeline zooms 0.8x per notch, so
  // ln 2 / ln 1.25 notches make the picture follow the fingers.
  static constexpr float kNotchesPerDoubling = 3.106f;

  void on_event(const SDL_Event& event, int window_w, int window_h);
  void apply(ImGuiIO& io);
  bool pinching() const { return pinching_; }

 private:
  struct Finger {
    SDL_FingerID id;
    float x, y;  // window pixels
  };
  std::vector<Finger> fingers_;  // in the order they touched
  bool pinching_ = false;
  float last_distance_ = 0;
};

}  // namespace interleave::gfx
