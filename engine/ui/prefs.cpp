// Prefs <-> "key=value" lines, with the URL spellings of run_settings.h.
#include "ui/prefs.h"

#include <cstdlib>
#include <optional>
#include <sstream>

namespace interleave::ui {
namespace {

std::optional<double> parse_number(std::string_view s) {
  if (s.empty() || s.size() > 32) return std::nullopt;
  const std::string text(s);
  char* end = nullptr;
  const double v = std::strtod(text.c_str(), &end);
  if (end != text.c_str() + text.size()) return std::nullopt;
  return v;
}

bool safe_example_name(std::string_view s) {
  if (s.empty() || s.size() > 64) return false;
  for (char c : s) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '_' || c == '-' || c == '.';
    if (!ok) return false;
  }
  return s.find("..") == std::string_view::npos;
}

}  // namespace

std::string prefs_to_text(const Prefs& p) {
  std::ostringstream out;
  out << "theme=" << (p.theme == Theme::Light ? "light" : "dark") << "\n";
  out << "mode=" << to_string(p.settings.mode) << "\n";
  out << "gil=" << to_string(p.settings.gil) << "\n";
  out << "interval=" << p.settings.switch_interval << "\n";
  out << "cores=" << p.settings.cores << "\n";
  out << "start=" << to_string(p.settings.start_method) << "\n";
  out << "timeout=" << p.settings.time_limit << "\n";
  // The simulator's model: only the keys a person changed (model_settings.h's compact text).
  if (const std::string model = model_to_text(p.settings.model); !model.empty()) {
    out << "model=" << model << "\n";
  }
  if (!p.example.empty()) out << "example=" << p.example << "\n";
  if (p.model_window) out << "model_window=open\n";
  return out.str();
}

Prefs parse_prefs(std::string_view text) {
  Prefs p;
  while (!text.empty()) {
    const std::size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    const std::size_t eq = line.find('=');
    if (eq == std::string_view::npos) continue;
    const std::string_view key = line.substr(0, eq), value = line.substr(eq + 1);
    if (key == "theme") {
      if (value == "light") p.theme = Theme::Light;
      if (value == "dark") p.theme = Theme::Dark;
    } else if (key == "mode") {
      if (auto m = parse_run_mode(value)) p.settings.mode = *m;
    } else if (key == "gil") {
      if (auto g = parse_gil_mode(value)) p.settings.gil = *g;
    } else if (key == "start") {
      if (auto s = parse_start_method(value)) p.settings.start_method = *s;
    } else if (key == "interval") {
      if (auto v = parse_number(value)) p.settings.switch_interval = *v;
    } else if (key == "cores") {
      if (auto v = parse_number(value); v && *v >= kMinCores && *v <= kMaxCores) {
        p.settings.cores = static_cast<int>(*v);
      }
    } else if (key == "timeout") {
      if (auto v = parse_number(value)) p.settings.time_limit = *v;
    } else if (key == "model") {
      p.settings.model = model_from_text(value);
    } else if (key == "model_window") {
      p.model_window = value == "open";
    } else if (key == "example") {
      if (safe_example_name(value)) p.example = std::string(value);
    }
  }
  p.settings = clamped(p.settings);
  return p;
}

}  // namespace interleave::ui
