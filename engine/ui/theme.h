// The two themes: a coherent palette for ImGui's widgets and the colours our own widgets draw with
// (syntax, editor gutter and selection, console origins, error marks). Colours are chosen for
// contrast on their own background (WCAG AA for text). UI thread only (ImGui's style is global).
#pragma once

#include <cstdint>

#include <imgui.h>

#include "ui/python_highlight.h"

namespace interleave::ui {

enum class Theme { Dark, Light };

struct Palette {
  ImU32 syntax[12];  // by TokenKind
  ImU32 editor_bg, gutter_bg, gutter_text, gutter_text_current, current_line, selection, cursor;
  ImU32 error, error_bg, jump_flash;
  ImU32 origins[8];  // console origins (threads, processes), cycled
  ImU32 text, text_dim, stderr_text, note_text, deadlock_bg, link;
  ImU32 accent, run_button, run_button_hovered, stop_button, stop_button_hovered;
};

const Palette& palette(Theme theme);
// Sets ImGui's style (colours, rounding, padding) for `theme`.
void apply_theme(Theme theme);

inline ImU32 syntax_colour(const Palette& p, TokenKind kind) {
  return p.syntax[static_cast<int>(kind)];
}

}  // namespace interleave::ui
