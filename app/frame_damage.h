// FrameDamage: which parts of the framebuffer a frame changes, from Dear ImGui's draw data, so that
// a canvas that keeps its pixels between frames (WebGL's preserveDrawingBuffer) is redrawn only
// there. Header-only and free of GL (tested by tests/unit/app/frame_damage_test.cpp).
//
// A frame is a sequence of primitives, each with a 64-bit key (its exact content: a triangle's
// three vertices, texture and scissor box; a callback's function, clip rectangle and the content
// key its pass gives) and the pixels it can touch (its box). A pixel's colour is fixed by the
// ordered list of primitives covering it, so when the new sequence and the last one drawn share a
// common subsequence (matched in order by key), pixels covered by no unmatched primitive (old or
// new) are unchanged. update() finds such a subsequence greedily, gathers the unmatched
// primitives' boxes into a few areas and returns them; redrawing each area (clear, then every
// primitive clipped to it) gives exactly the full frame's pixels there.
// Callbacks (the timeline's grid and span passes) set their own scissor, so an area never cuts
// one: an area that touches a callback's reach is grown to hold all of it, and a callback whose
// reach misses an area is not drawn in it (should_draw_callback).
// The whole frame is damaged on the first frame, after invalidate() (a font atlas upload), when
// the framebuffer or display geometry changes, when a callback's content is unknown, and when the
// areas would cover most of it anyway.
// Render thread only (it reads the frame ImGui just built).
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <unordered_map>
#include <vector>

#include <imgui.h>

#include "frame_hash.h"
#include "imgui_draw_math.h"

namespace interleave::gfx {

// Framebuffer pixels, top-left origin, [x0, x1) x [y0, y1).
struct PixelRect {
  int x0 = 0, y0 = 0, x1 = 0, y1 = 0;

  bool empty() const { return x1 <= x0 || y1 <= y0; }
  long long area() const { return empty() ? 0 : static_cast<long long>(x1 - x0) * (y1 - y0); }
  bool intersects(const PixelRect& o) const {
    return !empty() && !o.empty() && x0 < o.x1 && o.x0 < x1 && y0 < o.y1 && o.y0 < y1;
  }
  bool contains(const PixelRect& o) const {
    return o.empty() || (x0 <= o.x0 && y0 <= o.y0 && o.x1 <= x1 && o.y1 <= y1);
  }
  PixelRect united(const PixelRect& o) const {
    if (empty()) return o;
    if (o.empty()) return *this;
    return {std::min(x0, o.x0), std::min(y0, o.y0), std::max(x1, o.x1), std::max(y1, o.y1)};
  }
  PixelRect intersected(const PixelRect& o) const {
    return {std::max(x0, o.x0), std::max(y0, o.y0), std::min(x1, o.x1), std::min(y1, o.y1)};
  }
  // glScissor's arguments for this rectangle in a framebuffer fb_height pixels high.
  ScissorBox scissor(int fb_height) const { return {x0, fb_height - y1, x1 - x0, y1 - y0}; }
  bool operator==(const PixelRect&) const = default;
};

// A command's scissor box (imgui_draw_math.h) as a PixelRect; empty when it draws nothing.
inline PixelRect clip_pixels(const ImVec4& clip_rect, const ImDrawData& d, int fb_w, int fb_h) {
  const auto box = scissor_box(clip_rect, d.DisplayPos, d.FramebufferScale, fb_w, fb_h);
  if (!box) return {};
  return {box->x, fb_h - box->y - box->height, box->x + box->width, fb_h - box->y};
}

// The pixels a callback command may touch: the grid and span passes draw inside the command's clip
// rectangle (callback_target.h), rounded on their own; two pixels of margin cover the rounding.
inline PixelRect callback_reach(const ImDrawCmd& cmd, const ImDrawData& d, int fb_w, int fb_h) {
  const PixelRect clip = clip_pixels(cmd.ClipRect, d, fb_w, fb_h);
  if (clip.empty()) return {};
  return PixelRect{clip.x0 - 2, clip.y0 - 2, clip.x1 + 2, clip.y1 + 2}.intersected(
      PixelRect{0, 0, fb_w, fb_h});
}

// Whether `area` of a partial redraw must run callback `reach`: areas from FrameDamage hold every
// callback reach they touch, so a callback runs whole or not at all.
inline bool should_draw_callback(const PixelRect& reach, const PixelRect& area) {
  return reach.intersects(area);
}

class FrameDamage {
 public:
  static constexpr int kMaxAreas = 4;
  // Above this share of the framebuffer (in 1/100), the whole frame is redrawn instead.
  static constexpr int kWholePercent = 60;

