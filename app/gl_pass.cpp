// A pass's GL objects (gl_pass.h).
#include "gl_pass.h"

#include "gl.h"
#include "shaders.h"

namespace interleave::gfx {

GlPass::~GlPass() {
  if (program_) glDeleteProgram(program_);
  if (vbo_) glDeleteBuffers(1, &vbo_);
  if (ebo_) glDeleteBuffers(1, &ebo_);
  if (vao_) glDeleteVertexArrays(1, &vao_);
}

bool GlPass::init(std::string_view vertex, std::string_view fragment, const Shape& shape,
                  std::string* error) {
  program_ = build_program(vertex, fragment, error);
  if (!program_) return false;
  glGenVertexArrays(1, &vao_);  // core profile: drawing needs a bound VAO, even without attributes
  if (shape.vertex_buffer) glGenBuffers(1, &vbo_);
  if (shape.index_buffer) glGenBuffers(1, &ebo_);
  glBindVertexArray(vao_);
  if (ebo_) glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, ebo_);
  for (GLuint i = 0; i < shape.attributes; ++i) {
    glEnableVertexAttribArray(i);
    if (shape.per_instance) glVertexAttribDivisor(i, 1);
  }
  glBindVertexArray(0);
  if (ebo_) glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, 0);
  return true;
}

int GlPass::uniform(const char* name) const {
  return glGetUniformLocation(program_, name);
}

}  // namespace interleave::gfx
