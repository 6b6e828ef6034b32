# Generates a C++ file holding every shader of shaders/ as a string, without a #version line: the
# loader prepends "#version 330 core" (desktop GL 3.3) or "#version 300 es" (WebGL2), so one source
# serves both. Run as: cmake -DOUT=<file.cpp> -DSHADERS="a.vert;b.frag" -P EmbedShaders.cmake
set(body "// Generated from shaders/ by cmake/EmbedShaders.cmake: do not edit.\n#include \"shaders.h\"\n\nnamespace interleave::gfx {\n")
set(table "")
foreach(path ${SHADERS})
  get_filename_component(name ${path} NAME)
  string(MAKE_C_IDENTIFIER ${name} id)
  file(READ ${path} src)
  string(APPEND body "static const char k_${id}[] = R\"glsl(${src})glsl\";\n")
  string(APPEND table "    {\"${name}\", k_${id}},\n")
endforeach()
string(APPEND body "\nconst ShaderSource* shader_sources(std::size_t* count) {\n  static const ShaderSource table[] = {\n${table}  };\n  *count = sizeof(table) / sizeof(table[0]);\n  return table;\n}\n}  // namespace interleave::gfx\n")
file(WRITE ${OUT}.tmp "${body}")
execute_process(COMMAND ${CMAKE_COMMAND} -E copy_if_different ${OUT}.tmp ${OUT})