  struct Result {
    bool whole = true;            // redraw everything (areas is then empty)
    std::vector<PixelRect> areas;  // else these (none: the picture did not change)
    bool unchanged() const { return !whole && areas.empty(); }
  };

  // The next update() damages the whole frame (the font atlas changed, the canvas was lost...).
  void invalidate() { valid_ = false; }

  // Compares the frame in `d` (framebuffer fb_w x fb_h) with the one last given here, which is
  // taken to be the one on screen. callback_key(const ImDrawCmd&) -> std::optional<uint64_t>:
  // the content of a callback command's pass (nullopt: unknown, always redrawn).
  template <typename CallbackKey>
  Result update(const ImDrawData& d, int fb_w, int fb_h, CallbackKey&& callback_key) {
    old_.swap(new_);
    new_.clear();
    collect(d, fb_w, fb_h, callback_key);
    const Geometry geometry{fb_w,           fb_h,           d.DisplayPos.x,       d.DisplayPos.y,
                            d.DisplaySize.x, d.DisplaySize.y, d.FramebufferScale.x, d.FramebufferScale.y};
    const bool comparable = valid_ && geometry == geometry_ && !unknown_callback_;
    valid_ = true;
    geometry_ = geometry;
    Result result;
    if (!comparable) return result;
    std::vector<PixelRect> boxes;
    diff(&boxes);
    const PixelRect frame{0, 0, fb_w, fb_h};
    std::vector<PixelRect> areas = cluster(boxes);
    hold_callbacks(&areas);
    long long covered = 0;
    for (PixelRect& a : areas) {
      a = a.intersected(frame);
      covered += a.area();
    }
    std::erase_if(areas, [](const PixelRect& a) { return a.empty(); });
    if (covered * 100 > frame.area() * kWholePercent) return result;
    result.whole = false;
    result.areas = std::move(areas);
    return result;
  }

 private:
  struct Primitive {
    std::uint64_t key;
    PixelRect box;
    bool callback;
  };
  struct Geometry {
    int fb_w, fb_h;
    float pos_x, pos_y, size_x, size_y, scale_x, scale_y;
    bool operator==(const Geometry&) const = default;
  };

