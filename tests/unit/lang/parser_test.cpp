// The parser's own promises beyond the CPython tables: constants as the compiler will read them,
// contexts, Interleave's "not supported" errors, input normalisation and f-string details.
#include <doctest/doctest.h>

#include <string>

#include "lang/ast_dump.h"
#include "lang/parser.h"

using namespace interleave::lang;

namespace {

const ast::Expr& only_expr(const ParseResult& r) {
  REQUIRE(r.ok());
  REQUIRE(r.module->body.size() == 1);
  const auto* s = ast::dyn_cast<ast::ExprStmt>(r.module->body[0]);
  REQUIRE(s != nullptr);
  return *s->value;
}

std::string error_of(const char* source) {
  auto r = parse(source, "prog.py");
  REQUIRE_FALSE(r.ok());
  return format_syntax_error(*r.error);
}

}  // namespace

TEST_CASE("int constants keep their digits and say whether they fit in int64") {
  auto r = parse("9223372036854775807\n", "prog.py");
  const auto& c = ast::cast<ast::Constant>(only_expr(r));
  CHECK(c.value_kind == ast::ConstantKind::Int);
  CHECK(c.int_fits);
  CHECK(c.int_value == 9223372036854775807LL);
  CHECK(c.int_digits == "9223372036854775807");

  auto big = parse("0xFFFF_FFFF_FFFF_FFFF\n", "prog.py");
  const auto& b = ast::cast<ast::Constant>(only_expr(big));
  CHECK_FALSE(b.int_fits);
  CHECK(b.int_digits == "0xffffffffffffffff");
  CHECK(ast::dump(b) == "Constant(value=18446744073709551615)");

  auto bin = parse("0b1_01\n", "prog.py");
  CHECK(ast::cast<ast::Constant>(only_expr(bin)).int_value == 5);
}

TEST_CASE("float, str and bytes constants") {
  auto f = parse("1_0.5e-1_0\n", "prog.py");
  CHECK(ast::cast<ast::Constant>(only_expr(f)).float_value == doctest::Approx(10.5e-10));
  auto s = parse("'\\u00e9\\x41\\101\\q' r'\\n' \"\\ud800\"\n", "prog.py");
  const auto& str = ast::cast<ast::Constant>(only_expr(s));
  CHECK(str.value_kind == ast::ConstantKind::Str);
  CHECK(str.str_value ==
        "\xC3\xA9"
        "AA\\q\\n\xED\xA0\x80");
  auto b = parse("b'\\xff\\x00a'\n", "prog.py");
  const auto& bytes = ast::cast<ast::Constant>(only_expr(b));
  CHECK(bytes.value_kind == ast::ConstantKind::Bytes);
  CHECK(bytes.str_value == std::string("\xff\0a", 3));
}

TEST_CASE("f-strings: literal merging, debug text, conversions, nested specs") {
  auto r = parse("f'a{{b}}{x=}c' 'd' f'{y!s:>{w}}'\n", "prog.py");
  CHECK(ast::dump(only_expr(r)) ==
        "JoinedStr(values=[Constant(value='a{b}x='), FormattedValue(value=Name(id='x', "
        "ctx=Load()), conversion=114), Constant(value='cd'), FormattedValue(value=Name(id='y', "
        "ctx=Load()), conversion=115, format_spec=JoinedStr(values=[Constant(value='>'), "
        "FormattedValue(value=Name(id='w', ctx=Load()), conversion=-1)]))])");
  // Expressions inside fields carry their real positions.
  auto p = parse("x = f'{a +  b}'\n", "prog.py");
  REQUIRE(p.ok());
  const auto& assign = ast::cast<ast::Assign>(*p.module->body[0]);
  const auto& js = ast::cast<ast::JoinedStr>(*assign.value);
  const auto& fv = ast::cast<ast::FormattedValue>(*js.values[0]);
  CHECK(fv.value->col_offset == 7);
  CHECK(fv.value->end_col_offset == 13);
}

TEST_CASE("contexts: Store, Del and Load") {
  auto r = parse("a, [b, *c] = d.e[f] = g\ndel h, i.j\n", "prog.py");
  CHECK(ast::dump(*r.module) ==
        "Module(body=[Assign(targets=[Tuple(elts=[Name(id='a', ctx=Store()), List(elts=[Name("
        "id='b', ctx=Store()), Starred(value=Name(id='c', ctx=Store()), ctx=Store())], "
        "ctx=Store())], ctx=Store()), Subscript(value=Attribute(value=Name(id='d', ctx=Load()), "
        "attr='e', ctx=Load()), slice=Name(id='f', ctx=Load()), ctx=Store())], value=Name("
        "id='g', ctx=Load())), Delete(targets=[Name(id='h', ctx=Del()), Attribute(value=Name("
        "id='i', ctx=Load()), attr='j', ctx=Del())])], type_ignores=[])");
}

