// FrameDamage (app/frame_damage.h): which pixels a frame changes, from real Dear ImGui draw lists
// built by hand (the exact vertices ImGui's AddRectFilled emits), compared with the frame before.
#include <doctest/doctest.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "../../../app/frame_damage.h"

using interleave::gfx::FrameDamage;
using interleave::gfx::PixelRect;

namespace {

// A frame of 200 x 100 logical pixels at `scale` framebuffer pixels each, one draw list, whose
// shapes are filled rectangles (x, y, w, h, colour) and callbacks over clip rectangles.
struct Frame {
  struct Rect {
    float x, y, w, h;
    ImU32 colour;
  };
  struct Callback {
    ImVec4 clip;
    std::uint64_t key;  // 0: a callback the passes do not know
  };
  std::vector<Rect> rects_before;
  std::vector<Callback> callbacks;
  std::vector<Rect> rects_after;
  float scale = 1.0f;
};

class Builder {
 public:
  Builder() {
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);  // the shared data ImDrawList needs
  }
  ~Builder() { ImGui::DestroyContext(); }

  FrameDamage::Result update(FrameDamage& damage, const Frame& f) {
    list_ = std::make_unique<ImDrawList>(ImGui::GetDrawListSharedData());
    list_->_ResetForNewFrame();
    list_->PushClipRect(ImVec2(0, 0), ImVec2(200, 100));
    list_->PushTextureID(ImGui::GetIO().Fonts->TexID);
    keys_.clear();
    keys_.reserve(f.callbacks.size());  // the callbacks point into it
    for (const auto& r : f.rects_before) list_->AddRectFilled(ImVec2(r.x, r.y), ImVec2(r.x + r.w, r.y + r.h), r.colour);
    for (const auto& c : f.callbacks) {
      list_->PushClipRect(ImVec2(c.clip.x, c.clip.y), ImVec2(c.clip.z, c.clip.w));
      keys_.push_back(c.key);
      list_->AddCallback(&Builder::noop, c.key == 0 ? nullptr : &keys_.back());
      list_->AddCallback(ImDrawCallback_ResetRenderState, nullptr);
      list_->PopClipRect();
    }
    for (const auto& r : f.rects_after) list_->AddRectFilled(ImVec2(r.x, r.y), ImVec2(r.x + r.w, r.y + r.h), r.colour);
    list_->_PopUnusedDrawCmd();
    ImDrawList* lists[] = {list_.get()};
    ImDrawData d;
    d.Valid = true;
    d.CmdLists = lists;
    d.CmdListsCount = 1;
    d.TotalVtxCount = list_->VtxBuffer.Size;
    d.TotalIdxCount = list_->IdxBuffer.Size;
    d.DisplayPos = ImVec2(0, 0);
    d.DisplaySize = ImVec2(200, 100);
    d.FramebufferScale = ImVec2(f.scale, f.scale);
    const int fb_w = static_cast<int>(200 * f.scale), fb_h = static_cast<int>(100 * f.scale);
    return damage.update(d, fb_w, fb_h, [](const ImDrawCmd& cmd) -> std::optional<std::uint64_t> {
      if (cmd.UserCallbackData == nullptr) return std::nullopt;
      return *static_cast<const std::uint64_t*>(cmd.UserCallbackData);
    });
  }

 private:
  static void noop(const ImDrawList*, const ImDrawCmd*) {}
  std::unique_ptr<ImDrawList> list_;
  std::vector<std::uint64_t> keys_ = std::vector<std::uint64_t>();
};

bool covers(const std::vector<PixelRect>& areas, const PixelRect& r) {
  for (const PixelRect& a : areas) {
    if (a.contains(r)) return true;
  }
  return false;
}

long long total(const std::vector<PixelRect>& areas) {
  long long sum = 0;
  for (const PixelRect& a : areas) sum += a.area();
  return sum;
}

constexpr ImU32 kRed = IM_COL32(255, 0, 0, 255), kBlue = IM_COL32(0, 0, 255, 255);

}  // namespace

TEST_CASE("the first frame is damaged whole, the same frame again not at all") {
  Builder b;
  FrameDamage damage;
  Frame f;
  f.rects_before = {{10, 10, 20, 20, kRed}, {100, 50, 30, 10, kBlue}};
  CHECK(b.update(damage, f).whole);
  const auto again = b.update(damage, f);
  CHECK(again.unchanged());
}

