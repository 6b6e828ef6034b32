// Share hashes: the same keys, order, number spellings and validation as params.js, step by step.
#include "ui/share_link.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "ui/deflate.h"

namespace interleave::ui {
namespace {

// params.js's KEYS.example, /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/: a file name without ".py".
bool valid_example(const std::string& name) {
  auto alnum = [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
  };
  if (name.empty() || name.size() > 64 || !alnum(name[0])) return false;
  for (const char c : name) {
    if (!alnum(c) && c != '_' && c != '.' && c != '-') return false;
  }
  return true;
}

// loader.js's escapeAttr.
std::string escape_attr(const std::string& text) {
  std::string out;
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '"': out += "&quot;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      default: out += c;
    }
  }
  return out;
}

}  // namespace

std::string js_plain_number(double x, int digits) {
  // x.toFixed(digits) rounds the binary value to `digits` decimals; Number() reads it back and
  // String() writes the fewest decimals that read back as the same double (never an exponent in
  // this range).
  char text[64];
  std::snprintf(text, sizeof text, "%.*f", digits, x);
  const double rounded = std::strtod(text, nullptr);
  for (int d = 0; d <= digits; ++d) {
    std::snprintf(text, sizeof text, "%.*f", d, rounded);
    if (std::strtod(text, nullptr) == rounded) break;
  }
  return text;
}

std::optional<std::string> share_hash(const ShareRequest& request, std::string* error) {
  std::string hash;
  std::string name = request.example;
  if (name.size() >= 3 && name.compare(name.size() - 3, 3, ".py") == 0) name.resize(name.size() - 3);
  if (!name.empty() && valid_example(name)) {
    hash = "example=" + name;
  } else {
    if (request.source.size() > kShareCodeBytesMax) {
      *error = "the program is too large to share in a link (code is larger than " +
               std::to_string(kShareCodeBytesMax) + " bytes)";
      return std::nullopt;
    }
    const std::string packed = base64url(deflate_raw(request.source));
    if (packed.size() > kShareCodeCharsMax) {
      *error = "the program is too large to share in a link: " + std::to_string(packed.size()) +
               " characters compressed, at most " + std::to_string(kShareCodeCharsMax);
      return std::nullopt;
    }
    hash = "code=" + packed;
  }
  const RunSettings& s = request.settings;
  hash += "&mode=" + std::string(to_string(s.mode));
  hash += "&gil=" + std::string(to_string(s.gil));
  // Each number only when params.js's parseHash would take it back.
  if (std::isfinite(s.switch_interval) && s.switch_interval >= 1e-6 && s.switch_interval <= 1) {
    const std::string interval = js_plain_number(s.switch_interval, 9);
    const double back = std::strtod(interval.c_str(), nullptr);
    if (back >= 1e-6 && back <= 1) hash += "&interval=" + interval;
  }
  if (s.cores >= 1 && s.cores <= 256) hash += "&cores=" + std::to_string(s.cores);
  hash += "&start=" + std::string(to_string(s.start_method));
  if (std::isfinite(s.time_limit)) {
    const std::string limit = js_plain_number(s.time_limit, 3);
    const double back = std::strtod(limit.c_str(), nullptr);
    if (back >= 0.1 && back <= 600) hash += "&limit=" + limit;
  }
  // The simulator's model: only the keys that differ from the built-in (params.js's KEYS.model).
  if (const std::string model = model_to_text(s.model);
      !model.empty() && model.size() <= kModelTextMax) {
    hash += "&model=" + model;
  }
  return hash;
}

std::optional<std::string> share_text(const ShareRequest& request, const std::string& base,
                                      std::string* error) {
  std::optional<std::string> hash = share_hash(request, error);
  if (!hash) return std::nullopt;
  if (request.kind == ShareKind::Link) return base + "index.html#" + *hash;
  const std::string url = base + "embed.html#" + *hash;
  const std::string name = request.example.empty() ? "a Python program" : request.example;
  return "<iframe src=\"" + escape_attr(url) + "\" title=\"" +
         escape_attr("Interleave: " + name) +
         "\" width=\"100%\" height=\"520\" style=\"border:0\" loading=\"lazy\"></iframe>";
}

}  // namespace interleave::ui
