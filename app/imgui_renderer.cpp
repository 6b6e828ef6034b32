// See imgui_renderer.h. No glGet* on any path that runs per frame: the only queries are the
// uniform locations and the shader logs, once, in init().
#include "imgui_renderer.h"

#include <cstdint>
#include <limits>

#include "gl.h"
#include "imgui_draw_math.h"

namespace interleave::gfx {
namespace {

constexpr std::size_t kNotPointed = std::numeric_limits<std::size_t>::max();
constexpr GLenum kIndexType = sizeof(ImDrawIdx) == 2 ? GL_UNSIGNED_SHORT : GL_UNSIGNED_INT;
constexpr GLuint kPosition = 0, kUv = 1, kColor = 2;  // the layout locations of shaders/imgui.vert

GLuint texture_name(ImTextureID id) {
  return static_cast<GLuint>(reinterpret_cast<std::uintptr_t>(id));
}

}  // namespace

ImGuiRenderer::~ImGuiRenderer() {
  if (registered_) {
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->SetTexID(nullptr);
    io.BackendRendererName = nullptr;
    io.BackendFlags &= ~ImGuiBackendFlags_RendererHasVtxOffset;
  }
  if (font_texture_) glDeleteTextures(1, &font_texture_);
}

bool ImGuiRenderer::init(std::string* error) {
  const GlPass::Shape shape{.vertex_buffer = true, .index_buffer = true, .attributes = kColor + 1};
  if (!pass_.init("imgui.vert", "imgui.frag", shape, error)) return false;
  u_scale_ = pass_.uniform("u_scale");
  u_offset_ = pass_.uniform("u_offset");
  u_texture_ = pass_.uniform("u_texture");
  u_white_uv_ = pass_.uniform("u_white_uv");
  glUseProgram(pass_.program());
  glUniform1i(u_texture_, 0);  // program state: set once
  glUseProgram(0);

  ImGuiIO& io = ImGui::GetIO();
  io.BackendRendererName = "interleave_gl";
  io.BackendFlags |= ImGuiBackendFlags_RendererHasVtxOffset;
  registered_ = true;
  return true;
}

void ImGuiRenderer::upload_fonts() {
  ImGuiIO& io = ImGui::GetIO();
  unsigned char* pixels = nullptr;
  int width = 0, height = 0;
  io.Fonts->GetTexDataAsRGBA32(&pixels, &width, &height);
  if (!font_texture_) glGenTextures(1, &font_texture_);
  glActiveTexture(GL_TEXTURE0);
  glBindTexture(GL_TEXTURE_2D, font_texture_);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
  glPixelStorei(GL_UNPACK_ALIGNMENT, 4);  // RGBA8 rows are whole words
  glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, width, height, 0, GL_RGBA, GL_UNSIGNED_BYTE, pixels);
  glBindTexture(GL_TEXTURE_2D, 0);
  io.Fonts->SetTexID(reinterpret_cast<ImTextureID>(static_cast<std::uintptr_t>(font_texture_)));
  white_uv_ = io.Fonts->TexUvWhitePixel;
}

void ImGuiRenderer::setup_state(const ImDrawData& data, int fb_width, int fb_height) {
  glEnable(GL_BLEND);
  glBlendEquation(GL_FUNC_ADD);
  glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
  glDisable(GL_CULL_FACE);
  glDisable(GL_DEPTH_TEST);
  glDisable(GL_STENCIL_TEST);
  glEnable(GL_SCISSOR_TEST);
  glViewport(0, 0, fb_width, fb_height);

  const Ortho ortho = ortho_projection(data.DisplayPos, data.DisplaySize);
  glUseProgram(pass_.program());
  glUniform2f(u_scale_, ortho.scale.x, ortho.scale.y);
  glUniform2f(u_offset_, ortho.offset.x, ortho.offset.y);

  glActiveTexture(GL_TEXTURE0);
  glBindSampler(0, 0);  // the texture's own filtering
  glBindVertexArray(pass_.vao());
  glBindBuffer(GL_ARRAY_BUFFER, pass_.vbo());  // not VAO state: a callback may have bound another
  attributes_at_ = kNotPointed;
  bind_texture(nullptr);
}

void ImGuiRenderer::bind_texture(ImTextureID id) {
  bound_texture_ = id;
  glBindTexture(GL_TEXTURE_2D, texture_name(id));
  const bool atlas = font_texture_ != 0 && texture_name(id) == font_texture_;
  glUniform2f(u_white_uv_, atlas ? white_uv_.x : -1.0f, atlas ? white_uv_.y : -1.0f);
}