TEST_CASE("constructs outside the subset fail with a clear message and position") {
  CHECK(error_of("async def f():\n    pass\n") ==
        "  File \"prog.py\", line 1\n    async def f():\n    ^^^^^\n"
        "SyntaxError: 'async def' is not supported by Interleave\n");
  CHECK(error_of("def f():\n    await g()\n") ==
        "  File \"prog.py\", line 2\n    await g()\n    ^^^^^\n"
        "SyntaxError: 'await' is not supported by Interleave\n");
  CHECK(error_of("for x in y:\n    async with a: pass\n") ==
        "  File \"prog.py\", line 2\n    async with a: pass\n    ^^^^^\n"
        "SyntaxError: 'async with' is not supported by Interleave\n");
  CHECK(error_of("match cmd:\n    case 1:\n        pass\n") ==
        "  File \"prog.py\", line 1\n    match cmd:\n    ^^^^^\n"
        "SyntaxError: the 'match' statement is not supported by Interleave\n");
  CHECK(error_of("class A[T]: pass\n") ==
        "  File \"prog.py\", line 1\n    class A[T]: pass\n           ^\n"
        "SyntaxError: a type parameter list is not supported by Interleave\n");
  CHECK(error_of("x = 2j\n") ==
        "  File \"prog.py\", line 1\n    x = 2j\n        ^^\n"
        "SyntaxError: an imaginary literal is not supported by Interleave\n");
  CHECK(error_of("try:\n    pass\nexcept* E:\n    pass\n") ==
        "  File \"prog.py\", line 3\n    except* E:\n    ^^^^^^\n"
        "SyntaxError: 'except*' is not supported by Interleave\n");
  CHECK(error_of("[x async for x in y]\n").find("'async for' is not supported by Interleave") !=
        std::string::npos);
  CHECK(error_of("s = '\\N{BULLET}'\n").find("\\N{...} escapes are not supported") !=
        std::string::npos);
}

TEST_CASE("match stays usable as a name") {
  CHECK(parse("match = 1\nmatch.x = 2\nprint(match)\nmatch(a)\n", "prog.py").ok());
}

TEST_CASE("yield and walrus are parsed wherever CPython parses them") {
  CHECK(parse("yield 1\nx = yield\nawait_ = (yield from g)\n", "prog.py").ok());
  CHECK(parse("if (n := 10) > 5: pass\n", "prog.py").ok());
  CHECK(error_of("x := 1\n").find("invalid syntax") != std::string::npos);
}

TEST_CASE("CRLF, tabs, a BOM and a missing final newline give the same tree") {
  auto a = parse("if x:\n    y = 1\n    z = [1,\n         2]\n", "prog.py");
  auto b = parse("\xEF\xBB\xBFif x:\r\n\ty = 1\r\n\tz = [1,\r\n         2]", "prog.py");
  REQUIRE(a.ok());
  REQUIRE(b.ok());
  // Columns differ where the indentation differs; the shape does not.
  CHECK(ast::dump(*a.module) == ast::dump(*b.module));
}

TEST_CASE("positions: the def line, decorators and parenthesised operands") {
  auto r = parse("@d\ndef f(a, *b, c=1, **k):\n    return (a +\n            1)\n", "prog.py");
  REQUIRE(r.ok());
  const auto& f = ast::cast<ast::FunctionDef>(*r.module->body[0]);
  CHECK(f.lineno == 2);
  CHECK(f.decorator_list.size() == 1);
  CHECK(f.args.vararg->arg == "b");
  CHECK(f.args.kwonlyargs[0].arg == "c");
  CHECK(f.args.kw_defaults.size() == 1);
  CHECK(f.args.kwarg->arg == "k");
  const auto& ret = ast::cast<ast::Return>(*f.body[0]);
  CHECK(ret.lineno == 3);
  CHECK(ret.end_lineno == 4);
  CHECK(ret.end_col_offset == 14);  // includes the closing parenthesis
  CHECK(ret.value->col_offset == 12);
  CHECK(f.end_lineno == 4);
}

TEST_CASE("the error path never leaves a half-built module") {
  auto r = parse("x = 1\ny = (\n", "prog.py");
  CHECK_FALSE(r.ok());
  CHECK(r.module == nullptr);
  REQUIRE(r.error.has_value());
  CHECK(r.error->filename == "prog.py");
  CHECK(r.error->msg == "'(' was never closed");
  CHECK(r.error->lineno == 2);
  CHECK(r.error->offset == 5);
}
