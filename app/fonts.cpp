// Font atlas construction from the embedded TTF bytes.
#include "fonts.h"

#include <cstddef>

#include <imgui.h>

extern const unsigned char dejavu_sans_ttf[];
extern const std::size_t dejavu_sans_ttf_size;
extern const unsigned char dejavu_sans_mono_ttf[];
extern const std::size_t dejavu_sans_mono_ttf_size;

namespace interleave::gfx {
namespace {
constexpr float kUiSize = 15.0f;    // logical pixels
constexpr float kMonoSize = 14.0f;  // logical pixels

ImFont* add(ImFontAtlas* atlas, const unsigned char* data, std::size_t size, float pixels) {
  ImFontConfig config;
  config.FontDataOwnedByAtlas = false;  // static storage: ImGui must not free it
  config.OversampleH = 2;
  config.OversampleV = 1;
  config.PixelSnapH = true;
  return atlas->AddFontFromMemoryTTF(const_cast<unsigned char*>(data), static_cast<int>(size),
                                     pixels, &config, atlas->GetGlyphRangesDefault());
}
}  // namespace

Fonts load_fonts(float pixel_ratio) {
  if (pixel_ratio < 1.0f) pixel_ratio = 1.0f;
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  Fonts fonts;
  fonts.ui = add(io.Fonts, dejavu_sans_ttf, dejavu_sans_ttf_size, kUiSize * pixel_ratio);
  fonts.mono = add(io.Fonts, dejavu_sans_mono_ttf, dejavu_sans_mono_ttf_size, kMonoSize * pixel_ratio);
  io.Fonts->Build();
  io.FontGlobalScale = 1.0f / pixel_ratio;
  io.FontDefault = fonts.ui;
  return fonts;
}

}  // namespace interleave::gfx
