// Timeline spans, instanced: one 4-vertex strip per span (gl_VertexID picks the corner, no vertex
// buffer), the rectangle from per-instance attributes. Edges are snapped to device pixels and every
// span is at least one device pixel wide and tall, so borders stay crisp at any pixel ratio.
layout(location = 0) in vec4 a_rect;   // x0, x1, y, height: logical pixels, screen space
layout(location = 1) in vec4 a_color;  // RGBA8, normalized
layout(location = 2) in uint a_flags;  // ui::SpanFlag bits
uniform vec2 u_origin;                 // ImGui's DisplayPos, logical pixels
uniform vec2 u_viewport;               // framebuffer size, device pixels
uniform float u_scale;                 // device pixels per logical pixel
out vec4 v_color;
out vec2 v_local;                      // device pixels from the span's top-left corner
flat out vec2 v_size;                  // the span's size, device pixels
flat out uint v_flags;

void main() {
  vec2 corner = vec2(float(gl_VertexID & 1), float((gl_VertexID >> 1) & 1));
  float x0 = floor((a_rect.x - u_origin.x) * u_scale + 0.5);
  float x1 = max(floor((a_rect.y - u_origin.x) * u_scale + 0.5), x0 + 1.0);
  float y0 = floor((a_rect.z - u_origin.y) * u_scale + 0.5);
  float y1 = max(floor((a_rect.z + a_rect.w - u_origin.y) * u_scale + 0.5), y0 + 1.0);
  vec2 p = mix(vec2(x0, y0), vec2(x1, y1), corner);
  v_local = p - vec2(x0, y0);
  v_size = vec2(x1 - x0, y1 - y0);
  v_color = a_color;
  v_flags = a_flags;
  gl_Position = vec4(p.x / u_viewport.x * 2.0 - 1.0, 1.0 - p.y / u_viewport.y * 2.0, 0.0, 1.0);
}
