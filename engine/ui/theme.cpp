// Palettes. Dark follows the One Dark family (quiet blue-grey surfaces, saturated syntax), light
// the One Light family on near-white; both keep one accent blue for focus, selection and links.
#include "ui/theme.h"

namespace interleave::ui {
namespace {

constexpr ImU32 rgb(std::uint32_t hex, int alpha = 255) {
  return IM_COL32((hex >> 16) & 0xFF, (hex >> 8) & 0xFF, hex & 0xFF, alpha);
}

ImVec4 v4(std::uint32_t hex, float alpha = 1.0f) {
  return ImVec4(static_cast<float>((hex >> 16) & 0xFF) / 255.0f,
                static_cast<float>((hex >> 8) & 0xFF) / 255.0f,
                static_cast<float>(hex & 0xFF) / 255.0f, alpha);
}

// Syntax order: Text, Keyword, Constant, Builtin, Self, Function, Number, String, Interpolation,
// Comment, Decorator, Operator.
const Palette kDark = {
    {rgb(0xd7dae0), rgb(0xc678dd), rgb(0xd19a66), rgb(0x56b6c2), rgb(0xe06c75), rgb(0x61afef),
     rgb(0xd19a66), rgb(0x98c379), rgb(0xe5c07b), rgb(0x7f8896), rgb(0xe5c07b), rgb(0xabb2bf)},
    rgb(0x1a1d23),
    rgb(0x1a1d23),
    rgb(0x5c6370),
    rgb(0xc8ccd4),
    rgb(0x23272e),
    rgb(0x3e4f6e),
    rgb(0x7aa6ff),
    rgb(0xff6b6b),
    rgb(0x5a1e22, 150),
    rgb(0xe5c07b, 60),
    {rgb(0x61afef), rgb(0x98c379), rgb(0xe5c07b), rgb(0xc678dd), rgb(0x56b6c2), rgb(0xd19a66),
     rgb(0xef8f97), rgb(0xb4bccb)},
    rgb(0xd7dae0),
    rgb(0x8a93a2),
    rgb(0xff8a80),
    rgb(0x8a93a2),
    rgb(0x5a1e22, 170),
    rgb(0x7aa6ff),
    rgb(0x4c8dff),
    rgb(0x2f7a45),
    rgb(0x379152),
    rgb(0x8c2f36),
    rgb(0xa63a42)};

const Palette kLight = {
    {rgb(0x2b2f36), rgb(0xa626a4), rgb(0x986801), rgb(0x0e7490), rgb(0xc2410c), rgb(0x2f5fd0),
     rgb(0x986801), rgb(0x2f7d32), rgb(0xa05a00), rgb(0x7d818a), rgb(0xa05a00), rgb(0x4b5160)},
    rgb(0xffffff),
    rgb(0xf6f7f9),
    rgb(0x9aa0aa),
    rgb(0x2b2f36),
    rgb(0xf1f4f9),
    rgb(0xc9dcff),
    rgb(0x1f5fd6),
    rgb(0xd1242f),
    rgb(0xffd7d9, 200),
    rgb(0xffd666, 90),
    {rgb(0x1f5fd6), rgb(0x2f7d32), rgb(0x9a6700), rgb(0x8250df), rgb(0x0e7490), rgb(0xbc4c00),
     rgb(0xc2255c), rgb(0x57606a)},
    rgb(0x1f2328),
    rgb(0x656d76),
    rgb(0xc4232e),
    rgb(0x656d76),
    rgb(0xffe1e3, 220),
    rgb(0x1f5fd6),
    rgb(0x1f6feb),
    rgb(0x1f883d),
    rgb(0x2da44e),
    rgb(0xcf222e),
    rgb(0xe5343f)};

void set_colours(ImVec4* c, Theme theme) {
  const bool dark = theme == Theme::Dark;
  // Surfaces from back to front, then text, then the accent.
  const std::uint32_t bg = dark ? 0x1f2228 : 0xf3f4f6, panel = dark ? 0x1f2228 : 0xf3f4f6,
                      title = dark ? 0x16181d : 0xe4e7eb, title_active = dark ? 0x262b33 : 0xd8dde4,
                      frame = dark ? 0x2a2e36 : 0xffffff, frame_hover = dark ? 0x323742 : 0xeef1f5,
                      border = dark ? 0x343a45 : 0xcfd5dd, text = dark ? 0xd7dae0 : 0x1f2328,
                      dim = dark ? 0x8a93a2 : 0x656d76, accent = dark ? 0x4c8dff : 0x1f6feb,
                      popup = dark ? 0x262a31 : 0xffffff;
  c[ImGuiCol_Text] = v4(text);
  c[ImGuiCol_TextDisabled] = v4(dim);
  c[ImGuiCol_WindowBg] = v4(bg);
  c[ImGuiCol_ChildBg] = v4(panel, 0.0f);
  c[ImGuiCol_PopupBg] = v4(popup, 0.98f);
  c[ImGuiCol_Border] = v4(border);
  c[ImGuiCol_BorderShadow] = v4(0, 0.0f);
  c[ImGuiCol_FrameBg] = v4(frame);
  c[ImGuiCol_FrameBgHovered] = v4(frame_hover);
  c[ImGuiCol_FrameBgActive] = v4(frame_hover);
  c[ImGuiCol_TitleBg] = v4(title);
  c[ImGuiCol_TitleBgActive] = v4(title_active);
  c[ImGuiCol_TitleBgCollapsed] = v4(title);
  c[ImGuiCol_MenuBarBg] = v4(title);
  c[ImGuiCol_ScrollbarBg] = v4(bg, 0.0f);
  c[ImGuiCol_ScrollbarGrab] = v4(dark ? 0x3b414d : 0xc3c9d1);
  c[ImGuiCol_ScrollbarGrabHovered] = v4(dark ? 0x4a5261 : 0xaab1bb);
  c[ImGuiCol_ScrollbarGrabActive] = v4(dark ? 0x5a6375 : 0x959ca8);
  c[ImGuiCol_CheckMark] = v4(accent);
  c[ImGuiCol_SliderGrab] = v4(accent, 0.8f);
  c[ImGuiCol_SliderGrabActive] = v4(accent);
  c[ImGuiCol_Button] = v4(dark ? 0x2e333c : 0xe6e9ee);
  c[ImGuiCol_ButtonHovered] = v4(dark ? 0x3a404b : 0xd9dee5);
  c[ImGuiCol_ButtonActive] = v4(accent, 0.6f);
  c[ImGuiCol_Header] = v4(accent, dark ? 0.28f : 0.18f);
  c[ImGuiCol_HeaderHovered] = v4(accent, dark ? 0.38f : 0.26f);
  c[ImGuiCol_HeaderActive] = v4(accent, dark ? 0.5f : 0.36f);
  c[ImGuiCol_Separator] = v4(border);
  c[ImGuiCol_SeparatorHovered] = v4(accent, 0.7f);
  c[ImGuiCol_SeparatorActive] = v4(accent);
  c[ImGuiCol_ResizeGrip] = v4(accent, 0.0f);
  c[ImGuiCol_ResizeGripHovered] = v4(accent, 0.5f);
  c[ImGuiCol_ResizeGripActive] = v4(accent, 0.8f);
  c[ImGuiCol_Tab] = v4(title);
  c[ImGuiCol_TabHovered] = v4(accent, 0.4f);
  c[ImGuiCol_TabActive] = v4(title_active);
  c[ImGuiCol_TabUnfocused] = v4(title);
  c[ImGuiCol_TabUnfocusedActive] = v4(title_active);
  c[ImGuiCol_PlotLines] = v4(accent);
  c[ImGuiCol_PlotLinesHovered] = v4(dark ? 0xe5c07b : 0xbc4c00);
  c[ImGuiCol_PlotHistogram] = v4(accent);
  c[ImGuiCol_PlotHistogramHovered] = v4(dark ? 0xe5c07b : 0xbc4c00);
  c[ImGuiCol_TableHeaderBg] = v4(title_active);
  c[ImGuiCol_TableBorderStrong] = v4(border);
  c[ImGuiCol_TableBorderLight] = v4(border, 0.6f);
  c[ImGuiCol_TableRowBg] = v4(0, 0.0f);
  c[ImGuiCol_TableRowBgAlt] = v4(dark ? 0xffffff : 0x000000, 0.03f);
  c[ImGuiCol_TextSelectedBg] = v4(accent, 0.35f);
  c[ImGuiCol_DragDropTarget] = v4(accent);
  c[ImGuiCol_NavHighlight] = v4(accent);
  c[ImGuiCol_NavWindowingHighlight] = v4(0xffffff, 0.7f);
  c[ImGuiCol_NavWindowingDimBg] = v4(0x000000, 0.3f);
  c[ImGuiCol_ModalWindowDimBg] = v4(0x000000, dark ? 0.5f : 0.25f);
}

}  // namespace

const Palette& palette(Theme theme) {
  return theme == Theme::Dark ? kDark : kLight;
}

void apply_theme(Theme theme) {
  ImGuiStyle& style = ImGui::GetStyle();
  style = ImGuiStyle();
  style.WindowPadding = ImVec2(10, 8);
  style.FramePadding = ImVec2(8, 4);
  style.ItemSpacing = ImVec2(8, 6);
  style.ItemInnerSpacing = ImVec2(6, 4);
  style.IndentSpacing = 16;
  style.ScrollbarSize = 12;
  style.GrabMinSize = 10;
  style.WindowRounding = 0;
  style.ChildRounding = 0;
  style.FrameRounding = 4;
  style.PopupRounding = 4;
  style.ScrollbarRounding = 6;
  style.GrabRounding = 4;
  style.TabRounding = 4;
  style.WindowBorderSize = 1;
  style.FrameBorderSize = theme == Theme::Light ? 1.0f : 0.0f;  // light frames need an edge
  style.PopupBorderSize = 1;
  style.WindowTitleAlign = ImVec2(0.0f, 0.5f);
  style.WindowMenuButtonPosition = ImGuiDir_None;
  set_colours(style.Colors, theme);
}

}  // namespace interleave::ui