  template <typename CallbackKey>
  void collect(const ImDrawData& d, int fb_w, int fb_h, CallbackKey& callback_key) {
    unknown_callback_ = false;
    const float sx = d.FramebufferScale.x, sy = d.FramebufferScale.y;
    for (int l = 0; l < d.CmdListsCount; ++l) {
      const ImDrawList& list = *d.CmdLists[l];
      for (const ImDrawCmd& cmd : list.CmdBuffer) {
        if (cmd.UserCallback == ImDrawCallback_ResetRenderState) continue;  // state, no pixels
        if (cmd.UserCallback) {
          const PixelRect reach = callback_reach(cmd, d, fb_w, fb_h);
          if (reach.empty()) continue;
          const std::optional<std::uint64_t> content = callback_key(cmd);
          if (!content) unknown_callback_ = true;
          FrameHash h;
          h.add_word(reinterpret_cast<std::uintptr_t>(cmd.UserCallback));
          h.add(cmd.ClipRect.x, cmd.ClipRect.y, cmd.ClipRect.z, cmd.ClipRect.w);
          h.add_word(content.value_or(0));
          new_.push_back(Primitive{h.value(), reach, true});
          continue;
        }
        const PixelRect clip = clip_pixels(cmd.ClipRect, d, fb_w, fb_h);
        if (clip.empty() || cmd.ElemCount == 0) continue;
        const ImDrawIdx* idx = list.IdxBuffer.Data + cmd.IdxOffset;
        const ImDrawVert* vtx = list.VtxBuffer.Data + cmd.VtxOffset;
        const auto texture = reinterpret_cast<std::uintptr_t>(cmd.TextureId);
        for (unsigned int t = 0; t + 2 < cmd.ElemCount; t += 3) {
          FrameHash h;
          h.add_word(texture);
          h.add_word((static_cast<std::uint64_t>(clip.x0) << 32) | static_cast<std::uint32_t>(clip.y0));
          h.add_word((static_cast<std::uint64_t>(clip.x1) << 32) | static_cast<std::uint32_t>(clip.y1));
          float min_x = std::numeric_limits<float>::max(), min_y = min_x;
          float max_x = std::numeric_limits<float>::lowest(), max_y = max_x;
          for (unsigned int k = 0; k < 3; ++k) {
            const ImDrawVert& v = vtx[idx[t + k]];
            h.add_bytes(&v, sizeof v);
            min_x = std::min(min_x, v.pos.x);
            min_y = std::min(min_y, v.pos.y);
            max_x = std::max(max_x, v.pos.x);
            max_y = std::max(max_y, v.pos.y);
          }
          // Every pixel whose centre the triangle covers, and one more all round.
          const PixelRect box = to_pixels(min_x, min_y, max_x, max_y, d.DisplayPos, sx, sy);
          new_.push_back(Primitive{h.value(), box.intersected(clip), false});
        }
      }
    }
  }

  static PixelRect to_pixels(float min_x, float min_y, float max_x, float max_y, ImVec2 origin,
                             float sx, float sy) {
    const auto lo = [](float v) {
      return static_cast<int>(std::clamp(std::floor(v) - 1.0f, -1e8f, 1e8f));
    };
    const auto hi = [](float v) {
      return static_cast<int>(std::clamp(std::ceil(v) + 1.0f, -1e8f, 1e8f));
    };
    if (!(min_x <= max_x) || !(min_y <= max_y)) return {};  // NaN: GL draws no such triangle
    return {lo((min_x - origin.x) * sx), lo((min_y - origin.y) * sy), hi((max_x - origin.x) * sx),
            hi((max_y - origin.y) * sy)};
  }

  // Matches old_ and new_ greedily, in order; the boxes of the unmatched ones go to *boxes.
  void diff(std::vector<PixelRect>* boxes) {
    constexpr std::size_t kConfirm = 4;  // a resync needs this many equal keys in a row (or the end)
    constexpr std::size_t kNone = std::numeric_limits<std::size_t>::max();
    const std::size_t n_old = old_.size(), n_new = new_.size();
    const auto equal_run = [&](std::size_t p, std::size_t q) {
      for (std::size_t k = 0; k < kConfirm; ++k) {
        if (p + k >= n_old || q + k >= n_new) return p + k >= n_old && q + k >= n_new;
        if (old_[p + k].key != new_[q + k].key) return false;
      }
      return true;
    };
    bool indexed = false;
    std::size_t i = 0, j = 0;
    while (i < n_old && j < n_new) {
      if (old_[i].key == new_[j].key) {
        ++i, ++j;
        continue;
      }
      if (!indexed) {  // key -> its first position in old_, and each position -> the next one
        first_.clear();
        next_.assign(n_old, kNone);
        for (std::size_t p = n_old; p-- > 0;) {
          auto [it, inserted] = first_.try_emplace(old_[p].key, p);
          if (!inserted) {
            next_[p] = it->second;
            it->second = p;
          }
        }
        indexed = true;
      }
      // The first new primitive from j on that is also in old_ at or after i, with a run after it.
      std::size_t to_old = n_old, to_new = n_new;
      for (std::size_t q = j; q < n_new && to_new == n_new; ++q) {
        const auto found = first_.find(new_[q].key);
        if (found == first_.end()) continue;
        for (std::size_t p = found->second; p != kNone; p = next_[p]) {
          if (p >= i && equal_run(p, q)) {
            to_old = p;
            to_new = q;
            break;
          }
        }
      }
      for (; i < to_old; ++i) boxes->push_back(old_[i].box);
      for (; j < to_new; ++j) boxes->push_back(new_[j].box);
    }
    for (; i < n_old; ++i) boxes->push_back(old_[i].box);
    for (; j < n_new; ++j) boxes->push_back(new_[j].box);
  }

