// Names of AST kinds and operators, spelled as CPython's `ast` module spells them (used by the
// dumper, the disassembler and error messages). Pure functions over constant tables: any thread.
#include "lang/ast.h"

namespace interleave::lang::ast {

const char* kind_name(StmtKind kind) {
#define INTERLEAVE_AST_NAME(name) #name,
  static constexpr const char* kNames[] = {INTERLEAVE_AST_STMT_KINDS(INTERLEAVE_AST_NAME)};
#undef INTERLEAVE_AST_NAME
  return kNames[static_cast<int>(kind)];
}

const char* kind_name(ExprKind kind) {
#define INTERLEAVE_AST_NAME(name) #name,
  static constexpr const char* kNames[] = {INTERLEAVE_AST_EXPR_KINDS(INTERLEAVE_AST_NAME)};
#undef INTERLEAVE_AST_NAME
  return kNames[static_cast<int>(kind)];
}

const char* op_name(BoolOperator op) {
  return op == BoolOperator::And ? "And" : "Or";
}

const char* op_name(BinOperator op) {
  static constexpr const char* kNames[] = {"Add",    "Sub",    "Mult",    "MatMult", "Div",
                                           "Mod",    "Pow",    "LShift",  "RShift",  "BitOr",
                                           "BitXor", "BitAnd", "FloorDiv"};
  return kNames[static_cast<int>(op)];
}

const char* op_name(UnaryOperator op) {
  static constexpr const char* kNames[] = {"Invert", "Not", "UAdd", "USub"};
  return kNames[static_cast<int>(op)];
}

const char* op_name(CmpOperator op) {
  static constexpr const char* kNames[] = {"Eq",  "NotEq", "Lt",    "LtE", "Gt",
                                           "GtE", "Is",    "IsNot", "In",  "NotIn"};
  return kNames[static_cast<int>(op)];
}

const char* op_symbol(BinOperator op) {
  static constexpr const char* kSymbols[] = {"+",  "-",  "*", "@", "/", "%", "**",
                                             "<<", ">>", "|", "^", "&", "//"};
  return kSymbols[static_cast<int>(op)];
}

const char* op_symbol(CmpOperator op) {
  static constexpr const char* kSymbols[] = {"==", "!=", "<",      "<=", ">",
                                             ">=", "is", "is not", "in", "not in"};
  return kSymbols[static_cast<int>(op)];
}

}  // namespace interleave::lang::ast
