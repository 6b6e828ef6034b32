// Dear ImGui's triangles: the vertex colour times the command's texture (a solid triangle's texel
// would be the atlas's white one: the colour alone is the same), blended straight-alpha by the
// renderer.
uniform sampler2D u_texture;  // texture unit 0
in vec2 v_uv;
in vec4 v_color;
flat in int v_solid;
out vec4 frag_color;

void main() {
  if (v_solid != 0) {
    frag_color = v_color;
  } else {
    frag_color = v_color * texture(u_texture, v_uv);
  }
}
