// Dear ImGui's triangles: the vertex colour times the command's texture (the font atlas, whose
// white texel draws untextured shapes), blended straight-alpha by the renderer.
uniform sampler2D u_texture;  // texture unit 0
in vec2 v_uv;
in vec4 v_color;
out vec4 frag_color;

void main() {
  frag_color = v_color * texture(u_texture, v_uv);
}