void ImGuiRenderer::point_attributes(std::size_t first_vertex) {
  if (first_vertex == attributes_at_) return;
  attributes_at_ = first_vertex;
  const auto stride = static_cast<GLsizei>(sizeof(ImDrawVert));
  const std::uintptr_t base = first_vertex * sizeof(ImDrawVert);
  glVertexAttribPointer(kPosition, 2, GL_FLOAT, GL_FALSE, stride,
                        reinterpret_cast<const void*>(base + offsetof(ImDrawVert, pos)));
  glVertexAttribPointer(kUv, 2, GL_FLOAT, GL_FALSE, stride,
                        reinterpret_cast<const void*>(base + offsetof(ImDrawVert, uv)));
  glVertexAttribPointer(kColor, 4, GL_UNSIGNED_BYTE, GL_TRUE, stride,
                        reinterpret_cast<const void*>(base + offsetof(ImDrawVert, col)));
}

void ImGuiRenderer::render(const ImDrawData& data, const ImVec4& clear,
                           std::span<const PixelRect> areas) {
  const int fb_width = static_cast<int>(data.DisplaySize.x * data.FramebufferScale.x);
  const int fb_height = static_cast<int>(data.DisplaySize.y * data.FramebufferScale.y);
  if (fb_width <= 0 || fb_height <= 0 || !pass_.ready() || areas.empty()) return;

  vertices_.clear();
  indices_.clear();
  for (int i = 0; i < data.CmdListsCount; ++i) {
    const ImDrawList& list = *data.CmdLists[i];
    vertices_.insert(vertices_.end(), list.VtxBuffer.begin(), list.VtxBuffer.end());
    indices_.insert(indices_.end(), list.IdxBuffer.begin(), list.IdxBuffer.end());
  }

  setup_state(data, fb_width, fb_height);
  glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(vertices_.size() * sizeof(ImDrawVert)),
               vertices_.data(), GL_STREAM_DRAW);
  glBufferData(GL_ELEMENT_ARRAY_BUFFER,
               static_cast<GLsizeiptr>(indices_.size() * sizeof(ImDrawIdx)), indices_.data(),
               GL_STREAM_DRAW);
  glClearColor(clear.x, clear.y, clear.z, clear.w);
  for (const PixelRect& area : areas) {
    const PixelRect inside = area.intersected(PixelRect{0, 0, fb_width, fb_height});
    if (inside.empty()) continue;
    const ScissorBox s = inside.scissor(fb_height);
    glScissor(s.x, s.y, s.width, s.height);  // the scissor test is on (setup_state)
    glClear(GL_COLOR_BUFFER_BIT);
    draw_area(data, fb_width, fb_height, inside);
  }

  // The state imgui_renderer.h promises, even when the last command was a callback that left its
  // own: ImGui's, then nothing bound and no scissor.
  setup_state(data, fb_width, fb_height);
  glDisable(GL_SCISSOR_TEST);
  glBindTexture(GL_TEXTURE_2D, 0);
  glBindVertexArray(0);
  glBindBuffer(GL_ARRAY_BUFFER, 0);
  glUseProgram(0);
}

void ImGuiRenderer::draw_area(const ImDrawData& data, int fb_width, int fb_height,
                              const PixelRect& area) {
  std::size_t list_vertex = 0, list_index = 0;  // the list's first vertex and index in the buffers
  for (int i = 0; i < data.CmdListsCount; ++i) {
    const ImDrawList* list = data.CmdLists[i];
    for (const ImDrawCmd& cmd : list->CmdBuffer) {
      if (cmd.UserCallback == ImDrawCallback_ResetRenderState) {
        setup_state(data, fb_width, fb_height);
        continue;
      }
      if (cmd.UserCallback) {
        if (should_draw_callback(callback_reach(cmd, data, fb_width, fb_height), area)) {
          cmd.UserCallback(list, &cmd);
        }
        continue;
      }
      const PixelRect clip = clip_pixels(cmd.ClipRect, data, fb_width, fb_height).intersected(area);
      if (clip.empty() || cmd.ElemCount == 0) continue;
      const ScissorBox box = clip.scissor(fb_height);
      glScissor(box.x, box.y, box.width, box.height);
      if (bound_texture_ != cmd.TextureId) bind_texture(cmd.TextureId);
      point_attributes(list_vertex + cmd.VtxOffset);
      glDrawElements(GL_TRIANGLES, static_cast<GLsizei>(cmd.ElemCount), kIndexType,
                     reinterpret_cast<const void*>((list_index + cmd.IdxOffset) * sizeof(ImDrawIdx)));
    }
    list_vertex += static_cast<std::size_t>(list->VtxBuffer.Size);
    list_index += static_cast<std::size_t>(list->IdxBuffer.Size);
  }
}

}  // namespace interleave::gfx
