// Names and spellings of token kinds, generated from the one list in token.h. Any thread.
#include "lang/token.h"

namespace interleave::lang {

const char* token_kind_name(TokenKind kind) {
#define INTERLEAVE_TOKEN_NAME(k, spelling) #k,
  static constexpr const char* kNames[] = {INTERLEAVE_TOKEN_KINDS(INTERLEAVE_TOKEN_NAME)};
#undef INTERLEAVE_TOKEN_NAME
  return kNames[static_cast<int>(kind)];
}

const char* token_spelling(TokenKind kind) {
#define INTERLEAVE_TOKEN_SPELLING(k, spelling) spelling,
  static constexpr const char* kSpellings[] = {INTERLEAVE_TOKEN_KINDS(INTERLEAVE_TOKEN_SPELLING)};
#undef INTERLEAVE_TOKEN_SPELLING
  return kSpellings[static_cast<int>(kind)];
}

}  // namespace interleave::lang
