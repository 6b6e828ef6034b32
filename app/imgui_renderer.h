// Draws Dear ImGui's draw data with our own GL code (shaders/imgui.{vert,frag}), on GL 3.3 core and
// WebGL2 alike. It reads no GL state, ever: in WebGL every glGet* waits for the GPU process to
// finish the frames before it, which under a software GL costs most of a frame. Instead it sets all
// the state it draws with, at the start of render() and again at each ImDrawCallback_ResetRenderState
// (the span and grid passes add one after their callbacks), and leaves this state behind:
//   blending on (SRC_ALPHA, ONE_MINUS_SRC_ALPHA; alpha ONE, ONE_MINUS_SRC_ALPHA; FUNC_ADD),
//   culling, depth, stencil and scissor tests off, viewport the whole framebuffer,
//   texture unit 0 active with no texture nor sampler bound, no program, no vertex array, no buffer.
// A frame can be drawn in parts (FrameDamage's areas, on a canvas that keeps its pixels): each
// area is cleared and every command is drawn clipped to it; a callback (our grid and span passes,
// which set their own scissor) runs in an area only when its reach touches it, and FrameDamage's
// areas hold the whole reach of every callback they touch.
// Triangles whose texture coordinates are the font atlas's white texel (every untextured shape)
// skip the texture lookup in the fragment shader: same colour, a fraction of a software GL's work.
// The frame's vertices and indices (every draw list) go up in one glBufferData each, from arrays
// that keep their capacity between frames. ImDrawCmd::VtxOffset is honoured by pointing the
// vertex attributes at the command's first vertex (ES 3.0 has no base-vertex draw), so the
// renderer sets ImGuiBackendFlags_RendererHasVtxOffset.
// Render thread only (the thread that owns the GL context and builds the ImGui frames).
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <vector>

#include <imgui.h>

#include "frame_damage.h"
#include "gl_pass.h"

namespace interleave::gfx {

class ImGuiRenderer {
 public:
  ImGuiRenderer() = default;
  ImGuiRenderer(const ImGuiRenderer&) = delete;
  ImGuiRenderer& operator=(const ImGuiRenderer&) = delete;
  ~ImGuiRenderer();  // deletes the GL objects: the context must still be current

  // Needs a current GL context and an ImGui context. Builds the program and buffers and registers
  // as ImGui's renderer backend. Returns false (and *error) when the shaders do not build.
  bool init(std::string* error);
  // (Re)creates the font atlas texture from ImGui's atlas and hands its id to ImGui. Call after
  // the atlas is (re)built.
  void upload_fonts();
  // Draws `data` into the current framebuffer (whose size is DisplaySize * FramebufferScale),
  // only inside `areas` (framebuffer pixels), each first cleared to `clear`.
  void render(const ImDrawData& data, const ImVec4& clear, std::span<const PixelRect> areas);

 private:
  void setup_state(const ImDrawData& data, int fb_width, int fb_height);
  void point_attributes(std::size_t first_vertex);
  void bind_texture(ImTextureID id);  // to unit 0, with the u_white_uv that goes with it
  void draw_area(const ImDrawData& data, int fb_width, int fb_height, const PixelRect& area);

  GlPass pass_;
  unsigned int font_texture_ = 0;
  int u_scale_ = -1, u_offset_ = -1, u_texture_ = -1, u_white_uv_ = -1;
  ImVec2 white_uv_;  // the font atlas's white texel (ImFontAtlas::TexUvWhitePixel)
  bool registered_ = false;  // is ImGui's renderer backend (io.BackendRendererName)
  std::vector<ImDrawVert> vertices_;  // this frame's, every draw list in order
  std::vector<ImDrawIdx> indices_;
  // While drawing: the vertex the attributes point at (npos: not yet pointed since setup) and the
  // texture bound to unit 0.
  std::size_t attributes_at_ = 0;
  ImTextureID bound_texture_ = nullptr;
};

}  // namespace interleave::gfx
