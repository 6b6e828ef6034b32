// The OpenGL API for our own drawing: desktop GL 3.3 core natively (prototypes from glcorearb.h,
// resolved by libGL), OpenGL ES 3.0 = WebGL2 in the browser. Only app/ includes this.
#pragma once

#if defined(__EMSCRIPTEN__)
#include <GLES3/gl3.h>
#else
#define GL_GLEXT_PROTOTYPES 1
#include <GL/glcorearb.h>
#endif

namespace interleave::gfx {
// The line prepended to every shader (ours, Dear ImGui's renderer's included).
#if defined(__EMSCRIPTEN__)
inline constexpr const char* kGlslVersion = "#version 300 es\nprecision highp float;\n";
#else
inline constexpr const char* kGlslVersion = "#version 330 core\n";
#endif
}  // namespace interleave::gfx
