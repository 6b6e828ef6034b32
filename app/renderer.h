// The platform's Gfx: ImGui draws its own widgets; this adds our shader passes into ImGui's draw
// lists as callbacks: the timeline grid (GridRenderer) and the instanced spans (SpanRenderer).
// signature() fingerprints a built frame (ImGui's draw data and our passes' requests), so that a
// frame that would draw the same picture as the last one drawn need not be drawn at all;
// callback_key() gives the content of each pass's callback command, for FrameDamage.
// Render thread only (the thread that owns the GL context, which also builds the ImGui frames).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>

#include "grid_renderer.h"
#include "span_renderer.h"
#include "ui/gfx.h"

namespace interleave::gfx {

class Renderer final : public ui::Gfx {
 public:
  // Needs a current GL context. Returns false (and error()) when a shader does not build.
  bool init();
  const std::string& error() const { return error_; }
  // Forgets the previous frame's requests; call once per frame before building the UI.
  void begin_frame();

  void draw_grid(ImDrawList* list, ImVec2 min, ImVec2 max, const ui::GridStyle& style) override;
  void draw_spans(ImDrawList* list, ImVec2 clip_min, ImVec2 clip_max, const ui::SpanInstance* spans,
                  std::size_t count) override;

  // A 64-bit fingerprint of what this frame draws: every vertex, index, command (clip rectangle,
  // texture, callback) of `draw_data` and every grid and span request made since begin_frame().
  // Equal fingerprints: the same picture (barring a 2^-64 collision).
  std::uint64_t signature(const ImDrawData& draw_data) const;

  // A fingerprint of what the callback command `cmd` of this frame draws (its pass's request:
  // rectangle, style or spans); nullopt when it is not one of this frame's grid or span callbacks.
  std::optional<std::uint64_t> callback_key(const ImDrawCmd& cmd) const;

 private:
  // Finds the callback command a pass just added to `list` (at or after command `from`) and
  // keys it by its callback data, which is unique within a frame.
  void remember_callback(const ImDrawList& list, int from, std::uint64_t key);

  GridRenderer grid_;
  SpanRenderer spans_;
  std::string error_;
  std::unordered_map<const void*, std::uint64_t> callback_keys_;  // this frame's, by callback data
};

}  // namespace interleave::gfx
