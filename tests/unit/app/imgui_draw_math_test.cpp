// The arithmetic of our renderer of Dear ImGui's draw data (app/imgui_draw_math.h): a command's
// clip rectangle as a GL scissor box, and the display rectangle's orthographic projection. The
// expected values are worked by hand from Dear ImGui's rule (subtract DisplayPos, multiply by
// FramebufferScale, flip y).
#include <doctest/doctest.h>

#include <cmath>
#include <limits>

#include "../../../app/imgui_draw_math.h"

using interleave::gfx::ortho_projection;
using interleave::gfx::scissor_box;
using interleave::gfx::ScissorBox;

namespace {

ImVec2 project(ImVec2 p, ImVec2 display_pos, ImVec2 display_size) {
  const auto o = ortho_projection(display_pos, display_size);
  return ImVec2(p.x * o.scale.x + o.offset.x, p.y * o.scale.y + o.offset.y);
}

}  // namespace

TEST_CASE("a clip rectangle at scale 1 becomes a bottom-left scissor box") {
  // x 10..110, y 20..70 in a 1280 x 800 framebuffer: GL's y is 800 - 70 = 730.
  const auto box = scissor_box(ImVec4(10, 20, 110, 70), ImVec2(0, 0), ImVec2(1, 1), 1280, 800);
  REQUIRE(box.has_value());
  CHECK(*box == ScissorBox{10, 730, 100, 50});
}

TEST_CASE("framebuffer scale 2 doubles every edge and the flip uses the framebuffer's height") {
  const auto box = scissor_box(ImVec4(10, 20, 110, 70), ImVec2(0, 0), ImVec2(2, 2), 2560, 1600);
  REQUIRE(box.has_value());
  CHECK(*box == ScissorBox{20, 1600 - 140, 200, 100});
}

TEST_CASE("DisplayPos is subtracted before scaling") {
  const auto box =
      scissor_box(ImVec4(110, 70, 210, 120), ImVec2(100, 50), ImVec2(2, 2), 2560, 1600);
  REQUIRE(box.has_value());
  CHECK(*box == ScissorBox{20, 1460, 200, 100});
}

TEST_CASE("a fractional scale truncates to whole pixels as the stock backend does") {
  // x0 15.75, y0 30.375, x1 150, y1 75 in 1920 x 1200.
  const auto box =
      scissor_box(ImVec4(10.5f, 20.25f, 100, 50), ImVec2(0, 0), ImVec2(1.5f, 1.5f), 1920, 1200);
  REQUIRE(box.has_value());
  CHECK(*box == ScissorBox{15, 1125, 134, 44});
}

TEST_CASE("a clip rectangle partly outside the framebuffer is cut to it") {
  // x -20..100, y 700..900 in 1280 x 800: x 0..100, y 700..800, which is GL's bottom row 0.
  const auto box = scissor_box(ImVec4(-20, 700, 100, 900), ImVec2(0, 0), ImVec2(1, 1), 1280, 800);
  REQUIRE(box.has_value());
  CHECK(*box == ScissorBox{0, 0, 100, 100});
  // ImGui's whole-screen clip rectangle (+-8192) at scale 2: the whole framebuffer.
  const auto all =
      scissor_box(ImVec4(-8192, -8192, 8192, 8192), ImVec2(0, 0), ImVec2(2, 2), 2560, 1600);
  REQUIRE(all.has_value());
  CHECK(*all == ScissorBox{0, 0, 2560, 1600});
}

TEST_CASE("a clip rectangle outside the framebuffer, empty or NaN draws nothing") {
  const ImVec2 origin(0, 0), one(1, 1);
  CHECK_FALSE(scissor_box(ImVec4(1300, 10, 1400, 100), origin, one, 1280, 800).has_value());
  CHECK_FALSE(scissor_box(ImVec4(-50, -50, -10, -10), origin, one, 1280, 800).has_value());
  CHECK_FALSE(scissor_box(ImVec4(10, 900, 100, 1000), origin, one, 1280, 800).has_value());
  // The same rectangle with DisplayPos (100, 0) at scale 2: x (1300 - 100) * 2 = 2400 to 2600, cut
  // to the 2560-wide framebuffer; y 20..200, GL's y 1600 - 200.
  const auto cut = scissor_box(ImVec4(1300, 10, 1400, 100), ImVec2(100, 0), ImVec2(2, 2), 2560, 1600);
  REQUIRE(cut.has_value());
  CHECK(*cut == ScissorBox{2400, 1400, 160, 180});
  CHECK_FALSE(scissor_box(ImVec4(10, 10, 10, 50), origin, one, 1280, 800).has_value());
  CHECK_FALSE(scissor_box(ImVec4(10, 50, 100, 50), origin, one, 1280, 800).has_value());
  const float nan = std::numeric_limits<float>::quiet_NaN();
  CHECK_FALSE(scissor_box(ImVec4(nan, 0, 100, 100), origin, one, 1280, 800).has_value());
  // Less than one pixel after truncation: 10.2..10.9 at scale 1.
  CHECK_FALSE(scissor_box(ImVec4(10.2f, 10, 10.9f, 50), origin, one, 1280, 800).has_value());
}

TEST_CASE("the projection maps the display rectangle's corners to clip space, y up") {
  const ImVec2 pos(0, 0), size(1280, 800);
  const ImVec2 top_left = project(ImVec2(0, 0), pos, size);
  const ImVec2 bottom_right = project(ImVec2(1280, 800), pos, size);
  const ImVec2 centre = project(ImVec2(640, 400), pos, size);
  CHECK(top_left.x == doctest::Approx(-1.0f));
  CHECK(top_left.y == doctest::Approx(1.0f));
  CHECK(bottom_right.x == doctest::Approx(1.0f));
  CHECK(bottom_right.y == doctest::Approx(-1.0f));
  CHECK(centre.x == doctest::Approx(0.0f));
  CHECK(centre.y == doctest::Approx(0.0f));

  // A display rectangle that does not start at the origin: its own corners are clip's corners.
  const ImVec2 shifted_pos(100, 50), shifted_size(200, 100);
  const ImVec2 a = project(ImVec2(100, 50), shifted_pos, shifted_size);
  const ImVec2 b = project(ImVec2(300, 150), shifted_pos, shifted_size);
  const ImVec2 quarter = project(ImVec2(150, 75), shifted_pos, shifted_size);
  CHECK(a.x == doctest::Approx(-1.0f));
  CHECK(a.y == doctest::Approx(1.0f));
  CHECK(b.x == doctest::Approx(1.0f));
  CHECK(b.y == doctest::Approx(-1.0f));
  CHECK(quarter.x == doctest::Approx(-0.5f));
  CHECK(quarter.y == doctest::Approx(0.5f));
}