TEST_CASE("a rectangle that changes colour damages its own pixels only") {
  Builder b;
  FrameDamage damage;
  Frame f;
  f.rects_before = {{10, 10, 20, 20, kRed}, {100, 50, 30, 10, kBlue}};
  b.update(damage, f);
  f.rects_before[1].colour = kRed;
  const auto r = b.update(damage, f);
  REQUIRE_FALSE(r.whole);
  REQUIRE(r.areas.size() == 1);
  CHECK(covers(r.areas, PixelRect{100, 50, 130, 60}));
  CHECK_FALSE(r.areas[0].intersects(PixelRect{10, 10, 30, 30}));  // the other one is untouched
  CHECK(total(r.areas) < 40 * 20);
}

TEST_CASE("a moved rectangle damages where it was and where it is, at the framebuffer's scale") {
  Builder b;
  FrameDamage damage;
  Frame f;
  f.scale = 2.0f;
  f.rects_before = {{10, 10, 20, 20, kRed}, {150, 60, 10, 10, kBlue}, {60, 10, 10, 10, kBlue}};
  b.update(damage, f);
  f.rects_before[0].x = 12;  // 10..30 -> 12..32 logical: 20..60 -> 24..64 framebuffer pixels
  const auto r = b.update(damage, f);
  REQUIRE_FALSE(r.whole);
  CHECK(covers(r.areas, PixelRect{20, 20, 64, 60}));
  for (const PixelRect& a : r.areas) CHECK_FALSE(a.intersects(PixelRect{300, 120, 320, 140}));
}

TEST_CASE("inserted and removed shapes are found after them in the sequence") {
  Builder b;
  FrameDamage damage;
  Frame f;
  for (int i = 0; i < 8; ++i) f.rects_before.push_back({10.0f + 20 * i, 10, 10, 10, kRed});
  b.update(damage, f);
  Frame g = f;
  g.rects_before.insert(g.rects_before.begin() + 3, {70, 70, 10, 10, kBlue});  // a new one
  auto r = b.update(damage, g);
  REQUIRE_FALSE(r.whole);
  CHECK(covers(r.areas, PixelRect{70, 70, 80, 80}));
  for (const PixelRect& a : r.areas) CHECK_FALSE(a.intersects(PixelRect{10, 10, 20, 20}));
  r = b.update(damage, f);  // and gone again
  REQUIRE_FALSE(r.whole);
  CHECK(covers(r.areas, PixelRect{70, 70, 80, 80}));
  CHECK(total(r.areas) < 20 * 20);
}

TEST_CASE("an area never cuts a callback: touching its reach takes all of it") {
  Builder b;
  FrameDamage damage;
  Frame f;
  f.callbacks = {{ImVec4(20, 40, 180, 90), 7}};
  f.rects_after = {{30, 50, 10, 10, kRed}, {5, 5, 5, 5, kRed}};
  b.update(damage, f);
  f.rects_after[0].colour = kBlue;  // over the callback
  auto r = b.update(damage, f);
  REQUIRE_FALSE(r.whole);
  CHECK(covers(r.areas, PixelRect{18, 38, 182, 92}));
  f.rects_after[1].colour = kBlue;  // away from it
  r = b.update(damage, f);
  REQUIRE_FALSE(r.whole);
  for (const PixelRect& a : r.areas) CHECK_FALSE(a.intersects(PixelRect{18, 38, 182, 92}));
  f.callbacks[0].key = 8;  // the pass draws something else
  r = b.update(damage, f);
  REQUIRE_FALSE(r.whole);
  CHECK(covers(r.areas, PixelRect{18, 38, 182, 92}));
  f.rects_before = {{0, 0, 200, 100, kRed}};  // most of the frame: redrawn whole
  CHECK(b.update(damage, f).whole);
}

TEST_CASE("a changed callback damages its reach; an unknown one, the frame") {
  Builder b;
  FrameDamage damage;
  Frame f;
  f.callbacks = {{ImVec4(20, 20, 60, 40), 1}};
  b.update(damage, f);
  f.callbacks[0].key = 2;
  const auto r = b.update(damage, f);
  REQUIRE_FALSE(r.whole);
  CHECK(covers(r.areas, PixelRect{18, 18, 62, 42}));
  CHECK(total(r.areas) <= 44 * 24);
  f.callbacks.push_back({ImVec4(100, 60, 110, 70), 0});
  CHECK(b.update(damage, f).whole);
  CHECK(b.update(damage, f).whole);  // every time: its content cannot be compared
}

TEST_CASE("a new framebuffer size or invalidate() damages the whole frame") {
  Builder b;
  FrameDamage damage;
  Frame f;
  f.rects_before = {{10, 10, 20, 20, kRed}};
  b.update(damage, f);
  f.scale = 2.0f;
  CHECK(b.update(damage, f).whole);
  CHECK(b.update(damage, f).unchanged());
  damage.invalidate();
  CHECK(b.update(damage, f).whole);
}
