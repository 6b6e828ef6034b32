// Timeline background: alternating lane bands, minor and major time-grid lines, antialiased by
// their pixel footprint so they stay crisp at any device pixel ratio.
uniform vec4 u_band_a;     // lane colour, even lanes
uniform vec4 u_band_b;     // lane colour, odd lanes
uniform vec4 u_line;       // grid line colour
uniform float u_lane_h;    // lane height, pixels
uniform float u_minor;     // minor grid spacing, pixels
uniform float u_offset;    // horizontal scroll, pixels
uniform float u_scale;     // device pixel ratio (line width = 1 logical pixel)
in vec2 v_pixel;
out vec4 frag_color;

float line_at(float coord, float spacing) {
  float d = abs(mod(coord + 0.5 * spacing, spacing) - 0.5 * spacing);
  return 1.0 - smoothstep(0.0, u_scale, d);
}

void main() {
  float lane = floor(v_pixel.y / u_lane_h);
  vec4 color = mod(lane, 2.0) < 0.5 ? u_band_a : u_band_b;
  float x = v_pixel.x + u_offset;
  float minor = line_at(x, u_minor) * 0.35;
  float major = line_at(x, u_minor * 5.0);
  color = mix(color, u_line, max(minor, major) * u_line.a);
  frag_color = vec4(color.rgb, 1.0);
}
