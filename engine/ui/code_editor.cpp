// Drawing and input for the code editor. While it has focus the editor holds ImGui's active id with
// the navigation keys claimed (as InputText does), so arrows, Tab and Escape edit text instead of
// moving ImGui's keyboard navigation; other widgets stay clickable (overlap allowed).
#include "ui/code_editor.h"

#include <imgui_internal.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "support/utf8.h"

namespace interleave::ui {
namespace {

constexpr float kPadTop = 6.0f;  // space above the first line

bool pressed(ImGuiKey key) {
  return ImGui::IsKeyPressed(ImGui::GetKeyIndex(key), true);
}

void wavy_underline(ImDrawList* list, float x0, float x1, float y, ImU32 colour) {
  const float step = 3.0f;
  bool up = true;
  for (float x = x0; x < x1; x += step, up = !up) {
    list->AddLine(ImVec2(x, y + (up ? 0.0f : 2.0f)),
                  ImVec2(std::min(x + step, x1), y + (up ? 2.0f : 0.0f)), colour, 1.0f);
  }
}

}  // namespace

void CodeEditor::go_to_line(int line) {
  model_.set_cursor({line - 1, 0}, false);
  flash_line_ = line - 1;
  flash_at_ = ImGui::GetTime();
  want_focus_ = true;
}

TextPos CodeEditor::pos_at(ImVec2 mouse) const {
  const TextBuffer& b = model_.buffer();
  const int line = std::clamp(static_cast<int>(std::floor((mouse.y - text_origin_.y) / line_h_)), 0,
                              b.line_count() - 1);
  const int display =
      std::max(0, static_cast<int>(std::lround((mouse.x - text_origin_.x) / char_w_)));
  return {line, b.col_at_display(line, display)};
}

void CodeEditor::scroll_to_cursor(ImVec2 view) {
  const TextPos c = model_.cursor();
  const float y = kPadTop + static_cast<float>(c.line) * line_h_;
  const float x = static_cast<float>(model_.buffer().display_col(c.line, c.col)) * char_w_;
  const float sy = ImGui::GetScrollY(), sx = ImGui::GetScrollX();
  // Keep a line of context above and below the cursor where there is one.
  if (y - line_h_ < sy) ImGui::SetScrollY(std::max(0.0f, y - line_h_));
  const float visible_h =
      view.y - ImGui::GetStyle().ScrollbarSize;  // a horizontal bar may cover it
  if (y + 2 * line_h_ > sy + visible_h) ImGui::SetScrollY(y + 2 * line_h_ - visible_h);
  const float text_w = view.x - gutter_w_;
  if (x < sx) ImGui::SetScrollX(std::max(0.0f, x - char_w_ * 4));
  if (x + char_w_ * 2 > sx + text_w) ImGui::SetScrollX(x + char_w_ * 6 - text_w);
}

void CodeEditor::keyboard(Events* events, int page_lines) {
  ImGuiIO& io = ImGui::GetIO();
  const bool ctrl = io.ConfigMacOSXBehaviors ? io.KeySuper : io.KeyCtrl;
  const bool shift = io.KeyShift, alt = io.KeyAlt;
  EditorModel& m = model_;
  const std::uint64_t before = m.version();
  if (pressed(ImGuiKey_LeftArrow)) ctrl ? m.move_word_left(shift) : m.move_left(shift);
  if (pressed(ImGuiKey_RightArrow)) ctrl ? m.move_word_right(shift) : m.move_right(shift);
  if (pressed(ImGuiKey_UpArrow)) m.move_up(shift);
  if (pressed(ImGuiKey_DownArrow)) m.move_down(shift);
  if (pressed(ImGuiKey_PageUp)) m.move_up(shift, page_lines);
  if (pressed(ImGuiKey_PageDown)) m.move_down(shift, page_lines);
  if (pressed(ImGuiKey_Home)) ctrl ? m.move_doc_start(shift) : m.move_home(shift);
  if (pressed(ImGuiKey_End)) ctrl ? m.move_doc_end(shift) : m.move_end(shift);
  if (pressed(ImGuiKey_Enter) || pressed(ImGuiKey_KeyPadEnter)) {
    if (ctrl)
      events->run = true;
    else
      m.newline();
  }
  if (pressed(ImGuiKey_Tab)) shift ? m.untab() : m.tab();
  if (pressed(ImGuiKey_Backspace)) ctrl ? m.delete_word_left() : m.backspace();
  if (pressed(ImGuiKey_Delete)) {
    if (shift && !ctrl) {
      std::string text;
      if (m.cut(&text)) ImGui::SetClipboardText(text.c_str());
    } else {
      ctrl ? m.delete_word_right() : m.delete_forward();
    }
  }
  if (pressed(ImGuiKey_Escape) && !m.selection().empty()) m.set_cursor(m.cursor(), false);
  if (ctrl && !alt) {
    if (pressed(ImGuiKey_A)) m.select_all();
    if ((pressed(ImGuiKey_C) || pressed(ImGuiKey_Insert)) && !m.selection().empty()) {
      ImGui::SetClipboardText(m.selected_text().c_str());
    }
    if (pressed(ImGuiKey_X)) {
      std::string text;
      if (m.cut(&text)) ImGui::SetClipboardText(text.c_str());
    }
    if (pressed(ImGuiKey_V)) {
      if (const char* text = ImGui::GetClipboardText()) m.insert(text);
    }
    if (pressed(ImGuiKey_Z)) shift ? m.redo() : m.undo();
    if (pressed(ImGuiKey_Y)) m.redo();
  } else if (shift && pressed(ImGuiKey_Insert)) {
    if (const char* text = ImGui::GetClipboardText()) m.insert(text);
  }
  // Typed characters; with Ctrl held (and no AltGr) they are shortcuts, handled above.
  if (!(io.KeyCtrl && !io.KeyAlt)) {
    for (int i = 0; i < io.InputQueueCharacters.Size; ++i) {
      const unsigned int c = io.InputQueueCharacters[i];
      if (c < 32 || c == 127) continue;                            // Enter and Tab arrive as keys
      if (c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) continue;  // not a character
      std::string s;
      support::utf8_append(s, static_cast<char32_t>(c));
      m.insert(s);
    }
  }
  io.InputQueueCharacters.resize(0);
  events->changed = m.version() != before;
}

CodeEditor::Events CodeEditor::draw(const char* id, ImVec2 size, ImFont* mono, const Palette& p) {
  Events events;
  ImGuiIO& io = ImGui::GetIO();
  ImGuiContext& g = *ImGui::GetCurrentContext();
  ImGui::PushStyleColor(ImGuiCol_ChildBg, p.editor_bg);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
  const bool visible = ImGui::BeginChild(
      id, size, false, ImGuiWindowFlags_HorizontalScrollbar | ImGuiWindowFlags_NoNav);
  ImGui::PopStyleVar();
  ImGui::PopStyleColor();
  if (!visible) {
    ImGui::EndChild();
    return events;
  }
  if (mono) ImGui::PushFont(mono);
  ImGuiWindow* window = ImGui::GetCurrentWindow();
  ImDrawList* list = window->DrawList;
  const TextBuffer& buffer = model_.buffer();
  highlighter_.update(buffer, model_.version());

  char_w_ = ImGui::CalcTextSize("M").x;
  line_h_ = std::round(ImGui::GetFontSize() * 1.45f);
  const int digits = std::max(2, static_cast<int>(std::to_string(buffer.line_count()).size()));
  gutter_w_ = std::round(static_cast<float>(digits + 2) * char_w_ + 12.0f);
  if (width_version_ != model_.version()) {
    width_version_ = model_.version();
    widest_ = 0;
    for (int i = 0; i < buffer.line_count(); ++i) {
      widest_ = std::max(widest_, buffer.display_col(i, buffer.line_length(i)));
    }
  }
  const ImVec2 view = ImGui::GetContentRegionAvail();
  const ImVec2 origin = ImGui::GetCursorScreenPos();  // scrolled content origin
  text_origin_ = ImVec2(origin.x + gutter_w_ + 6.0f, origin.y + kPadTop);
  const ImVec2 content(gutter_w_ + 6.0f + static_cast<float>(widest_ + 8) * char_w_,
                       kPadTop + static_cast<float>(buffer.line_count()) * line_h_ + view.y * 0.5f);

  // The item: the whole content, so clicks anywhere (gutter included) place the cursor.
  const ImGuiID item = window->GetID("##text");
  const ImRect bb(origin, ImVec2(origin.x + content.x, origin.y + content.y));
  ImGui::ItemSize(content);
  ImGui::ItemAdd(bb, item);
  const bool hovered = ImGui::ItemHoverable(bb, item);
  if (hovered) ImGui::SetMouseCursor(ImGuiMouseCursor_TextInput);
  if (want_focus_) {
    want_focus_ = false;
    has_focus_ = true;
    ImGui::FocusWindow(window);
    ImGui::SetActiveID(item, window);
  }
  if (hovered && ImGui::IsMouseClicked(ImGuiMouseButton_Left)) {
    has_focus_ = true;
    dragging_ = true;
    ImGui::SetActiveID(item, window);
    ImGui::FocusWindow(window);
    const TextPos at = pos_at(io.MousePos);
    const int clicks = ImGui::GetMouseClickedCount(ImGuiMouseButton_Left);
    const bool in_gutter = io.MousePos.x < window->Pos.x + gutter_w_;
    if (in_gutter || clicks >= 3) {
      model_.select_line(at.line);
    } else if (clicks == 2) {
      model_.select_word(at);
    } else {
      model_.set_cursor(at, io.KeyShift);
    }
  } else if (ImGui::IsMouseClicked(ImGuiMouseButton_Left) && !hovered) {
    has_focus_ = false;  // a click elsewhere takes the keyboard away
  }
  if (!io.MouseDown[ImGuiMouseButton_Left]) dragging_ = false;
  if (dragging_ && ImGui::IsMouseDragging(ImGuiMouseButton_Left, 1.0f) &&
      ImGui::GetMouseClickedCount(ImGuiMouseButton_Left) < 2) {
    model_.set_cursor(pos_at(io.MousePos), true);
  }
  if (has_focus_ && g.ActiveId != item) {
    if (g.ActiveId == 0 || g.ActiveId == window->MoveId)
      ImGui::SetActiveID(item, window);
    else
      has_focus_ = false;  // another widget took over
  }
  if (has_focus_) {
    ImGui::KeepAliveID(item);
    g.ActiveIdAllowOverlap = true;  // other widgets stay clickable while the editor types
    g.ActiveIdUsingNavDirMask = ~0u;
    g.ActiveIdUsingNavInputMask = ~0u;
    g.ActiveIdUsingKeyInputMask = ~ImU64{0};
    g.WantTextInputNextFrame = 1;
    keyboard(&events, std::max(1, static_cast<int>(view.y / line_h_) - 1));
  } else if (g.ActiveId == item) {
    ImGui::ClearActiveID();
  }
  if (model_.cursor_version() != seen_cursor_version_) {
    seen_cursor_version_ = model_.cursor_version();
    cursor_moved_at_ = ImGui::GetTime();
    scroll_to_cursor(view);
  }
  highlighter_.update(buffer, model_.version());

  // ---- drawing: visible lines only ----
  const float scroll_y = ImGui::GetScrollY();
  const int first = std::max(0, static_cast<int>((scroll_y - kPadTop) / line_h_));
  const int last =
      std::min(buffer.line_count() - 1, first + static_cast<int>(view.y / line_h_) + 1);
  const float text_y_off = std::round((line_h_ - ImGui::GetFontSize()) * 0.5f);
  const Selection sel = model_.selection();
  const float full_left = window->Pos.x, full_right = window->Pos.x + window->Size.x;
  const int error_line = error_ ? error_->line - 1 : -1;
  const float flash = static_cast<float>(1.0 - (ImGui::GetTime() - flash_at_) / 1.2);
  for (int i = first; i <= last; ++i) {
    const float y = text_origin_.y + static_cast<float>(i) * line_h_;
    if (i == model_.cursor().line && sel.empty() && has_focus_) {
      list->AddRectFilled(ImVec2(full_left, y), ImVec2(full_right, y + line_h_), p.current_line);
    }
    if (i == error_line) {
      list->AddRectFilled(ImVec2(full_left, y), ImVec2(full_right, y + line_h_), p.error_bg);
    }
    if (i == flash_line_ && flash > 0) {
      const ImU32 a =
          static_cast<ImU32>(static_cast<float>((p.jump_flash >> IM_COL32_A_SHIFT) & 0xFF) * flash);
      list->AddRectFilled(ImVec2(full_left, y), ImVec2(full_right, y + line_h_),
                          (p.jump_flash & ~IM_COL32_A_MASK) | (a << IM_COL32_A_SHIFT));
    }
    if (!sel.empty() && i >= sel.begin().line && i <= sel.end().line) {
      const int c0 = i == sel.begin().line ? buffer.display_col(i, sel.begin().col) : 0;
      const int c1 = i == sel.end().line ? buffer.display_col(i, sel.end().col)
                                         : buffer.display_col(i, buffer.line_length(i)) + 1;
      list->AddRectFilled(ImVec2(text_origin_.x + static_cast<float>(c0) * char_w_, y),
                          ImVec2(text_origin_.x + static_cast<float>(c1) * char_w_, y + line_h_),
                          p.selection);
    }
    const std::string& s = buffer.line(i);
    for (const Token& t : highlighter_.tokens(i)) {
      const float x = text_origin_.x + static_cast<float>(buffer.display_col(i, t.begin)) * char_w_;
      list->AddText(ImVec2(x, y + text_y_off), syntax_colour(p, t.kind), s.data() + t.begin,
                    s.data() + t.end);
    }
    if (i == error_line) {
      const int b = static_cast<int>(s.find_first_not_of(" \t"));
      const int c0 = b < 0 ? 0 : buffer.display_col(i, b);
      const int c1 = std::max(c0 + 1, buffer.display_col(i, buffer.line_length(i)));
      wavy_underline(list, text_origin_.x + static_cast<float>(c0) * char_w_,
                     text_origin_.x + static_cast<float>(c1) * char_w_, y + line_h_ - 3.0f,
                     p.error);
    }
  }
  // The cursor: solid for half a second after it moves, then blinking.
  if (has_focus_) {
    const double since = ImGui::GetTime() - cursor_moved_at_;
    if (since < 0.5 || std::fmod(since - 0.5, 1.0) < 0.55) {
      const TextPos c = model_.cursor();
      const float x =
          text_origin_.x + static_cast<float>(buffer.display_col(c.line, c.col)) * char_w_;
      const float y = text_origin_.y + static_cast<float>(c.line) * line_h_;
      list->AddRectFilled(ImVec2(x - 1.0f, y + 1.0f), ImVec2(x + 1.0f, y + line_h_ - 1.0f),
                          p.cursor);
    }
  }

  // The gutter, fixed while the text scrolls sideways.
  const float gx = window->Pos.x;
  list->AddRectFilled(ImVec2(gx, window->Pos.y),
                      ImVec2(gx + gutter_w_, window->Pos.y + window->Size.y), p.gutter_bg);
  list->AddLine(ImVec2(gx + gutter_w_ - 0.5f, window->Pos.y),
                ImVec2(gx + gutter_w_ - 0.5f, window->Pos.y + window->Size.y), p.current_line);
  char number[16];
  for (int i = first; i <= last; ++i) {
    const float y = text_origin_.y + static_cast<float>(i) * line_h_;
    std::snprintf(number, sizeof number, "%d", i + 1);
    const float w = ImGui::CalcTextSize(number).x;
    const bool current = i == model_.cursor().line;
    list->AddText(ImVec2(gx + gutter_w_ - w - char_w_, y + text_y_off),
                  i == error_line ? p.error
                  : current       ? p.gutter_text_current
                                  : p.gutter_text,
                  number);
    if (i == error_line) {
      const float r = std::round(line_h_ * 0.22f);
      const ImVec2 centre(gx + 4.0f + r, y + line_h_ * 0.5f);
      list->AddCircleFilled(centre, r, p.error);
      const bool over =
          ImGui::IsMouseHoveringRect(ImVec2(gx, y), ImVec2(full_right, y + line_h_)) &&
          ImGui::IsWindowHovered();
      if (over && !error_->message.empty()) {
        if (mono) ImGui::PopFont();
        ImGui::BeginTooltip();
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(p.error));
        ImGui::TextUnformatted(error_->message.c_str());
        ImGui::PopStyleColor();
        ImGui::EndTooltip();
        if (mono) ImGui::PushFont(mono);
      }
    }
  }
  if (mono) ImGui::PopFont();
  ImGui::EndChild();
  return events;
}

}  // namespace interleave::ui
