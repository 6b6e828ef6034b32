// Timeline spans: flat colour; a darker border one logical pixel wide (rounded to whole device
// pixels) on spans wide enough; hatching on aggregates (many sub-pixel spans merged); a bright
// outline on the selected span. Distances are in device pixels, measured at pixel centres.
uniform float u_scale;  // device pixels per logical pixel
in vec4 v_color;
in vec2 v_local;
flat in vec2 v_size;
flat in uint v_flags;
out vec4 frag_color;

void main() {
  vec3 c = v_color.rgb;
  float bw = max(1.0, floor(u_scale + 0.5));
  vec2 d = min(v_local, v_size - v_local);
  float edge = min(d.x, d.y);
  if ((v_flags & 2u) != 0u && mod(gl_FragCoord.x + gl_FragCoord.y, 6.0 * bw) < 2.0 * bw) {
    c = mix(c, vec3(0.0), 0.25);
  }
  if ((v_flags & 4u) != 0u && edge < 2.0 * bw) {
    c = vec3(1.0);
  } else if ((v_flags & 1u) != 0u && edge < bw && v_size.x > 3.0 * bw) {
    c *= 0.62;
  }
  frag_color = vec4(c, v_color.a);
}
