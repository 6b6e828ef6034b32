// Dear ImGui's triangles (ImDrawVert: position, texture coordinate, RGBA8 colour), placed by the
// orthographic projection of ImGui's display rectangle (app/imgui_draw_math.h: ortho_projection).
layout(location = 0) in vec2 a_pos;    // logical pixels, y down
layout(location = 1) in vec2 a_uv;
layout(location = 2) in vec4 a_color;  // RGBA8, normalized
uniform vec2 u_scale;                  // clip = pos * u_scale + u_offset
uniform vec2 u_offset;
out vec2 v_uv;
out vec4 v_color;

void main() {
  v_uv = a_uv;
  v_color = a_color;
  gl_Position = vec4(a_pos * u_scale + u_offset, 0.0, 1.0);
}