  // Gathers boxes into at most kMaxAreas rectangles, preferring the merges that add least area.
  static std::vector<PixelRect> cluster(const std::vector<PixelRect>& boxes) {
    std::vector<PixelRect> areas;
    for (const PixelRect& b : boxes) {
      if (b.empty()) continue;
      bool merged = false;
      for (PixelRect& a : areas) {
        if (a.intersects(b) || a.contains(b)) {
          a = a.united(b);
          merged = true;
          break;
        }
      }
      if (!merged) areas.push_back(b);
      while (areas.size() > kMaxAreas) merge_cheapest(&areas);
    }
    merge_overlaps(&areas);
    return areas;
  }

  static void merge_cheapest(std::vector<PixelRect>* areas) {
    std::size_t best_a = 0, best_b = 1;
    long long best = std::numeric_limits<long long>::max();
    for (std::size_t a = 0; a < areas->size(); ++a) {
      for (std::size_t b = a + 1; b < areas->size(); ++b) {
        const PixelRect& ra = (*areas)[a];
        const PixelRect& rb = (*areas)[b];
        const long long added = ra.united(rb).area() - ra.area() - rb.area();
        if (added < best) {
          best = added;
          best_a = a;
          best_b = b;
        }
      }
    }
    (*areas)[best_a] = (*areas)[best_a].united((*areas)[best_b]);
    areas->erase(areas->begin() + static_cast<std::ptrdiff_t>(best_b));
  }

  // Unites areas that overlap (an overlap would be redrawn twice: correct, but wasted).
  static void merge_overlaps(std::vector<PixelRect>* areas) {
    for (bool again = true; again;) {
      again = false;
      for (std::size_t a = 0; a < areas->size() && !again; ++a) {
        for (std::size_t b = a + 1; b < areas->size() && !again; ++b) {
          if ((*areas)[a].intersects((*areas)[b])) {
            (*areas)[a] = (*areas)[a].united((*areas)[b]);
            areas->erase(areas->begin() + static_cast<std::ptrdiff_t>(b));
            again = true;
          }
        }
      }
    }
  }

  // Grows every area that touches a callback of the new frame to hold the callback's whole reach,
  // until none cuts one (areas only grow, so this ends).
  void hold_callbacks(std::vector<PixelRect>* areas) const {
    for (bool again = true; again;) {
      again = false;
      for (PixelRect& a : *areas) {
        for (const Primitive& p : new_) {
          if (p.callback && a.intersects(p.box) && !a.contains(p.box)) {
            a = a.united(p.box);
            again = true;
          }
        }
      }
      if (again) merge_overlaps(areas);
    }
  }

  bool valid_ = false;
  bool unknown_callback_ = false;
  Geometry geometry_{};
  std::vector<Primitive> old_, new_;  // the frame before (on screen) and this one
  std::unordered_map<std::uint64_t, std::size_t> first_;  // diff()'s index of old_
  std::vector<std::size_t> next_;
};

}  // namespace interleave::gfx
