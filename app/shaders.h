// The GLSL sources of shaders/, embedded at build time (cmake/EmbedShaders.cmake) without a
// #version line, and a compiler that prepends the right one for GL 3.3 core or WebGL2.
// Render thread only (the thread that owns the GL context).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace interleave::gfx {

struct ShaderSource {
  const char* name;  // file name in shaders/, e.g. "grid.frag"
  const char* text;
};

const ShaderSource* shader_sources(std::size_t* count);

// Links the program of two shaders of shaders/ by file name. Returns 0 and fills *error (with the
// driver's log) when a shader is missing or fails to compile or link.
unsigned int build_program(std::string_view vertex, std::string_view fragment, std::string* error);

}  // namespace interleave::gfx
