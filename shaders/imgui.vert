// Dear ImGui's triangles (ImDrawVert: position, texture coordinate, RGBA8 colour), placed by the
// orthographic projection of ImGui's display rectangle (app/imgui_draw_math.h: ortho_projection).
// ImGui draws every untextured shape with the font atlas's white texel; such triangles are marked
// solid, so that the fragment shader need not sample the texture (under a software GL, sampling
// is most of a pixel's cost).
layout(location = 0) in vec2 a_pos;    // logical pixels, y down
layout(location = 1) in vec2 a_uv;
layout(location = 2) in vec4 a_color;  // RGBA8, normalized
uniform vec2 u_scale;                  // clip = pos * u_scale + u_offset
uniform vec2 u_offset;
uniform vec2 u_white_uv;               // the atlas's white texel; (-1, -1) for other textures
out vec2 v_uv;
out vec4 v_color;
flat out int v_solid;                  // 1: the triangle's colour is the vertex colour alone

void main() {
  v_uv = a_uv;
  v_color = a_color;
  v_solid = a_uv == u_white_uv ? 1 : 0;
  gl_Position = vec4(a_pos * u_scale + u_offset, 0.0, 1.0);
}
