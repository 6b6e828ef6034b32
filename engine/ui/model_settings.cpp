// The model's ranges, its values for a person, and its compact text (see model_settings.h).
#include "ui/model_settings.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <vector>

namespace interleave::ui {
namespace {

namespace sim = run::sim;

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool is_count(std::size_t key) { return sim::profile_keys()[key].count; }

std::int64_t clamp_to(std::size_t key, std::int64_t v) {
  const ModelKeyRange r = model_key_range(key);
  return std::clamp(v, r.min, r.max);
}

// "123" -> 123, saturating at `cap` (never overflows); nullopt unless 1..19 digits.
std::optional<std::int64_t> parse_digits(std::string_view s, std::int64_t cap) {
  if (s.empty() || s.size() > 19) return std::nullopt;
  std::int64_t v = 0;
  for (const char c : s) {
    if (!is_digit(c)) return std::nullopt;
    v = std::min<std::int64_t>(cap, v * 10 + (c - '0'));  // v <= cap < 9.2e17: no overflow
  }
  return v;
}

// `whole` and `frac` (the remainder below `unit`) as "W" or "W.FFF" with trailing zeros cut.
std::string decimal(std::int64_t whole, std::int64_t frac, std::int64_t unit) {
  std::string out = std::to_string(whole);
  if (frac == 0) return out;
  std::string digits;
  for (std::int64_t u = unit / 10; u > 0; u /= 10) {
    digits += static_cast<char>('0' + (frac / u) % 10);
  }
  while (!digits.empty() && digits.back() == '0') digits.pop_back();
  return out + "." + digits;
}

}  // namespace

ModelKeyRange model_key_range(std::size_t key) {
  const auto& keys = sim::profile_keys();
  if (key >= keys.size()) return {0, 0};
  if (keys[key].count) return {0, kMaxModelCount};
  // Every instruction costs something, so that virtual time advances in any loop and a time
  // limit ends `while True: pass`; a quantum below 1 us makes a run of processes crawl (pool_map:
  // 54 s at 1 ns against 0.13 s at 1 us). Every other cost may be 0.
  if (keys[key].section == "ops") return {1, kMaxModelDurationNs};
  if (keys[key].section == "sim" && keys[key].name == "quantum") return {1'000, kMaxModelDurationNs};
  return {0, kMaxModelDurationNs};
}

Model clamped_model(Model model) {
  for (std::size_t i = 0; i < sim::profile_keys().size(); ++i) {
    sim::set(model, i, clamp_to(i, sim::get(model, i)));
  }
  return model;
}

bool model_key_edited(const Model& model, std::size_t key) {
  static const Model defaults = sim::default_profile();
  return sim::get(model, key) != sim::get(defaults, key);
}

std::size_t model_edited_count(const Model& model) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < sim::profile_keys().size(); ++i) n += model_key_edited(model, i);
  return n;
}

std::optional<std::size_t> background_load_key() { return sim::find_profile_key("machine", "background_load"); }

