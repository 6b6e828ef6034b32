// Raw DEFLATE (RFC 1951) for share links: the `code=` parameter is the program's UTF-8 text,
// deflated and written in base64url without padding (public/params.js decodes it with the
// browser's DecompressionStream('deflate-raw')). One block with the fixed Huffman codes and
// LZ77 matches found through hash chains: not zlib's output byte for byte, but any inflater reads
// it. Any thread (pure).
#pragma once

#include <string>
#include <string_view>

namespace interleave::ui {

// The raw DEFLATE stream of `bytes` (no zlib or gzip header).
std::string deflate_raw(std::string_view bytes);

// base64url (RFC 4648 section 5) without '=' padding.
std::string base64url(std::string_view bytes);

}  // namespace interleave::ui
