// The tokens the scanner hands to the parser, modelled on CPython's tokenizer (Grammar/Tokens):
// NAME, NUMBER, STRING, NEWLINE, INDENT, DEDENT, ENDMARKER, operators, and keywords resolved to
// their own kinds. A token's text is a view into the scanner's normalised source buffer, so tokens
// live only as long as that buffer. Plain data: any thread.
#pragma once

#include <cstdint>
#include <string_view>

namespace interleave::lang {

// X(kind, spelling): spelling is the source text of operators and keywords ("" for the rest).
// Error ends the token list where the tokenizer failed; Unknown is a character no rule uses (`$`,
// `?`, a lone `!`): CPython passes it to the parser, which then reports "invalid syntax" there.
// clang-format off
#define INTERLEAVE_TOKEN_KINDS(X)                                                           \
  X(EndMarker, "") X(Name, "") X(Number, "") X(String, "") X(Newline, "") X(Indent, "")      \
  X(Dedent, "") X(Error, "") X(Unknown, "")                                                  \
  /* operators */                                                                            \
  X(LPar, "(") X(RPar, ")") X(LSqb, "[") X(RSqb, "]") X(LBrace, "{") X(RBrace, "}")          \
  X(Colon, ":") X(Comma, ",") X(Semi, ";") X(Plus, "+") X(Minus, "-") X(Star, "*")           \
  X(Slash, "/") X(VBar, "|") X(Amper, "&") X(Less, "<") X(Greater, ">") X(Equal, "=")        \
  X(Dot, ".") X(Percent, "%") X(EqEqual, "==") X(NotEqual, "!=") X(LessEqual, "<=")          \
  X(GreaterEqual, ">=") X(Tilde, "~") X(Circumflex, "^") X(LeftShift, "<<")                  \
  X(RightShift, ">>") X(DoubleStar, "**") X(PlusEqual, "+=") X(MinEqual, "-=")               \
  X(StarEqual, "*=") X(SlashEqual, "/=") X(PercentEqual, "%=") X(AmperEqual, "&=")           \
  X(VBarEqual, "|=") X(CircumflexEqual, "^=") X(LeftShiftEqual, "<<=")                       \
  X(RightShiftEqual, ">>=") X(DoubleStarEqual, "**=") X(DoubleSlash, "//")                   \
  X(DoubleSlashEqual, "//=") X(At, "@") X(AtEqual, "@=") X(RArrow, "->") X(Ellipsis, "...")  \
  X(ColonEqual, ":=")                                                                        \
  /* keywords (soft keywords such as match/case stay Names) */                               \
  X(False, "False") X(None, "None") X(True, "True") X(And, "and") X(As, "as")                \
  X(Assert, "assert") X(Async, "async") X(Await, "await") X(Break, "break")                  \
  X(Class, "class") X(Continue, "continue") X(Def, "def") X(Del, "del") X(Elif, "elif")      \
  X(Else, "else") X(Except, "except") X(Finally, "finally") X(For, "for") X(From, "from")    \
  X(Global, "global") X(If, "if") X(Import, "import") X(In, "in") X(Is, "is")                \
  X(Lambda, "lambda") X(Nonlocal, "nonlocal") X(Not, "not") X(Or, "or") X(Pass, "pass")      \
  X(Raise, "raise") X(Return, "return") X(Try, "try") X(While, "while") X(With, "with")      \
  X(Yield, "yield")
// clang-format on

#define INTERLEAVE_TOKEN_ENUM_ITEM(kind, spelling) kind,
enum class TokenKind : std::uint8_t { INTERLEAVE_TOKEN_KINDS(INTERLEAVE_TOKEN_ENUM_ITEM) };
#undef INTERLEAVE_TOKEN_ENUM_ITEM

// "Name", "LPar", ...
const char* token_kind_name(TokenKind kind);
// "(", "if", ... ("" for Name, Number, String and the layout tokens).
const char* token_spelling(TokenKind kind);
inline bool is_keyword(TokenKind kind) {
  return kind >= TokenKind::False && kind <= TokenKind::Yield;
}

struct Token {
  TokenKind kind = TokenKind::EndMarker;
  std::string_view text;    // the source text (empty for Newline at EOF, Indent, Dedent, EndMarker)
  std::int32_t lineno = 0;  // 1-based
  std::int32_t col_offset = 0;  // 0-based, UTF-8 bytes
  std::int32_t end_lineno = 0;
  std::int32_t end_col_offset = 0;  // exclusive
  std::int32_t level = 0;  // bracket nesting depth before this token (CPython's tok->level)
};

}  // namespace interleave::lang
