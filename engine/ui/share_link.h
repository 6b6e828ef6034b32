// Share links in C++, as public/params.js (buildShareHash) and public/loader.js write them, so that
// the desktop app's "Copy share link" and the page's Share agree: the hash carries
// `example=NAME` for an unedited example, else `code=` (the program deflated, base64url), then
// every setting that passes the page's validation (mode, gil, interval, cores, start, limit, and
// `model=` with the simulator's edited keys when there are any, model_settings.h); the
// link is BASE + "index.html#" + hash, an embed an <iframe> of BASE + "embed.html#" + hash.
// tests/unit/app/share_link_test.cpp checks them against params.js under node. Any thread (pure).
#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include "ui/run_settings.h"

namespace interleave::ui {

// What a link (or an embed) must carry to show this program with these settings.
enum class ShareKind { Link, Embed };
struct ShareRequest {
  ShareKind kind = ShareKind::Link;
  std::string example;  // the gallery file when the editor holds it unedited, else ""
  std::string source;   // the editor's text (always: used when there is no example)
  RunSettings settings;
};

// params.js's bounds: the program's UTF-8 bytes, and the `code=` value's characters.
inline constexpr std::size_t kShareCodeBytesMax = 64 * 1024;
inline constexpr std::size_t kShareCodeCharsMax = 48 * 1024;

// The hash (without '#'); nullopt with *error (for a person) when the program is too large.
std::optional<std::string> share_hash(const ShareRequest& request, std::string* error);

// The link, or the iframe snippet, for `base` (the site's folder URL, ending in '/').
std::optional<std::string> share_text(const ShareRequest& request, const std::string& base,
                                      std::string* error);

// The decimal text JavaScript's String(Number(x.toFixed(digits))) gives, for 1e-6 <= x < 1e21.
std::string js_plain_number(double x, int digits);

}  // namespace interleave::ui
