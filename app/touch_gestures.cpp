// Finger bookkeeping and the pinch-to-wheel mapping (touch_gestures.h).
#include "touch_gestures.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>

namespace interleave::gfx {

void TouchGestures::on_event(const SDL_Event& event, int window_w, int window_h) {
  if (event.type != SDL_FINGERDOWN && event.type != SDL_FINGERMOTION &&
      event.type != SDL_FINGERUP) {
    return;
  }
  const SDL_TouchFingerEvent& f = event.tfinger;
  auto it = std::find_if(fingers_.begin(), fingers_.end(),
                         [&](const Finger& g) { return g.id == f.fingerId; });
  if (event.type == SDL_FINGERUP) {
    if (it != fingers_.end()) fingers_.erase(it);
    return;
  }
  const Finger now{f.fingerId, f.x * static_cast<float>(window_w),
                   f.y * static_cast<float>(window_h)};
  if (it == fingers_.end()) {
    fingers_.push_back(now);
  } else {
    *it = now;
  }
}

void TouchGestures::apply(ImGuiIO& io) {
  if (fingers_.size() < 2) {
    if (pinching_) {
      // Back to the mouse SDL derives from the first finger (or none): no jump in between.
      pinching_ = false;
      io.MousePosPrev = io.MousePos;
    }
    return;
  }
  const Finger& a = fingers_[0];
  const Finger& b = fingers_[1];
  const ImVec2 centre((a.x + b.x) * 0.5f, (a.y + b.y) * 0.5f);
  const float distance = std::max(1.0f, std::hypot(a.x - b.x, a.y - b.y));
  if (!pinching_) {
    pinching_ = true;
    io.MousePosPrev = centre;  // the drag continues from the centre, without a jump
  } else {
    io.MouseWheel += std::log2(distance / last_distance_) * kNotchesPerDoubling;
  }
  last_distance_ = distance;
  io.MousePos = centre;
  io.MouseDown[0] = true;  // the centre drags what the first finger grabbed
}

}  // namespace interleave::gfx