std::string format_model_value(std::size_t key, std::int64_t v) {
  if (is_count(key)) return std::to_string(v);
  const bool negative = v < 0;  // never in a clamped model; written all the same
  if (negative) v = -v;
  std::string text;
  if (v < 1'000) {
    text = std::to_string(v) + " ns";
  } else if (v < 1'000'000) {
    text = decimal(v / 1'000, v % 1'000, 1'000) + " us";
  } else if (v < 1'000'000'000) {
    text = decimal(v / 1'000'000, v % 1'000'000, 1'000'000) + " ms";
  } else {
    text = decimal(v / 1'000'000'000, v % 1'000'000'000, 1'000'000'000) + " s";
  }
  return negative ? "-" + text : text;
}

std::optional<std::int64_t> parse_model_value(std::size_t key, std::string_view typed) {
  const auto& keys = sim::profile_keys();
  if (key >= keys.size() || typed.size() > 64) return std::nullopt;
  std::string text;
  for (std::size_t i = 0; i < typed.size(); ++i) {
    const char c = typed[i];
    // The micro sign and the Greek mu both mean "u" (UTF-8 C2 B5, CE BC).
    if (i + 1 < typed.size() && ((c == '\xc2' && typed[i + 1] == '\xb5') ||
                                 (c == '\xce' && typed[i + 1] == '\xbc'))) {
      text += 'u';
      ++i;
      continue;
    }
    // Only what a number with a unit is made of.
    const bool ok = is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '.' ||
                    c == ' ' || c == '\t' || c == '-' || c == '+';
    if (!ok) return std::nullopt;
    text += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  std::string_view value = trim(text);
  const bool negative = !value.empty() && value.front() == '-';
  if (negative) value.remove_prefix(1);
  if (value.empty() || value.front() == '-' || value.front() == '+') return std::nullopt;
  if (is_count(key)) {
    const std::optional<std::int64_t> n = parse_digits(value, kMaxModelCount + 1);
    if (!n) return std::nullopt;
    return negative ? model_key_range(key).min : clamp_to(key, *n);
  }
  // A number (decimals and an exponent allowed), then an optional unit.
  std::size_t unit_at = value.size();
  while (unit_at > 0 && ((value[unit_at - 1] >= 'a' && value[unit_at - 1] <= 'z' &&
                          value[unit_at - 1] != 'e') ||
                         value[unit_at - 1] == ' ')) {
    --unit_at;
  }
  const std::string_view unit = trim(value.substr(unit_at));
  const std::string number(trim(value.substr(0, unit_at)));
  if (number.empty() || !is_digit(number.front()) ||
      number.find_first_not_of("0123456789.e+-") != std::string::npos) {
    return std::nullopt;
  }
  double scale = 0;
  for (const auto& [name, ns] : {std::pair<std::string_view, double>{"", 1}, {"ns", 1},
                                 {"us", 1e3}, {"ms", 1e6}, {"s", 1e9}}) {
    if (unit == name) scale = ns;
  }
  char* end = nullptr;
  const double v = std::strtod(number.c_str(), &end);
  if (scale == 0 || end != number.c_str() + number.size() || !std::isfinite(v)) return std::nullopt;
  const ModelKeyRange range = model_key_range(key);
  if (negative) return range.min;
  const double ns = v * scale;
  if (ns >= static_cast<double>(range.max)) return range.max;
  return clamp_to(key, static_cast<std::int64_t>(std::llround(ns)));
}

std::string model_to_text(const Model& model) {
  const auto& keys = sim::profile_keys();
  std::string out;
  for (std::size_t i = 0; i < keys.size(); ++i) {
    if (!model_key_edited(model, i)) continue;
    const std::int64_t v = clamp_to(i, sim::get(model, i));
    std::string value = std::to_string(v);
    if (!keys[i].count && v != 0) {
      if (v % 1'000'000'000 == 0) {
        value = std::to_string(v / 1'000'000'000) + "s";
      } else if (v % 1'000'000 == 0) {
        value = std::to_string(v / 1'000'000) + "ms";
      } else if (v % 1'000 == 0) {
        value = std::to_string(v / 1'000) + "us";
      }
    }
    if (!out.empty()) out += ',';
    out += std::string(keys[i].section) + "." + std::string(keys[i].name) + ":" + value;
  }
  return out;
}

Model model_from_text(std::string_view text) {
  Model model = sim::default_profile();
  if (text.size() > kModelTextMax) return model;
  std::vector<bool> seen(sim::profile_keys().size(), false);
  std::size_t items = 0;
  while (!text.empty() && items < kModelItemsMax) {
    const std::size_t comma = text.find(',');
    const std::string_view item = text.substr(0, comma);
    text = comma == std::string_view::npos ? std::string_view() : text.substr(comma + 1);
    ++items;
    const std::size_t dot = item.find('.'), colon = item.find(':');
    if (dot == std::string_view::npos || colon == std::string_view::npos || dot > colon) continue;
    const std::optional<std::size_t> key =
        sim::find_profile_key(item.substr(0, dot), item.substr(dot + 1, colon - dot - 1));
    if (!key || seen[*key]) continue;  // unknown, or given before: the first one counts
    std::string_view value = item.substr(colon + 1);
    std::int64_t scale = 1;
    if (!is_count(*key)) {
      static constexpr std::pair<std::string_view, std::int64_t> kUnits[] = {
          {"ns", 1}, {"us", 1'000}, {"ms", 1'000'000}, {"s", 1'000'000'000}};
      for (const auto& [unit, ns] : kUnits) {
        if (value.size() > unit.size() && value.ends_with(unit) &&
            is_digit(value[value.size() - unit.size() - 1])) {
          value.remove_suffix(unit.size());
          scale = ns;
          break;
        }
      }
    }
    const ModelKeyRange range = model_key_range(*key);
    const std::optional<std::int64_t> n = parse_digits(value, range.max + 1);
    if (!n) continue;
    const std::int64_t ns = *n > range.max / scale ? range.max : *n * scale;
    sim::set(model, *key, std::clamp(ns, range.min, range.max));
    seen[*key] = true;
  }
  return model;
}

std::string model_profile_text(const Model& model) {
  const auto& keys = sim::profile_keys();
  std::string out;
  for (std::size_t i = 0; i < keys.size(); ++i) {
    if (!model_key_edited(model, i)) continue;
    out += std::string(keys[i].section) + "." + std::string(keys[i].name) + " = " +
           std::to_string(clamp_to(i, sim::get(model, i))) + "\n";
  }
  return out;
}

}  // namespace interleave::ui
