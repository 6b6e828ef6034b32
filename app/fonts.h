// The app's fonts: DejaVu Sans for the interface and DejaVu Sans Mono for code, embedded from
// Debian's fonts-dejavu-core at build time and rasterised at the display's pixel density, so text
// stays crisp at any device pixel ratio. UI thread only.
#pragma once

struct ImFont;

namespace interleave::gfx {

struct Fonts {
  ImFont* ui = nullptr;
  ImFont* mono = nullptr;
};

// Rebuilds ImGui's font atlas for `pixel_ratio` (framebuffer pixels per logical pixel) and sets
// io.FontGlobalScale so that sizes stay in logical pixels. The caller re-uploads the texture.
Fonts load_fonts(float pixel_ratio);

}  // namespace interleave::gfx
