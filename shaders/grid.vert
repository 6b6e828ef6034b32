// Timeline background: one full-rect quad (4 vertices, no buffers: positions come from gl_VertexID).
// u_rect is the panel's rectangle in framebuffer pixels; u_viewport the framebuffer size.
uniform vec4 u_rect;       // x, y (top-left, pixels), width, height
uniform vec2 u_viewport;   // framebuffer width, height in pixels
out vec2 v_pixel;          // position inside the rect, in pixels from its top-left

void main() {
  vec2 corner = vec2(float(gl_VertexID & 1), float((gl_VertexID >> 1) & 1));
  v_pixel = corner * u_rect.zw;
  vec2 p = u_rect.xy + v_pixel;
  gl_Position = vec4(p.x / u_viewport.x * 2.0 - 1.0, 1.0 - p.y / u_viewport.y * 2.0, 0.0, 1.0);
}
