// Compiling and linking the embedded shaders with the version line of this platform.
#include "shaders.h"

#include <vector>

#include "gl.h"

namespace interleave::gfx {
namespace {

const char* find_source(std::string_view name) {
  std::size_t count = 0;
  const ShaderSource* table = shader_sources(&count);
  for (std::size_t i = 0; i < count; ++i) {
    if (name == table[i].name) return table[i].text;
  }
  return nullptr;
}

GLuint compile(GLenum type, std::string_view name, std::string* error) {
  const char* body = find_source(name);
  if (!body) {
    *error = "no shader named " + std::string(name);
    return 0;
  }
  const char* parts[] = {kGlslVersion, body};
  GLuint shader = glCreateShader(type);
  glShaderSource(shader, 2, parts, nullptr);
  glCompileShader(shader);
  GLint ok = GL_FALSE;
  glGetShaderiv(shader, GL_COMPILE_STATUS, &ok);
  if (ok != GL_TRUE) {
    GLint length = 0;
    glGetShaderiv(shader, GL_INFO_LOG_LENGTH, &length);
    std::vector<char> log(static_cast<std::size_t>(length > 0 ? length : 1));
    glGetShaderInfoLog(shader, static_cast<GLsizei>(log.size()), nullptr, log.data());
    *error = std::string(name) + ": " + log.data();
    glDeleteShader(shader);
    return 0;
  }
  return shader;
}

}  // namespace

unsigned int build_program(std::string_view vertex, std::string_view fragment,
                           std::string* error) {
  GLuint vs = compile(GL_VERTEX_SHADER, vertex, error);
  if (!vs) return 0;
  GLuint fs = compile(GL_FRAGMENT_SHADER, fragment, error);
  if (!fs) {
    glDeleteShader(vs);
    return 0;
  }
  GLuint program = glCreateProgram();
  glAttachShader(program, vs);
  glAttachShader(program, fs);
  glLinkProgram(program);
  glDeleteShader(vs);
  glDeleteShader(fs);
  GLint ok = GL_FALSE;
  glGetProgramiv(program, GL_LINK_STATUS, &ok);
  if (ok != GL_TRUE) {
    char log[1024] = {};
    glGetProgramInfoLog(program, sizeof log, nullptr, log);
    *error = std::string("link ") + std::string(vertex) + " + " + std::string(fragment) + ": " + log;
    glDeleteProgram(program);
    return 0;
  }
  return program;
}

}  // namespace interleave::gfx
