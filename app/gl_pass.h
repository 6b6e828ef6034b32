// GlPass: the GL objects of one drawing pass (the grid, the spans, Dear ImGui's triangles): its
// program, linked from two shaders of shaders/, a vertex array and the buffers its Shape asks for,
// made by init() and deleted together when the pass goes. Render thread only (the GL context's).
#pragma once

#include <string>
#include <string_view>

namespace interleave::gfx {

class GlPass {
 public:
  struct Shape {
    bool vertex_buffer = false;   // a vertex buffer (vbo())
    bool index_buffer = false;    // an index buffer, bound to the vertex array (its binding is VAO state)
    unsigned int attributes = 0;  // vertex attributes 0 .. attributes-1 enabled
    bool per_instance = false;    // they advance once per instance (divisor 1, VAO state)
  };

  GlPass() = default;
  GlPass(const GlPass&) = delete;
  GlPass& operator=(const GlPass&) = delete;
  ~GlPass();

  // False, with the driver's log in *error, when a shader is missing or fails to build.
  bool init(std::string_view vertex, std::string_view fragment, const Shape& shape,
            std::string* error);
  bool ready() const { return program_ != 0; }
  int uniform(const char* name) const;

  unsigned int program() const { return program_; }
  unsigned int vao() const { return vao_; }
  unsigned int vbo() const { return vbo_; }

 private:
  unsigned int program_ = 0, vao_ = 0, vbo_ = 0, ebo_ = 0;
};

}  // namespace interleave::gfx
