// Generated from CPython 3.11 (ast.dump with positions / the SyntaxError it prints running
// the file as prog.py). Each entry: source, expected output.
#pragma once

struct LangCase {
  const char* source;
  const char* expected;
};

inline const LangCase kDumpCases[] = {
    {R"py(x = 1_000 + 0x_ff + 0o17 + 0b1010 + 0 + 00 + 123456789012345678901234567890
)py",
     R"py(Module(body=[Assign(targets=[Name(id='x', ctx=Store(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1)], value=BinOp(left=BinOp(left=BinOp(left=BinOp(left=BinOp(left=BinOp(left=Constant(value=1000, lineno=1, col_offset=4, end_lineno=1, end_col_offset=9), op=Add(), right=Constant(value=255, lineno=1, col_offset=12, end_lineno=1, end_col_offset=17), lineno=1, col_offset=4, end_lineno=1, end_col_offset=17), op=Add(), right=Constant(value=15, lineno=1, col_offset=20, end_lineno=1, end_col_offset=24), lineno=1, col_offset=4, end_lineno=1, end_col_offset=24), op=Add(), right=Constant(value=10, lineno=1, col_offset=27, end_lineno=1, end_col_offset=33), lineno=1, col_offset=4, end_lineno=1, end_col_offset=33), op=Add(), right=Constant(value=0, lineno=1, col_offset=36, end_lineno=1, end_col_offset=37), lineno=1, col_offset=4, end_lineno=1, end_col_offset=37), op=Add(), right=Constant(value=0, lineno=1, col_offset=40, end_lineno=1, end_col_offset=42), lineno=1, col_offset=4, end_lineno=1, end_col_offset=42), op=Add(), right=Constant(value=123456789012345678901234567890, lineno=1, col_offset=45, end_lineno=1, end_col_offset=75), lineno=1, col_offset=4, end_lineno=1, end_col_offset=75), lineno=1, col_offset=0, end_lineno=1, end_col_offset=75)], type_ignores=[]))py"},
    {R"py(y = 1.5 + .5 + 1. + 1e10 + 1E-5 + 1_0.0_1e+1_0 + 3.14e-10 + 1e16 + 1e15 + 0.0001 + 0.00001 + 1e999
)py",
     R"py(Module(body=[Assign(targets=[Name(id='y', ctx=Store(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1)], value=BinOp(left=BinOp(left=BinOp(left=BinOp(left=BinOp(left=BinOp(left=BinOp(left=BinOp(left=BinOp(left=BinOp(left=BinOp(left=Constant(value=1.5, lineno=1, col_offset=4, end_lineno=1, end_col_offset=7), op=Add(), right=Constant(value=0.5, lineno=1, col_offset=10, end_lineno=1, end_col_offset=12), lineno=1, col_offset=4, end_lineno=1, end_col_offset=12), op=Add(), right=Constant(value=1.0, lineno=1, col_offset=15, end_lineno=1, end_col_offset=17), lineno=1, col_offset=4, end_lineno=1, end_col_offset=17), op=Add(), right=Constant(value=10000000000.0, lineno=1, col_offset=20, end_lineno=1, end_col_offset=24), lineno=1, col_offset=4, end_lineno=1, end_col_offset=24), op=Add(), right=Constant(value=1e-05, lineno=1, col_offset=27, end_lineno=1, end_col_offset=31), lineno=1, col_offset=4, end_lineno=1, end_col_offset=31), op=Add(), right=Constant(value=100100000000.0, lineno=1, col_offset=34, end_lineno=1, end_col_offset=46), lineno=1, col_offset=4, end_lineno=1, end_col_offset=46), op=Add(), right=Constant(value=3.14e-10, lineno=1, col_offset=49, end_lineno=1, end_col_offset=57), lineno=1, col_offset=4, end_lineno=1, end_col_offset=57), op=Add(), right=Constant(value=1e+16, lineno=1, col_offset=60, end_lineno=1, end_col_offset=64), lineno=1, col_offset=4, end_lineno=1, end_col_offset=64), op=Add(), right=Constant(value=1000000000000000.0, lineno=1, col_offset=67, end_lineno=1, end_col_offset=71), lineno=1, col_offset=4, end_lineno=1, end_col_offset=71), op=Add(), right=Constant(value=0.0001, lineno=1, col_offset=74, end_lineno=1, end_col_offset=80), lineno=1, col_offset=4, end_lineno=1, end_col_offset=80), op=Add(), right=Constant(value=1e-05, lineno=1, col_offset=83, end_lineno=1, end_col_offset=90), lineno=1, col_offset=4, end_lineno=1, end_col_offset=90), op=Add(), right=Constant(value=inf, lineno=1, col_offset=93, end_lineno=1, end_col_offset=98), lineno=1, col_offset=4, end_lineno=1, end_col_offset=98), lineno=1, col_offset=0, end_lineno=1, end_col_offset=98)], type_ignores=[]))py"},
    {R"py(s = "\n\t\\\'\"\a\b\f\v\r\x41\101\u00e9\U0001F600\0 \q é ☃"
)py",
     R"py(Module(body=[Assign(targets=[Name(id='s', ctx=Store(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1)], value=Constant(value='\n\t\\\'"\x07\x08\x0c\x0b\rAAé😀\x00 \\q é ☃', lineno=1, col_offset=4, end_lineno=1, end_col_offset=62), lineno=1, col_offset=0, end_lineno=1, end_col_offset=62)], type_ignores=[]))py"},
    {R"py(s = b"\x00\xff\n\\ \101"
)py",
     R"py(Module(body=[Assign(targets=[Name(id='s', ctx=Store(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1)], value=Constant(value=b'\x00\xff\n\\ A', lineno=1, col_offset=4, end_lineno=1, end_col_offset=24), lineno=1, col_offset=0, end_lineno=1, end_col_offset=24)], type_ignores=[]))py"},
    {R"py(s = 'abc\
def'
)py",
     R"py(Module(body=[Assign(targets=[Name(id='s', ctx=Store(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1)], value=Constant(value='abcdef', lineno=1, col_offset=4, end_lineno=2, end_col_offset=4), lineno=1, col_offset=0, end_lineno=2, end_col_offset=4)], type_ignores=[]))py"},
    {R"py(s = """line1
line2 \
line3"""
)py",
     R"py(Module(body=[Assign(targets=[Name(id='s', ctx=Store(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1)], value=Constant(value='line1\nline2 line3', lineno=1, col_offset=4, end_lineno=3, end_col_offset=8), lineno=1, col_offset=0, end_lineno=3, end_col_offset=8)], type_ignores=[]))py"},
    {R"py(f"a{x!r:>{w}} b" "c"
)py",
     R"py(Module(body=[Expr(value=JoinedStr(values=[Constant(value='a', lineno=1, col_offset=0, end_lineno=1, end_col_offset=20), FormattedValue(value=Name(id='x', ctx=Load(), lineno=1, col_offset=4, end_lineno=1, end_col_offset=5), conversion=114, format_spec=JoinedStr(values=[Constant(value='>', lineno=1, col_offset=0, end_lineno=1, end_col_offset=20), FormattedValue(value=Name(id='w', ctx=Load(), lineno=1, col_offset=10, end_lineno=1, end_col_offset=11), conversion=-1, lineno=1, col_offset=0, end_lineno=1, end_col_offset=20)], lineno=1, col_offset=0, end_lineno=1, end_col_offset=16), lineno=1, col_offset=0, end_lineno=1, end_col_offset=20), Constant(value=' bc', lineno=1, col_offset=0, end_lineno=1, end_col_offset=20)], lineno=1, col_offset=0, end_lineno=1, end_col_offset=20), lineno=1, col_offset=0, end_lineno=1, end_col_offset=20)], type_ignores=[]))py"},
    {R"py(y = f"{x=}"
)py",
     R"py(Module(body=[Assign(targets=[Name(id='y', ctx=Store(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1)], value=JoinedStr(values=[Constant(value='x=', lineno=1, col_offset=4, end_lineno=1, end_col_offset=11), FormattedValue(value=Name(id='x', ctx=Load(), lineno=1, col_offset=7, end_lineno=1, end_col_offset=8), conversion=114, lineno=1, col_offset=4, end_lineno=1, end_col_offset=11)], lineno=1, col_offset=4, end_lineno=1, end_col_offset=11), lineno=1, col_offset=0, end_lineno=1, end_col_offset=11)], type_ignores=[]))py"},
    {R"py("a" f"{ x + 1 }"
)py",
     R"py(Module(body=[Expr(value=JoinedStr(values=[Constant(value='a', lineno=1, col_offset=0, end_lineno=1, end_col_offset=16), FormattedValue(value=BinOp(left=Name(id='x', ctx=Load(), lineno=1, col_offset=8, end_lineno=1, end_col_offset=9), op=Add(), right=Constant(value=1, lineno=1, col_offset=12, end_lineno=1, end_col_offset=13), lineno=1, col_offset=8, end_lineno=1, end_col_offset=13), conversion=-1, lineno=1, col_offset=0, end_lineno=1, end_col_offset=16)], lineno=1, col_offset=0, end_lineno=1, end_col_offset=16), lineno=1, col_offset=0, end_lineno=1, end_col_offset=16)], type_ignores=[]))py"},
    {R"py(x = (f"""
{a}
  {b}""")
)py",
     R"py(Module(body=[Assign(targets=[Name(id='x', ctx=Store(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1)], value=JoinedStr(values=[Constant(value='\n', lineno=1, col_offset=5, end_lineno=3, end_col_offset=8), FormattedValue(value=Name(id='a', ctx=Load(), lineno=2, col_offset=1, end_lineno=2, end_col_offset=2), conversion=-1, lineno=1, col_offset=5, end_lineno=3, end_col_offset=8), Constant(value='\n  ', lineno=1, col_offset=5, end_lineno=3, end_col_offset=8), FormattedValue(value=Name(id='b', ctx=Load(), lineno=3, col_offset=3, end_lineno=3, end_col_offset=4), conversion=-1, lineno=1, col_offset=5, end_lineno=3, end_col_offset=8)], lineno=1, col_offset=5, end_lineno=3, end_col_offset=8), lineno=1, col_offset=0, end_lineno=3, end_col_offset=9)], type_ignores=[]))py"},
    {R"py(f"{3.14:.2f}{'x'}{(lambda: 1)()}{d['k']:>5}{f'{1}'}"
)py",
     R"py(Module(body=[Expr(value=JoinedStr(values=[FormattedValue(value=Constant(value=3.14, lineno=1, col_offset=3, end_lineno=1, end_col_offset=7), conversion=-1, format_spec=JoinedStr(values=[Constant(value='.2f', lineno=1, col_offset=0, end_lineno=1, end_col_offset=52)], lineno=1, col_offset=0, end_lineno=1, end_col_offset=52), lineno=1, col_offset=0, end_lineno=1, end_col_offset=52), FormattedValue(value=Constant(value='x', lineno=1, col_offset=13, end_lineno=1, end_col_offset=16), conversion=-1, lineno=1, col_offset=0, end_lineno=1, end_col_offset=52), FormattedValue(value=Call(func=Lambda(args=arguments(posonlyargs=[], args=[], kwonlyargs=[], kw_defaults=[], defaults=[]), body=Constant(value=1, lineno=1, col_offset=27, end_lineno=1, end_col_offset=28), lineno=1, col_offset=19, end_lineno=1, end_col_offset=28), args=[], keywords=[], lineno=1, col_offset=18, end_lineno=1, end_col_offset=31), conversion=-1, lineno=1, col_offset=0, end_lineno=1, end_col_offset=52), FormattedValue(value=Subscript(value=Name(id='d', ctx=Load(), lineno=1, col_offset=33, end_lineno=1, end_col_offset=34), slice=Constant(value='k', lineno=1, col_offset=35, end_lineno=1, end_col_offset=38), ctx=Load(), lineno=1, col_offset=33, end_lineno=1, end_col_offset=39), conversion=-1, format_spec=JoinedStr(values=[Constant(value='>5', lineno=1, col_offset=0, end_lineno=1, end_col_offset=52)], lineno=1, col_offset=0, end_lineno=1, end_col_offset=52), lineno=1, col_offset=0, end_lineno=1, end_col_offset=52), FormattedValue(value=JoinedStr(values=[FormattedValue(value=Constant(value=1, lineno=1, col_offset=47, end_lineno=1, end_col_offset=48), conversion=-1, lineno=1, col_offset=44, end_lineno=1, end_col_offset=50)], lineno=1, col_offset=44, end_lineno=1, end_col_offset=50), conversion=-1, lineno=1, col_offset=0, end_lineno=1, end_col_offset=52)], lineno=1, col_offset=0, end_lineno=1, end_col_offset=52), lineno=1, col_offset=0, end_lineno=1, end_col_offset=52)], type_ignores=[]))py"},
    {R"py(print(f"{name} has {len(items)} items, total={sum(items):,}")
)py",
     R"py(Module(body=[Expr(value=Call(func=Name(id='print', ctx=Load(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=5), args=[JoinedStr(values=[FormattedValue(value=Name(id='name', ctx=Load(), lineno=1, col_offset=9, end_lineno=1, end_col_offset=13), conversion=-1, lineno=1, col_offset=6, end_lineno=1, end_col_offset=60), Constant(value=' has ', lineno=1, col_offset=6, end_lineno=1, end_col_offset=60), FormattedValue(value=Call(func=Name(id='len', ctx=Load(), lineno=1, col_offset=20, end_lineno=1, end_col_offset=23), args=[Name(id='items', ctx=Load(), lineno=1, col_offset=24, end_lineno=1, end_col_offset=29)], keywords=[], lineno=1, col_offset=20, end_lineno=1, end_col_offset=30), conversion=-1, lineno=1, col_offset=6, end_lineno=1, end_col_offset=60), Constant(value=' items, total=', lineno=1, col_offset=6, end_lineno=1, end_col_offset=60), FormattedValue(value=Call(func=Name(id='sum', ctx=Load(), lineno=1, col_offset=46, end_lineno=1, end_col_offset=49), args=[Name(id='items', ctx=Load(), lineno=1, col_offset=50, end_lineno=1, end_col_offset=55)], keywords=[], lineno=1, col_offset=46, end_lineno=1, end_col_offset=56), conversion=-1, format_spec=JoinedStr(values=[Constant(value=',', lineno=1, col_offset=6, end_lineno=1, end_col_offset=60)], lineno=1, col_offset=6, end_lineno=1, end_col_offset=60), lineno=1, col_offset=6, end_lineno=1, end_col_offset=60)], lineno=1, col_offset=6, end_lineno=1, end_col_offset=60)], keywords=[], lineno=1, col_offset=0, end_lineno=1, end_col_offset=61), lineno=1, col_offset=0, end_lineno=1, end_col_offset=61)], type_ignores=[]))py"},
    {R"py(a, *b = c
[a, (b, c)] = d = e
x.y[1:2, ::3] = z
del a, b[0], c.d
del (a, b)
)py",
     R"py(Module(body=[Assign(targets=[Tuple(elts=[Name(id='a', ctx=Store(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1), Starred(value=Name(id='b', ctx=Store(), lineno=1, col_offset=4, end_lineno=1, end_col_offset=5), ctx=Store(), lineno=1, col_offset=3, end_lineno=1, end_col_offset=5)], ctx=Store(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=5)], value=Name(id='c', ctx=Load(), lineno=1, col_offset=8, end_lineno=1, end_col_offset=9), lineno=1, col_offset=0, end_lineno=1, end_col_offset=9), Assign(targets=[List(elts=[Name(id='a', ctx=Store(), lineno=2, col_offset=1, end_lineno=2, end_col_offset=2), Tuple(elts=[Name(id='b', ctx=Store(), lineno=2, col_offset=5, end_lineno=2, end_col_offset=6), Name(id='c', ctx=Store(), lineno=2, col_offset=8, end_lineno=2, end_col_offset=9)], ctx=Store(), lineno=2, col_offset=4, end_lineno=2, end_col_offset=10)], ctx=Store(), lineno=2, col_offset=0, end_lineno=2, end_col_offset=11), Name(id='d', ctx=Store(), lineno=2, col_offset=14, end_lineno=2, end_col_offset=15)], value=Name(id='e', ctx=Load(), lineno=2, col_offset=18, end_lineno=2, end_col_offset=19), lineno=2, col_offset=0, end_lineno=2, end_col_offset=19), Assign(targets=[Subscript(value=Attribute(value=Name(id='x', ctx=Load(), lineno=3, col_offset=0, end_lineno=3, end_col_offset=1), attr='y', ctx=Load(), lineno=3, col_offset=0, end_lineno=3, end_col_offset=3), slice=Tuple(elts=[Slice(lower=Constant(value=1, lineno=3, col_offset=4, end_lineno=3, end_col_offset=5), upper=Constant(value=2, lineno=3, col_offset=6, end_lineno=3, end_col_offset=7), lineno=3, col_offset=4, end_lineno=3, end_col_offset=7), Slice(step=Constant(value=3, lineno=3, col_offset=11, end_lineno=3, end_col_offset=12), lineno=3, col_offset=9, end_lineno=3, end_col_offset=12)], ctx=Load(), lineno=3, col_offset=4, end_lineno=3, end_col_offset=12), ctx=Store(), lineno=3, col_offset=0, end_lineno=3, end_col_offset=13)], value=Name(id='z', ctx=Load(), lineno=3, col_offset=16, end_lineno=3, end_col_offset=17), lineno=3, col_offset=0, end_lineno=3, end_col_offset=17), Delete(targets=[Name(id='a', ctx=Del(), lineno=4, col_offset=4, end_lineno=4, end_col_offset=5), Subscript(value=Name(id='b', ctx=Load(), lineno=4, col_offset=7, end_lineno=4, end_col_offset=8), slice=Constant(value=0, lineno=4, col_offset=9, end_lineno=4, end_col_offset=10), ctx=Del(), lineno=4, col_offset=7, end_lineno=4, end_col_offset=11), Attribute(value=Name(id='c', ctx=Load(), lineno=4, col_offset=13, end_lineno=4, end_col_offset=14), attr='d', ctx=Del(), lineno=4, col_offset=13, end_lineno=4, end_col_offset=16)], lineno=4, col_offset=0, end_lineno=4, end_col_offset=16), Delete(targets=[Tuple(elts=[Name(id='a', ctx=Del(), lineno=5, col_offset=5, end_lineno=5, end_col_offset=6), Name(id='b', ctx=Del(), lineno=5, col_offset=8, end_lineno=5, end_col_offset=9)], ctx=Del(), lineno=5, col_offset=4, end_lineno=5, end_col_offset=10)], lineno=5, col_offset=0, end_lineno=5, end_col_offset=10)], type_ignores=[]))py"},
    {R"py(x += 1; y -= 2; z *= 3; w /= 4; v //= 5; u %= 6; t **= 7; s &= 8; r |= 9; q ^= 10; p <<= 11; o >>= 12; n @= m
)py",
     R"py(Module(body=[AugAssign(target=Name(id='x', ctx=Store(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1), op=Add(), value=Constant(value=1, lineno=1, col_offset=5, end_lineno=1, end_col_offset=6), lineno=1, col_offset=0, end_lineno=1, end_col_offset=6), AugAssign(target=Name(id='y', ctx=Store(), lineno=1, col_offset=8, end_lineno=1, end_col_offset=9), op=Sub(), value=Constant(value=2, lineno=1, col_offset=13, end_lineno=1, end_col_offset=14), lineno=1, col_offset=8, end_lineno=1, end_col_offset=14), AugAssign(target=Name(id='z', ctx=Store(), lineno=1, col_offset=16, end_lineno=1, end_col_offset=17), op=Mult(), value=Constant(value=3, lineno=1, col_offset=21, end_lineno=1, end_col_offset=22), lineno=1, col_offset=16, end_lineno=1, end_col_offset=22), AugAssign(target=Name(id='w', ctx=Store(), lineno=1, col_offset=24, end_lineno=1, end_col_offset=25), op=Div(), value=Constant(value=4, lineno=1, col_offset=29, end_lineno=1, end_col_offset=30), lineno=1, col_offset=24, end_lineno=1, end_col_offset=30), AugAssign(target=Name(id='v', ctx=Store(), lineno=1, col_offset=32, end_lineno=1, end_col_offset=33), op=FloorDiv(), value=Constant(value=5, lineno=1, col_offset=38, end_lineno=1, end_col_offset=39), lineno=1, col_offset=32, end_lineno=1, end_col_offset=39), AugAssign(target=Name(id='u', ctx=Store(), lineno=1, col_offset=41, end_lineno=1, end_col_offset=42), op=Mod(), value=Constant(value=6, lineno=1, col_offset=46, end_lineno=1, end_col_offset=47), lineno=1, col_offset=41, end_lineno=1, end_col_offset=47), AugAssign(target=Name(id='t', ctx=Store(), lineno=1, col_offset=49, end_lineno=1, end_col_offset=50), op=Pow(), value=Constant(value=7, lineno=1, col_offset=55, end_lineno=1, end_col_offset=56), lineno=1, col_offset=49, end_lineno=1, end_col_offset=56), AugAssign(target=Name(id='s', ctx=Store(), lineno=1, col_offset=58, end_lineno=1, end_col_offset=59), op=BitAnd(), value=Constant(value=8, lineno=1, col_offset=63, end_lineno=1, end_col_offset=64), lineno=1, col_offset=58, end_lineno=1, end_col_offset=64), AugAssign(target=Name(id='r', ctx=Store(), lineno=1, col_offset=66, end_lineno=1, end_col_offset=67), op=BitOr(), value=Constant(value=9, lineno=1, col_offset=71, end_lineno=1, end_col_offset=72), lineno=1, col_offset=66, end_lineno=1, end_col_offset=72), AugAssign(target=Name(id='q', ctx=Store(), lineno=1, col_offset=74, end_lineno=1, end_col_offset=75), op=BitXor(), value=Constant(value=10, lineno=1, col_offset=79, end_lineno=1, end_col_offset=81), lineno=1, col_offset=74, end_lineno=1, end_col_offset=81), AugAssign(target=Name(id='p', ctx=Store(), lineno=1, col_offset=83, end_lineno=1, end_col_offset=84), op=LShift(), value=Constant(value=11, lineno=1, col_offset=89, end_lineno=1, end_col_offset=91), lineno=1, col_offset=83, end_lineno=1, end_col_offset=91), AugAssign(target=Name(id='o', ctx=Store(), lineno=1, col_offset=93, end_lineno=1, end_col_offset=94), op=RShift(), value=Constant(value=12, lineno=1, col_offset=99, end_lineno=1, end_col_offset=101), lineno=1, col_offset=93, end_lineno=1, end_col_offset=101), AugAssign(target=Name(id='n', ctx=Store(), lineno=1, col_offset=103, end_lineno=1, end_col_offset=104), op=MatMult(), value=Name(id='m', ctx=Load(), lineno=1, col_offset=108, end_lineno=1, end_col_offset=109), lineno=1, col_offset=103, end_lineno=1, end_col_offset=109)], type_ignores=[]))py"},
    {R"py(x: int = 5
y: list[int]
(z): int = 1
a.b: str
)py",
     R"py(Module(body=[AnnAssign(target=Name(id='x', ctx=Store(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1), annotation=Name(id='int', ctx=Load(), lineno=1, col_offset=3, end_lineno=1, end_col_offset=6), value=Constant(value=5, lineno=1, col_offset=9, end_lineno=1, end_col_offset=10), simple=1, lineno=1, col_offset=0, end_lineno=1, end_col_offset=10), AnnAssign(target=Name(id='y', ctx=Store(), lineno=2, col_offset=0, end_lineno=2, end_col_offset=1), annotation=Subscript(value=Name(id='list', ctx=Load(), lineno=2, col_offset=3, end_lineno=2, end_col_offset=7), slice=Name(id='int', ctx=Load(), lineno=2, col_offset=8, end_lineno=2, end_col_offset=11), ctx=Load(), lineno=2, col_offset=3, end_lineno=2, end_col_offset=12), simple=1, lineno=2, col_offset=0, end_lineno=2, end_col_offset=12), AnnAssign(target=Name(id='z', ctx=Store(), lineno=3, col_offset=1, end_lineno=3, end_col_offset=2), annotation=Name(id='int', ctx=Load(), lineno=3, col_offset=5, end_lineno=3, end_col_offset=8), value=Constant(value=1, lineno=3, col_offset=11, end_lineno=3, end_col_offset=12), simple=0, lineno=3, col_offset=0, end_lineno=3, end_col_offset=12), AnnAssign(target=Attribute(value=Name(id='a', ctx=Load(), lineno=4, col_offset=0, end_lineno=4, end_col_offset=1), attr='b', ctx=Store(), lineno=4, col_offset=0, end_lineno=4, end_col_offset=3), annotation=Name(id='str', ctx=Load(), lineno=4, col_offset=5, end_lineno=4, end_col_offset=8), simple=0, lineno=4, col_offset=0, end_lineno=4, end_col_offset=8)], type_ignores=[]))py"},
    {R"py(def f(a, b=1, *args, c, d=2, **kwargs) -> int:
    return a
)py",
     R"py(Module(body=[FunctionDef(name='f', args=arguments(posonlyargs=[], args=[arg(arg='a', lineno=1, col_offset=6, end_lineno=1, end_col_offset=7), arg(arg='b', lineno=1, col_offset=9, end_lineno=1, end_col_offset=10)], vararg=arg(arg='args', lineno=1, col_offset=15, end_lineno=1, end_col_offset=19), kwonlyargs=[arg(arg='c', lineno=1, col_offset=21, end_lineno=1, end_col_offset=22), arg(arg='d', lineno=1, col_offset=24, end_lineno=1, end_col_offset=25)], kw_defaults=[None, Constant(value=2, lineno=1, col_offset=26, end_lineno=1, end_col_offset=27)], kwarg=arg(arg='kwargs', lineno=1, col_offset=31, end_lineno=1, end_col_offset=37), defaults=[Constant(value=1, lineno=1, col_offset=11, end_lineno=1, end_col_offset=12)]), body=[Return(value=Name(id='a', ctx=Load(), lineno=2, col_offset=11, end_lineno=2, end_col_offset=12), lineno=2, col_offset=4, end_lineno=2, end_col_offset=12)], decorator_list=[], returns=Name(id='int', ctx=Load(), lineno=1, col_offset=42, end_lineno=1, end_col_offset=45), lineno=1, col_offset=0, end_lineno=2, end_col_offset=12)], type_ignores=[]))py"},
    {R"py(def g(a, /, b, *, c):
    pass
def h(a=1, /, b=2, *c, d, **e): pass
)py",
     R"py(Module(body=[FunctionDef(name='g', args=arguments(posonlyargs=[arg(arg='a', lineno=1, col_offset=6, end_lineno=1, end_col_offset=7)], args=[arg(arg='b', lineno=1, col_offset=12, end_lineno=1, end_col_offset=13)], kwonlyargs=[arg(arg='c', lineno=1, col_offset=18, end_lineno=1, end_col_offset=19)], kw_defaults=[None], defaults=[]), body=[Pass(lineno=2, col_offset=4, end_lineno=2, end_col_offset=8)], decorator_list=[], lineno=1, col_offset=0, end_lineno=2, end_col_offset=8), FunctionDef(name='h', args=arguments(posonlyargs=[arg(arg='a', lineno=3, col_offset=6, end_lineno=3, end_col_offset=7)], args=[arg(arg='b', lineno=3, col_offset=14, end_lineno=3, end_col_offset=15)], vararg=arg(arg='c', lineno=3, col_offset=20, end_lineno=3, end_col_offset=21), kwonlyargs=[arg(arg='d', lineno=3, col_offset=23, end_lineno=3, end_col_offset=24)], kw_defaults=[None], kwarg=arg(arg='e', lineno=3, col_offset=28, end_lineno=3, end_col_offset=29), defaults=[Constant(value=1, lineno=3, col_offset=8, end_lineno=3, end_col_offset=9), Constant(value=2, lineno=3, col_offset=16, end_lineno=3, end_col_offset=17)]), body=[Pass(lineno=3, col_offset=32, end_lineno=3, end_col_offset=36)], decorator_list=[], lineno=3, col_offset=0, end_lineno=3, end_col_offset=36)], type_ignores=[]))py"},
    {R"py(@decorator
@other(arg)
def f():
    """doc"""
    yield
    yield x
    yield from y
    x = yield
)py",
     R"py(Module(body=[FunctionDef(name='f', args=arguments(posonlyargs=[], args=[], kwonlyargs=[], kw_defaults=[], defaults=[]), body=[Expr(value=Constant(value='doc', lineno=4, col_offset=4, end_lineno=4, end_col_offset=13), lineno=4, col_offset=4, end_lineno=4, end_col_offset=13), Expr(value=Yield(lineno=5, col_offset=4, end_lineno=5, end_col_offset=9), lineno=5, col_offset=4, end_lineno=5, end_col_offset=9), Expr(value=Yield(value=Name(id='x', ctx=Load(), lineno=6, col_offset=10, end_lineno=6, end_col_offset=11), lineno=6, col_offset=4, end_lineno=6, end_col_offset=11), lineno=6, col_offset=4, end_lineno=6, end_col_offset=11), Expr(value=YieldFrom(value=Name(id='y', ctx=Load(), lineno=7, col_offset=15, end_lineno=7, end_col_offset=16), lineno=7, col_offset=4, end_lineno=7, end_col_offset=16), lineno=7, col_offset=4, end_lineno=7, end_col_offset=16), Assign(targets=[Name(id='x', ctx=Store(), lineno=8, col_offset=4, end_lineno=8, end_col_offset=5)], value=Yield(lineno=8, col_offset=8, end_lineno=8, end_col_offset=13), lineno=8, col_offset=4, end_lineno=8, end_col_offset=13)], decorator_list=[Name(id='decorator', ctx=Load(), lineno=1, col_offset=1, end_lineno=1, end_col_offset=10), Call(func=Name(id='other', ctx=Load(), lineno=2, col_offset=1, end_lineno=2, end_col_offset=6), args=[Name(id='arg', ctx=Load(), lineno=2, col_offset=7, end_lineno=2, end_col_offset=10)], keywords=[], lineno=2, col_offset=1, end_lineno=2, end_col_offset=11)], lineno=3, col_offset=0, end_lineno=8, end_col_offset=13)], type_ignores=[]))py"},
    {R"py(class A(B, metaclass=M, **kw):
    x = 1
    def __init__(self):
        super().__init__()
)py",
     R"py(Module(body=[ClassDef(name='A', bases=[Name(id='B', ctx=Load(), lineno=1, col_offset=8, end_lineno=1, end_col_offset=9)], keywords=[keyword(arg='metaclass', value=Name(id='M', ctx=Load(), lineno=1, col_offset=21, end_lineno=1, end_col_offset=22), lineno=1, col_offset=11, end_lineno=1, end_col_offset=22), keyword(value=Name(id='kw', ctx=Load(), lineno=1, col_offset=26, end_lineno=1, end_col_offset=28), lineno=1, col_offset=24, end_lineno=1, end_col_offset=28)], body=[Assign(targets=[Name(id='x', ctx=Store(), lineno=2, col_offset=4, end_lineno=2, end_col_offset=5)], value=Constant(value=1, lineno=2, col_offset=8, end_lineno=2, end_col_offset=9), lineno=2, col_offset=4, end_lineno=2, end_col_offset=9), FunctionDef(name='__init__', args=arguments(posonlyargs=[], args=[arg(arg='self', lineno=3, col_offset=17, end_lineno=3, end_col_offset=21)], kwonlyargs=[], kw_defaults=[], defaults=[]), body=[Expr(value=Call(func=Attribute(value=Call(func=Name(id='super', ctx=Load(), lineno=4, col_offset=8, end_lineno=4, end_col_offset=13), args=[], keywords=[], lineno=4, col_offset=8, end_lineno=4, end_col_offset=15), attr='__init__', ctx=Load(), lineno=4, col_offset=8, end_lineno=4, end_col_offset=24), args=[], keywords=[], lineno=4, col_offset=8, end_lineno=4, end_col_offset=26), lineno=4, col_offset=8, end_lineno=4, end_col_offset=26)], decorator_list=[], lineno=3, col_offset=4, end_lineno=4, end_col_offset=26)], decorator_list=[], lineno=1, col_offset=0, end_lineno=4, end_col_offset=26)], type_ignores=[]))py"},
    {R"py(class C: pass
)py",
     R"py(Module(body=[ClassDef(name='C', bases=[], keywords=[], body=[Pass(lineno=1, col_offset=9, end_lineno=1, end_col_offset=13)], decorator_list=[], lineno=1, col_offset=0, end_lineno=1, end_col_offset=13)], type_ignores=[]))py"},
    {R"py(if a:
    pass
elif b:
    pass
elif c:
    x = 1
else:
    pass
)py",
     R"py(Module(body=[If(test=Name(id='a', ctx=Load(), lineno=1, col_offset=3, end_lineno=1, end_col_offset=4), body=[Pass(lineno=2, col_offset=4, end_lineno=2, end_col_offset=8)], orelse=[If(test=Name(id='b', ctx=Load(), lineno=3, col_offset=5, end_lineno=3, end_col_offset=6), body=[Pass(lineno=4, col_offset=4, end_lineno=4, end_col_offset=8)], orelse=[If(test=Name(id='c', ctx=Load(), lineno=5, col_offset=5, end_lineno=5, end_col_offset=6), body=[Assign(targets=[Name(id='x', ctx=Store(), lineno=6, col_offset=4, end_lineno=6, end_col_offset=5)], value=Constant(value=1, lineno=6, col_offset=8, end_lineno=6, end_col_offset=9), lineno=6, col_offset=4, end_lineno=6, end_col_offset=9)], orelse=[Pass(lineno=8, col_offset=4, end_lineno=8, end_col_offset=8)], lineno=5, col_offset=0, end_lineno=8, end_col_offset=8)], lineno=3, col_offset=0, end_lineno=8, end_col_offset=8)], lineno=1, col_offset=0, end_lineno=8, end_col_offset=8)], type_ignores=[]))py"},
    {R"py(while x:
    break
else:
    continue
)py",
     R"py(Module(body=[While(test=Name(id='x', ctx=Load(), lineno=1, col_offset=6, end_lineno=1, end_col_offset=7), body=[Break(lineno=2, col_offset=4, end_lineno=2, end_col_offset=9)], orelse=[Continue(lineno=4, col_offset=4, end_lineno=4, end_col_offset=12)], lineno=1, col_offset=0, end_lineno=4, end_col_offset=12)], type_ignores=[]))py"},
    {R"py(for i, j in enumerate(x):
    pass
else:
    pass
for x in *a, *b: pass
)py",
     R"py(Module(body=[For(target=Tuple(elts=[Name(id='i', ctx=Store(), lineno=1, col_offset=4, end_lineno=1, end_col_offset=5), Name(id='j', ctx=Store(), lineno=1, col_offset=7, end_lineno=1, end_col_offset=8)], ctx=Store(), lineno=1, col_offset=4, end_lineno=1, end_col_offset=8), iter=Call(func=Name(id='enumerate', ctx=Load(), lineno=1, col_offset=12, end_lineno=1, end_col_offset=21), args=[Name(id='x', ctx=Load(), lineno=1, col_offset=22, end_lineno=1, end_col_offset=23)], keywords=[], lineno=1, col_offset=12, end_lineno=1, end_col_offset=24), body=[Pass(lineno=2, col_offset=4, end_lineno=2, end_col_offset=8)], orelse=[Pass(lineno=4, col_offset=4, end_lineno=4, end_col_offset=8)], lineno=1, col_offset=0, end_lineno=4, end_col_offset=8), For(target=Name(id='x', ctx=Store(), lineno=5, col_offset=4, end_lineno=5, end_col_offset=5), iter=Tuple(elts=[Starred(value=Name(id='a', ctx=Load(), lineno=5, col_offset=10, end_lineno=5, end_col_offset=11), ctx=Load(), lineno=5, col_offset=9, end_lineno=5, end_col_offset=11), Starred(value=Name(id='b', ctx=Load(), lineno=5, col_offset=14, end_lineno=5, end_col_offset=15), ctx=Load(), lineno=5, col_offset=13, end_lineno=5, end_col_offset=15)], ctx=Load(), lineno=5, col_offset=9, end_lineno=5, end_col_offset=15), body=[Pass(lineno=5, col_offset=17, end_lineno=5, end_col_offset=21)], orelse=[], lineno=5, col_offset=0, end_lineno=5, end_col_offset=21)], type_ignores=[]))py"},
    {R"py(with open(f) as g, lock:
    pass
with (a as b, c as d):
    pass
with (a, b):
    pass
with (yield):
    pass
)py",
     R"py(Module(body=[With(items=[withitem(context_expr=Call(func=Name(id='open', ctx=Load(), lineno=1, col_offset=5, end_lineno=1, end_col_offset=9), args=[Name(id='f', ctx=Load(), lineno=1, col_offset=10, end_lineno=1, end_col_offset=11)], keywords=[], lineno=1, col_offset=5, end_lineno=1, end_col_offset=12), optional_vars=Name(id='g', ctx=Store(), lineno=1, col_offset=16, end_lineno=1, end_col_offset=17)), withitem(context_expr=Name(id='lock', ctx=Load(), lineno=1, col_offset=19, end_lineno=1, end_col_offset=23))], body=[Pass(lineno=2, col_offset=4, end_lineno=2, end_col_offset=8)], lineno=1, col_offset=0, end_lineno=2, end_col_offset=8), With(items=[withitem(context_expr=Name(id='a', ctx=Load(), lineno=3, col_offset=6, end_lineno=3, end_col_offset=7), optional_vars=Name(id='b', ctx=Store(), lineno=3, col_offset=11, end_lineno=3, end_col_offset=12)), withitem(context_expr=Name(id='c', ctx=Load(), lineno=3, col_offset=14, end_lineno=3, end_col_offset=15), optional_vars=Name(id='d', ctx=Store(), lineno=3, col_offset=19, end_lineno=3, end_col_offset=20))], body=[Pass(lineno=4, col_offset=4, end_lineno=4, end_col_offset=8)], lineno=3, col_offset=0, end_lineno=4, end_col_offset=8), With(items=[withitem(context_expr=Name(id='a', ctx=Load(), lineno=5, col_offset=6, end_lineno=5, end_col_offset=7)), withitem(context_expr=Name(id='b', ctx=Load(), lineno=5, col_offset=9, end_lineno=5, end_col_offset=10))], body=[Pass(lineno=6, col_offset=4, end_lineno=6, end_col_offset=8)], lineno=5, col_offset=0, end_lineno=6, end_col_offset=8), With(items=[withitem(context_expr=Yield(lineno=7, col_offset=6, end_lineno=7, end_col_offset=11))], body=[Pass(lineno=8, col_offset=4, end_lineno=8, end_col_offset=8)], lineno=7, col_offset=0, end_lineno=8, end_col_offset=8)], type_ignores=[]))py"},
    {R"py(try:
    pass
except ValueError as e:
    pass
except (TypeError, KeyError):
    pass
except:
    pass
else:
    pass
finally:
    pass
)py",
     R"py(Module(body=[Try(body=[Pass(lineno=2, col_offset=4, end_lineno=2, end_col_offset=8)], handlers=[ExceptHandler(type=Name(id='ValueError', ctx=Load(), lineno=3, col_offset=7, end_lineno=3, end_col_offset=17), name='e', body=[Pass(lineno=4, col_offset=4, end_lineno=4, end_col_offset=8)], lineno=3, col_offset=0, end_lineno=4, end_col_offset=8), ExceptHandler(type=Tuple(elts=[Name(id='TypeError', ctx=Load(), lineno=5, col_offset=8, end_lineno=5, end_col_offset=17), Name(id='KeyError', ctx=Load(), lineno=5, col_offset=19, end_lineno=5, end_col_offset=27)], ctx=Load(), lineno=5, col_offset=7, end_lineno=5, end_col_offset=28), body=[Pass(lineno=6, col_offset=4, end_lineno=6, end_col_offset=8)], lineno=5, col_offset=0, end_lineno=6, end_col_offset=8), ExceptHandler(body=[Pass(lineno=8, col_offset=4, end_lineno=8, end_col_offset=8)], lineno=7, col_offset=0, end_lineno=8, end_col_offset=8)], orelse=[Pass(lineno=10, col_offset=4, end_lineno=10, end_col_offset=8)], finalbody=[Pass(lineno=12, col_offset=4, end_lineno=12, end_col_offset=8)], lineno=1, col_offset=0, end_lineno=12, end_col_offset=8)], type_ignores=[]))py"},
    {R"py(try:
    x
finally:
    y
)py",
     R"py(Module(body=[Try(body=[Expr(value=Name(id='x', ctx=Load(), lineno=2, col_offset=4, end_lineno=2, end_col_offset=5), lineno=2, col_offset=4, end_lineno=2, end_col_offset=5)], handlers=[], orelse=[], finalbody=[Expr(value=Name(id='y', ctx=Load(), lineno=4, col_offset=4, end_lineno=4, end_col_offset=5), lineno=4, col_offset=4, end_lineno=4, end_col_offset=5)], lineno=1, col_offset=0, end_lineno=4, end_col_offset=5)], type_ignores=[]))py"},
    {R"py(raise
raise X
raise X from Y
assert x
assert x, "msg"
)py",
     R"py(Module(body=[Raise(lineno=1, col_offset=0, end_lineno=1, end_col_offset=5), Raise(exc=Name(id='X', ctx=Load(), lineno=2, col_offset=6, end_lineno=2, end_col_offset=7), lineno=2, col_offset=0, end_lineno=2, end_col_offset=7), Raise(exc=Name(id='X', ctx=Load(), lineno=3, col_offset=6, end_lineno=3, end_col_offset=7), cause=Name(id='Y', ctx=Load(), lineno=3, col_offset=13, end_lineno=3, end_col_offset=14), lineno=3, col_offset=0, end_lineno=3, end_col_offset=14), Assert(test=Name(id='x', ctx=Load(), lineno=4, col_offset=7, end_lineno=4, end_col_offset=8), lineno=4, col_offset=0, end_lineno=4, end_col_offset=8), Assert(test=Name(id='x', ctx=Load(), lineno=5, col_offset=7, end_lineno=5, end_col_offset=8), msg=Constant(value='msg', lineno=5, col_offset=10, end_lineno=5, end_col_offset=15), lineno=5, col_offset=0, end_lineno=5, end_col_offset=15)], type_ignores=[]))py"},
    {R"py(import a, b.c as d, e.f.g
from . import x
from .. import y as z
from ...m import (a, b as c,)
from m.n import *
)py",
     R"py(Module(body=[Import(names=[alias(name='a', lineno=1, col_offset=7, end_lineno=1, end_col_offset=8), alias(name='b.c', asname='d', lineno=1, col_offset=10, end_lineno=1, end_col_offset=18), alias(name='e.f.g', lineno=1, col_offset=20, end_lineno=1, end_col_offset=25)], lineno=1, col_offset=0, end_lineno=1, end_col_offset=25), ImportFrom(names=[alias(name='x', lineno=2, col_offset=14, end_lineno=2, end_col_offset=15)], level=1, lineno=2, col_offset=0, end_lineno=2, end_col_offset=15), ImportFrom(names=[alias(name='y', asname='z', lineno=3, col_offset=15, end_lineno=3, end_col_offset=21)], level=2, lineno=3, col_offset=0, end_lineno=3, end_col_offset=21), ImportFrom(module='m', names=[alias(name='a', lineno=4, col_offset=18, end_lineno=4, end_col_offset=19), alias(name='b', asname='c', lineno=4, col_offset=21, end_lineno=4, end_col_offset=27)], level=3, lineno=4, col_offset=0, end_lineno=4, end_col_offset=29), ImportFrom(module='m.n', names=[alias(name='*', lineno=5, col_offset=16, end_lineno=5, end_col_offset=17)], level=0, lineno=5, col_offset=0, end_lineno=5, end_col_offset=17)], type_ignores=[]))py"},
    {R"py(def f():
    global a, b
    nonlocal c
)py",
     R"py(Module(body=[FunctionDef(name='f', args=arguments(posonlyargs=[], args=[], kwonlyargs=[], kw_defaults=[], defaults=[]), body=[Global(names=['a', 'b'], lineno=2, col_offset=4, end_lineno=2, end_col_offset=15), Nonlocal(names=['c'], lineno=3, col_offset=4, end_lineno=3, end_col_offset=14)], decorator_list=[], lineno=1, col_offset=0, end_lineno=3, end_col_offset=14)], type_ignores=[]))py"},
    {R"py(x = a if b else c if d else e
y = lambda: 0
z = lambda a, b=1, *c, d, **e: a
w = lambda *, k: k
)py",
     R"py(Module(body=[Assign(targets=[Name(id='x', ctx=Store(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1)], value=IfExp(test=Name(id='b', ctx=Load(), lineno=1, col_offset=9, end_lineno=1, end_col_offset=10), body=Name(id='a', ctx=Load(), lineno=1, col_offset=4, end_lineno=1, end_col_offset=5), orelse=IfExp(test=Name(id='d', ctx=Load(), lineno=1, col_offset=21, end_lineno=1, end_col_offset=22), body=Name(id='c', ctx=Load(), lineno=1, col_offset=16, end_lineno=1, end_col_offset=17), orelse=Name(id='e', ctx=Load(), lineno=1, col_offset=28, end_lineno=1, end_col_offset=29), lineno=1, col_offset=16, end_lineno=1, end_col_offset=29), lineno=1, col_offset=4, end_lineno=1, end_col_offset=29), lineno=1, col_offset=0, end_lineno=1, end_col_offset=29), Assign(targets=[Name(id='y', ctx=Store(), lineno=2, col_offset=0, end_lineno=2, end_col_offset=1)], value=Lambda(args=arguments(posonlyargs=[], args=[], kwonlyargs=[], kw_defaults=[], defaults=[]), body=Constant(value=0, lineno=2, col_offset=12, end_lineno=2, end_col_offset=13), lineno=2, col_offset=4, end_lineno=2, end_col_offset=13), lineno=2, col_offset=0, end_lineno=2, end_col_offset=13), Assign(targets=[Name(id='z', ctx=Store(), lineno=3, col_offset=0, end_lineno=3, end_col_offset=1)], value=Lambda(args=arguments(posonlyargs=[], args=[arg(arg='a', lineno=3, col_offset=11, end_lineno=3, end_col_offset=12), arg(arg='b', lineno=3, col_offset=14, end_lineno=3, end_col_offset=15)], vararg=arg(arg='c', lineno=3, col_offset=20, end_lineno=3, end_col_offset=21), kwonlyargs=[arg(arg='d', lineno=3, col_offset=23, end_lineno=3, end_col_offset=24)], kw_defaults=[None], kwarg=arg(arg='e', lineno=3, col_offset=28, end_lineno=3, end_col_offset=29), defaults=[Constant(value=1, lineno=3, col_offset=16, end_lineno=3, end_col_offset=17)]), body=Name(id='a', ctx=Load(), lineno=3, col_offset=31, end_lineno=3, end_col_offset=32), lineno=3, col_offset=4, end_lineno=3, end_col_offset=32), lineno=3, col_offset=0, end_lineno=3, end_col_offset=32), Assign(targets=[Name(id='w', ctx=Store(), lineno=4, col_offset=0, end_lineno=4, end_col_offset=1)], value=Lambda(args=arguments(posonlyargs=[], args=[], kwonlyargs=[arg(arg='k', lineno=4, col_offset=14, end_lineno=4, end_col_offset=15)], kw_defaults=[None], defaults=[]), body=Name(id='k', ctx=Load(), lineno=4, col_offset=17, end_lineno=4, end_col_offset=18), lineno=4, col_offset=4, end_lineno=4, end_col_offset=18), lineno=4, col_offset=0, end_lineno=4, end_col_offset=18)], type_ignores=[]))py"},
    {R"py(r = not a and b or c and not d
s = a < b <= c > d >= e == f != g in h not in i is j is not k
)py",
     R"py(Module(body=[Assign(targets=[Name(id='r', ctx=Store(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1)], value=BoolOp(op=Or(), values=[BoolOp(op=And(), values=[UnaryOp(op=Not(), operand=Name(id='a', ctx=Load(), lineno=1, col_offset=8, end_lineno=1, end_col_offset=9), lineno=1, col_offset=4, end_lineno=1, end_col_offset=9), Name(id='b', ctx=Load(), lineno=1, col_offset=14, end_lineno=1, end_col_offset=15)], lineno=1, col_offset=4, end_lineno=1, end_col_offset=15), BoolOp(op=And(), values=[Name(id='c', ctx=Load(), lineno=1, col_offset=19, end_lineno=1, end_col_offset=20), UnaryOp(op=Not(), operand=Name(id='d', ctx=Load(), lineno=1, col_offset=29, end_lineno=1, end_col_offset=30), lineno=1, col_offset=25, end_lineno=1, end_col_offset=30)], lineno=1, col_offset=19, end_lineno=1, end_col_offset=30)], lineno=1, col_offset=4, end_lineno=1, end_col_offset=30), lineno=1, col_offset=0, end_lineno=1, end_col_offset=30), Assign(targets=[Name(id='s', ctx=Store(), lineno=2, col_offset=0, end_lineno=2, end_col_offset=1)], value=Compare(left=Name(id='a', ctx=Load(), lineno=2, col_offset=4, end_lineno=2, end_col_offset=5), ops=[Lt(), LtE(), Gt(), GtE(), Eq(), NotEq(), In(), NotIn(), Is(), IsNot()], comparators=[Name(id='b', ctx=Load(), lineno=2, col_offset=8, end_lineno=2, end_col_offset=9), Name(id='c', ctx=Load(), lineno=2, col_offset=13, end_lineno=2, end_col_offset=14), Name(id='d', ctx=Load(), lineno=2, col_offset=17, end_lineno=2, end_col_offset=18), Name(id='e', ctx=Load(), lineno=2, col_offset=22, end_lineno=2, end_col_offset=23), Name(id='f', ctx=Load(), lineno=2, col_offset=27, end_lineno=2, end_col_offset=28), Name(id='g', ctx=Load(), lineno=2, col_offset=32, end_lineno=2, end_col_offset=33), Name(id='h', ctx=Load(), lineno=2, col_offset=37, end_lineno=2, end_col_offset=38), Name(id='i', ctx=Load(), lineno=2, col_offset=46, end_lineno=2, end_col_offset=47), Name(id='j', ctx=Load(), lineno=2, col_offset=51, end_lineno=2, end_col_offset=52), Name(id='k', ctx=Load(), lineno=2, col_offset=60, end_lineno=2, end_col_offset=61)], lineno=2, col_offset=4, end_lineno=2, end_col_offset=61), lineno=2, col_offset=0, end_lineno=2, end_col_offset=61)], type_ignores=[]))py"},
    {R"py(t = a | b ^ c & d << e >> f + g - h * i / j // k % l @ m ** -n ** ~o
u = -x ** 2
v = (-x) ** 2
)py",
     R"py(Module(body=[Assign(targets=[Name(id='t', ctx=Store(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1)], value=BinOp(left=Name(id='a', ctx=Load(), lineno=1, col_offset=4, end_lineno=1, end_col_offset=5), op=BitOr(), right=BinOp(left=Name(id='b', ctx=Load(), lineno=1, col_offset=8, end_lineno=1, end_col_offset=9), op=BitXor(), right=BinOp(left=Name(id='c', ctx=Load(), lineno=1, col_offset=12, end_lineno=1, end_col_offset=13), op=BitAnd(), right=BinOp(left=BinOp(left=Name(id='d', ctx=Load(), lineno=1, col_offset=16, end_lineno=1, end_col_offset=17), op=LShift(), right=Name(id='e', ctx=Load(), lineno=1, col_offset=21, end_lineno=1, end_col_offset=22), lineno=1, col_offset=16, end_lineno=1, end_col_offset=22), op=RShift(), right=BinOp(left=BinOp(left=Name(id='f', ctx=Load(), lineno=1, col_offset=26, end_lineno=1, end_col_offset=27), op=Add(), right=Name(id='g', ctx=Load(), lineno=1, col_offset=30, end_lineno=1, end_col_offset=31), lineno=1, col_offset=26, end_lineno=1, end_col_offset=31), op=Sub(), right=BinOp(left=BinOp(left=BinOp(left=BinOp(left=BinOp(left=Name(id='h', ctx=Load(), lineno=1, col_offset=34, end_lineno=1, end_col_offset=35), op=Mult(), right=Name(id='i', ctx=Load(), lineno=1, col_offset=38, end_lineno=1, end_col_offset=39), lineno=1, col_offset=34, end_lineno=1, end_col_offset=39), op=Div(), right=Name(id='j', ctx=Load(), lineno=1, col_offset=42, end_lineno=1, end_col_offset=43), lineno=1, col_offset=34, end_lineno=1, end_col_offset=43), op=FloorDiv(), right=Name(id='k', ctx=Load(), lineno=1, col_offset=47, end_lineno=1, end_col_offset=48), lineno=1, col_offset=34, end_lineno=1, end_col_offset=48), op=Mod(), right=Name(id='l', ctx=Load(), lineno=1, col_offset=51, end_lineno=1, end_col_offset=52), lineno=1, col_offset=34, end_lineno=1, end_col_offset=52), op=MatMult(), right=BinOp(left=Name(id='m', ctx=Load(), lineno=1, col_offset=55, end_lineno=1, end_col_offset=56), op=Pow(), right=UnaryOp(op=USub(), operand=BinOp(left=Name(id='n', ctx=Load(), lineno=1, col_offset=61, end_lineno=1, end_col_offset=62), op=Pow(), right=UnaryOp(op=Invert(), operand=Name(id='o', ctx=Load(), lineno=1, col_offset=67, end_lineno=1, end_col_offset=68), lineno=1, col_offset=66, end_lineno=1, end_col_offset=68), lineno=1, col_offset=61, end_lineno=1, end_col_offset=68), lineno=1, col_offset=60, end_lineno=1, end_col_offset=68), lineno=1, col_offset=55, end_lineno=1, end_col_offset=68), lineno=1, col_offset=34, end_lineno=1, end_col_offset=68), lineno=1, col_offset=26, end_lineno=1, end_col_offset=68), lineno=1, col_offset=16, end_lineno=1, end_col_offset=68), lineno=1, col_offset=12, end_lineno=1, end_col_offset=68), lineno=1, col_offset=8, end_lineno=1, end_col_offset=68), lineno=1, col_offset=4, end_lineno=1, end_col_offset=68), lineno=1, col_offset=0, end_lineno=1, end_col_offset=68), Assign(targets=[Name(id='u', ctx=Store(), lineno=2, col_offset=0, end_lineno=2, end_col_offset=1)], value=UnaryOp(op=USub(), operand=BinOp(left=Name(id='x', ctx=Load(), lineno=2, col_offset=5, end_lineno=2, end_col_offset=6), op=Pow(), right=Constant(value=2, lineno=2, col_offset=10, end_lineno=2, end_col_offset=11), lineno=2, col_offset=5, end_lineno=2, end_col_offset=11), lineno=2, col_offset=4, end_lineno=2, end_col_offset=11), lineno=2, col_offset=0, end_lineno=2, end_col_offset=11), Assign(targets=[Name(id='v', ctx=Store(), lineno=3, col_offset=0, end_lineno=3, end_col_offset=1)], value=BinOp(left=UnaryOp(op=USub(), operand=Name(id='x', ctx=Load(), lineno=3, col_offset=6, end_lineno=3, end_col_offset=7), lineno=3, col_offset=5, end_lineno=3, end_col_offset=7), op=Pow(), right=Constant(value=2, lineno=3, col_offset=12, end_lineno=3, end_col_offset=13), lineno=3, col_offset=4, end_lineno=3, end_col_offset=13), lineno=3, col_offset=0, end_lineno=3, end_col_offset=13)], type_ignores=[]))py"},
    {R"py(d = {}
d = {1: 2, **e, 3: 4,}
s = {1, 2, *a}
l = [1, *a, 2,]
t = (1,)
t = ()
t = 1, 2
g = (x for x in y)
)py",
     R"py(Module(body=[Assign(targets=[Name(id='d', ctx=Store(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1)], value=Dict(keys=[], values=[], lineno=1, col_offset=4, end_lineno=1, end_col_offset=6), lineno=1, col_offset=0, end_lineno=1, end_col_offset=6), Assign(targets=[Name(id='d', ctx=Store(), lineno=2, col_offset=0, end_lineno=2, end_col_offset=1)], value=Dict(keys=[Constant(value=1, lineno=2, col_offset=5, end_lineno=2, end_col_offset=6), None, Constant(value=3, lineno=2, col_offset=16, end_lineno=2, end_col_offset=17)], values=[Constant(value=2, lineno=2, col_offset=8, end_lineno=2, end_col_offset=9), Name(id='e', ctx=Load(), lineno=2, col_offset=13, end_lineno=2, end_col_offset=14), Constant(value=4, lineno=2, col_offset=19, end_lineno=2, end_col_offset=20)], lineno=2, col_offset=4, end_lineno=2, end_col_offset=22), lineno=2, col_offset=0, end_lineno=2, end_col_offset=22), Assign(targets=[Name(id='s', ctx=Store(), lineno=3, col_offset=0, end_lineno=3, end_col_offset=1)], value=Set(elts=[Constant(value=1, lineno=3, col_offset=5, end_lineno=3, end_col_offset=6), Constant(value=2, lineno=3, col_offset=8, end_lineno=3, end_col_offset=9), Starred(value=Name(id='a', ctx=Load(), lineno=3, col_offset=12, end_lineno=3, end_col_offset=13), ctx=Load(), lineno=3, col_offset=11, end_lineno=3, end_col_offset=13)], lineno=3, col_offset=4, end_lineno=3, end_col_offset=14), lineno=3, col_offset=0, end_lineno=3, end_col_offset=14), Assign(targets=[Name(id='l', ctx=Store(), lineno=4, col_offset=0, end_lineno=4, end_col_offset=1)], value=List(elts=[Constant(value=1, lineno=4, col_offset=5, end_lineno=4, end_col_offset=6), Starred(value=Name(id='a', ctx=Load(), lineno=4, col_offset=9, end_lineno=4, end_col_offset=10), ctx=Load(), lineno=4, col_offset=8, end_lineno=4, end_col_offset=10), Constant(value=2, lineno=4, col_offset=12, end_lineno=4, end_col_offset=13)], ctx=Load(), lineno=4, col_offset=4, end_lineno=4, end_col_offset=15), lineno=4, col_offset=0, end_lineno=4, end_col_offset=15), Assign(targets=[Name(id='t', ctx=Store(), lineno=5, col_offset=0, end_lineno=5, end_col_offset=1)], value=Tuple(elts=[Constant(value=1, lineno=5, col_offset=5, end_lineno=5, end_col_offset=6)], ctx=Load(), lineno=5, col_offset=4, end_lineno=5, end_col_offset=8), lineno=5, col_offset=0, end_lineno=5, end_col_offset=8), Assign(targets=[Name(id='t', ctx=Store(), lineno=6, col_offset=0, end_lineno=6, end_col_offset=1)], value=Tuple(elts=[], ctx=Load(), lineno=6, col_offset=4, end_lineno=6, end_col_offset=6), lineno=6, col_offset=0, end_lineno=6, end_col_offset=6), Assign(targets=[Name(id='t', ctx=Store(), lineno=7, col_offset=0, end_lineno=7, end_col_offset=1)], value=Tuple(elts=[Constant(value=1, lineno=7, col_offset=4, end_lineno=7, end_col_offset=5), Constant(value=2, lineno=7, col_offset=7, end_lineno=7, end_col_offset=8)], ctx=Load(), lineno=7, col_offset=4, end_lineno=7, end_col_offset=8), lineno=7, col_offset=0, end_lineno=7, end_col_offset=8), Assign(targets=[Name(id='g', ctx=Store(), lineno=8, col_offset=0, end_lineno=8, end_col_offset=1)], value=GeneratorExp(elt=Name(id='x', ctx=Load(), lineno=8, col_offset=5, end_lineno=8, end_col_offset=6), generators=[comprehension(target=Name(id='x', ctx=Store(), lineno=8, col_offset=11, end_lineno=8, end_col_offset=12), iter=Name(id='y', ctx=Load(), lineno=8, col_offset=16, end_lineno=8, end_col_offset=17), ifs=[], is_async=0)], lineno=8, col_offset=4, end_lineno=8, end_col_offset=18), lineno=8, col_offset=0, end_lineno=8, end_col_offset=18)], type_ignores=[]))py"},
    {R"py(lc = [x * y for x in range(3) if x for y in z if y if not x]
sc = {x for x in y}
dc = {k: v for k, v in d.items()}
f(x for x in y)
f(*a, *b, k=1, **c, **d)
)py",
     R"py(Module(body=[Assign(targets=[Name(id='lc', ctx=Store(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=2)], value=ListComp(elt=BinOp(left=Name(id='x', ctx=Load(), lineno=1, col_offset=6, end_lineno=1, end_col_offset=7), op=Mult(), right=Name(id='y', ctx=Load(), lineno=1, col_offset=10, end_lineno=1, end_col_offset=11), lineno=1, col_offset=6, end_lineno=1, end_col_offset=11), generators=[comprehension(target=Name(id='x', ctx=Store(), lineno=1, col_offset=16, end_lineno=1, end_col_offset=17), iter=Call(func=Name(id='range', ctx=Load(), lineno=1, col_offset=21, end_lineno=1, end_col_offset=26), args=[Constant(value=3, lineno=1, col_offset=27, end_lineno=1, end_col_offset=28)], keywords=[], lineno=1, col_offset=21, end_lineno=1, end_col_offset=29), ifs=[Name(id='x', ctx=Load(), lineno=1, col_offset=33, end_lineno=1, end_col_offset=34)], is_async=0), comprehension(target=Name(id='y', ctx=Store(), lineno=1, col_offset=39, end_lineno=1, end_col_offset=40), iter=Name(id='z', ctx=Load(), lineno=1, col_offset=44, end_lineno=1, end_col_offset=45), ifs=[Name(id='y', ctx=Load(), lineno=1, col_offset=49, end_lineno=1, end_col_offset=50), UnaryOp(op=Not(), operand=Name(id='x', ctx=Load(), lineno=1, col_offset=58, end_lineno=1, end_col_offset=59), lineno=1, col_offset=54, end_lineno=1, end_col_offset=59)], is_async=0)], lineno=1, col_offset=5, end_lineno=1, end_col_offset=60), lineno=1, col_offset=0, end_lineno=1, end_col_offset=60), Assign(targets=[Name(id='sc', ctx=Store(), lineno=2, col_offset=0, end_lineno=2, end_col_offset=2)], value=SetComp(elt=Name(id='x', ctx=Load(), lineno=2, col_offset=6, end_lineno=2, end_col_offset=7), generators=[comprehension(target=Name(id='x', ctx=Store(), lineno=2, col_offset=12, end_lineno=2, end_col_offset=13), iter=Name(id='y', ctx=Load(), lineno=2, col_offset=17, end_lineno=2, end_col_offset=18), ifs=[], is_async=0)], lineno=2, col_offset=5, end_lineno=2, end_col_offset=19), lineno=2, col_offset=0, end_lineno=2, end_col_offset=19), Assign(targets=[Name(id='dc', ctx=Store(), lineno=3, col_offset=0, end_lineno=3, end_col_offset=2)], value=DictComp(key=Name(id='k', ctx=Load(), lineno=3, col_offset=6, end_lineno=3, end_col_offset=7), value=Name(id='v', ctx=Load(), lineno=3, col_offset=9, end_lineno=3, end_col_offset=10), generators=[comprehension(target=Tuple(elts=[Name(id='k', ctx=Store(), lineno=3, col_offset=15, end_lineno=3, end_col_offset=16), Name(id='v', ctx=Store(), lineno=3, col_offset=18, end_lineno=3, end_col_offset=19)], ctx=Store(), lineno=3, col_offset=15, end_lineno=3, end_col_offset=19), iter=Call(func=Attribute(value=Name(id='d', ctx=Load(), lineno=3, col_offset=23, end_lineno=3, end_col_offset=24), attr='items', ctx=Load(), lineno=3, col_offset=23, end_lineno=3, end_col_offset=30), args=[], keywords=[], lineno=3, col_offset=23, end_lineno=3, end_col_offset=32), ifs=[], is_async=0)], lineno=3, col_offset=5, end_lineno=3, end_col_offset=33), lineno=3, col_offset=0, end_lineno=3, end_col_offset=33), Expr(value=Call(func=Name(id='f', ctx=Load(), lineno=4, col_offset=0, end_lineno=4, end_col_offset=1), args=[GeneratorExp(elt=Name(id='x', ctx=Load(), lineno=4, col_offset=2, end_lineno=4, end_col_offset=3), generators=[comprehension(target=Name(id='x', ctx=Store(), lineno=4, col_offset=8, end_lineno=4, end_col_offset=9), iter=Name(id='y', ctx=Load(), lineno=4, col_offset=13, end_lineno=4, end_col_offset=14), ifs=[], is_async=0)], lineno=4, col_offset=1, end_lineno=4, end_col_offset=15)], keywords=[], lineno=4, col_offset=0, end_lineno=4, end_col_offset=15), lineno=4, col_offset=0, end_lineno=4, end_col_offset=15), Expr(value=Call(func=Name(id='f', ctx=Load(), lineno=5, col_offset=0, end_lineno=5, end_col_offset=1), args=[Starred(value=Name(id='a', ctx=Load(), lineno=5, col_offset=3, end_lineno=5, end_col_offset=4), ctx=Load(), lineno=5, col_offset=2, end_lineno=5, end_col_offset=4), Starred(value=Name(id='b', ctx=Load(), lineno=5, col_offset=7, end_lineno=5, end_col_offset=8), ctx=Load(), lineno=5, col_offset=6, end_lineno=5, end_col_offset=8)], keywords=[keyword(arg='k', value=Constant(value=1, lineno=5, col_offset=12, end_lineno=5, end_col_offset=13), lineno=5, col_offset=10, end_lineno=5, end_col_offset=13), keyword(value=Name(id='c', ctx=Load(), lineno=5, col_offset=17, end_lineno=5, end_col_offset=18), lineno=5, col_offset=15, end_lineno=5, end_col_offset=18), keyword(value=Name(id='d', ctx=Load(), lineno=5, col_offset=22, end_lineno=5, end_col_offset=23), lineno=5, col_offset=20, end_lineno=5, end_col_offset=23)], lineno=5, col_offset=0, end_lineno=5, end_col_offset=24), lineno=5, col_offset=0, end_lineno=5, end_col_offset=24)], type_ignores=[]))py"},
    {R"py(if (n := len(a)) > 10: pass
print(y := 5)
[y := f(x), y**2]
)py",
     R"py(Module(body=[If(test=Compare(left=NamedExpr(target=Name(id='n', ctx=Store(), lineno=1, col_offset=4, end_lineno=1, end_col_offset=5), value=Call(func=Name(id='len', ctx=Load(), lineno=1, col_offset=9, end_lineno=1, end_col_offset=12), args=[Name(id='a', ctx=Load(), lineno=1, col_offset=13, end_lineno=1, end_col_offset=14)], keywords=[], lineno=1, col_offset=9, end_lineno=1, end_col_offset=15), lineno=1, col_offset=4, end_lineno=1, end_col_offset=15), ops=[Gt()], comparators=[Constant(value=10, lineno=1, col_offset=19, end_lineno=1, end_col_offset=21)], lineno=1, col_offset=3, end_lineno=1, end_col_offset=21), body=[Pass(lineno=1, col_offset=23, end_lineno=1, end_col_offset=27)], orelse=[], lineno=1, col_offset=0, end_lineno=1, end_col_offset=27), Expr(value=Call(func=Name(id='print', ctx=Load(), lineno=2, col_offset=0, end_lineno=2, end_col_offset=5), args=[NamedExpr(target=Name(id='y', ctx=Store(), lineno=2, col_offset=6, end_lineno=2, end_col_offset=7), value=Constant(value=5, lineno=2, col_offset=11, end_lineno=2, end_col_offset=12), lineno=2, col_offset=6, end_lineno=2, end_col_offset=12)], keywords=[], lineno=2, col_offset=0, end_lineno=2, end_col_offset=13), lineno=2, col_offset=0, end_lineno=2, end_col_offset=13), Expr(value=List(elts=[NamedExpr(target=Name(id='y', ctx=Store(), lineno=3, col_offset=1, end_lineno=3, end_col_offset=2), value=Call(func=Name(id='f', ctx=Load(), lineno=3, col_offset=6, end_lineno=3, end_col_offset=7), args=[Name(id='x', ctx=Load(), lineno=3, col_offset=8, end_lineno=3, end_col_offset=9)], keywords=[], lineno=3, col_offset=6, end_lineno=3, end_col_offset=10), lineno=3, col_offset=1, end_lineno=3, end_col_offset=10), BinOp(left=Name(id='y', ctx=Load(), lineno=3, col_offset=12, end_lineno=3, end_col_offset=13), op=Pow(), right=Constant(value=2, lineno=3, col_offset=15, end_lineno=3, end_col_offset=16), lineno=3, col_offset=12, end_lineno=3, end_col_offset=16)], ctx=Load(), lineno=3, col_offset=0, end_lineno=3, end_col_offset=17), lineno=3, col_offset=0, end_lineno=3, end_col_offset=17)], type_ignores=[]))py"},
    {R"py(a[1]; a[1:2]; a[::2]; a[:]; a[1:2:3]; a[1,2]; a[1:2, 3]; a[*b]; a[i,]
)py",
     R"py(Module(body=[Expr(value=Subscript(value=Name(id='a', ctx=Load(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1), slice=Constant(value=1, lineno=1, col_offset=2, end_lineno=1, end_col_offset=3), ctx=Load(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=4), lineno=1, col_offset=0, end_lineno=1, end_col_offset=4), Expr(value=Subscript(value=Name(id='a', ctx=Load(), lineno=1, col_offset=6, end_lineno=1, end_col_offset=7), slice=Slice(lower=Constant(value=1, lineno=1, col_offset=8, end_lineno=1, end_col_offset=9), upper=Constant(value=2, lineno=1, col_offset=10, end_lineno=1, end_col_offset=11), lineno=1, col_offset=8, end_lineno=1, end_col_offset=11), ctx=Load(), lineno=1, col_offset=6, end_lineno=1, end_col_offset=12), lineno=1, col_offset=6, end_lineno=1, end_col_offset=12), Expr(value=Subscript(value=Name(id='a', ctx=Load(), lineno=1, col_offset=14, end_lineno=1, end_col_offset=15), slice=Slice(step=Constant(value=2, lineno=1, col_offset=18, end_lineno=1, end_col_offset=19), lineno=1, col_offset=16, end_lineno=1, end_col_offset=19), ctx=Load(), lineno=1, col_offset=14, end_lineno=1, end_col_offset=20), lineno=1, col_offset=14, end_lineno=1, end_col_offset=20), Expr(value=Subscript(value=Name(id='a', ctx=Load(), lineno=1, col_offset=22, end_lineno=1, end_col_offset=23), slice=Slice(lineno=1, col_offset=24, end_lineno=1, end_col_offset=25), ctx=Load(), lineno=1, col_offset=22, end_lineno=1, end_col_offset=26), lineno=1, col_offset=22, end_lineno=1, end_col_offset=26), Expr(value=Subscript(value=Name(id='a', ctx=Load(), lineno=1, col_offset=28, end_lineno=1, end_col_offset=29), slice=Slice(lower=Constant(value=1, lineno=1, col_offset=30, end_lineno=1, end_col_offset=31), upper=Constant(value=2, lineno=1, col_offset=32, end_lineno=1, end_col_offset=33), step=Constant(value=3, lineno=1, col_offset=34, end_lineno=1, end_col_offset=35), lineno=1, col_offset=30, end_lineno=1, end_col_offset=35), ctx=Load(), lineno=1, col_offset=28, end_lineno=1, end_col_offset=36), lineno=1, col_offset=28, end_lineno=1, end_col_offset=36), Expr(value=Subscript(value=Name(id='a', ctx=Load(), lineno=1, col_offset=38, end_lineno=1, end_col_offset=39), slice=Tuple(elts=[Constant(value=1, lineno=1, col_offset=40, end_lineno=1, end_col_offset=41), Constant(value=2, lineno=1, col_offset=42, end_lineno=1, end_col_offset=43)], ctx=Load(), lineno=1, col_offset=40, end_lineno=1, end_col_offset=43), ctx=Load(), lineno=1, col_offset=38, end_lineno=1, end_col_offset=44), lineno=1, col_offset=38, end_lineno=1, end_col_offset=44), Expr(value=Subscript(value=Name(id='a', ctx=Load(), lineno=1, col_offset=46, end_lineno=1, end_col_offset=47), slice=Tuple(elts=[Slice(lower=Constant(value=1, lineno=1, col_offset=48, end_lineno=1, end_col_offset=49), upper=Constant(value=2, lineno=1, col_offset=50, end_lineno=1, end_col_offset=51), lineno=1, col_offset=48, end_lineno=1, end_col_offset=51), Constant(value=3, lineno=1, col_offset=53, end_lineno=1, end_col_offset=54)], ctx=Load(), lineno=1, col_offset=48, end_lineno=1, end_col_offset=54), ctx=Load(), lineno=1, col_offset=46, end_lineno=1, end_col_offset=55), lineno=1, col_offset=46, end_lineno=1, end_col_offset=55), Expr(value=Subscript(value=Name(id='a', ctx=Load(), lineno=1, col_offset=57, end_lineno=1, end_col_offset=58), slice=Tuple(elts=[Starred(value=Name(id='b', ctx=Load(), lineno=1, col_offset=60, end_lineno=1, end_col_offset=61), ctx=Load(), lineno=1, col_offset=59, end_lineno=1, end_col_offset=61)], ctx=Load(), lineno=1, col_offset=59, end_lineno=1, end_col_offset=61), ctx=Load(), lineno=1, col_offset=57, end_lineno=1, end_col_offset=62), lineno=1, col_offset=57, end_lineno=1, end_col_offset=62), Expr(value=Subscript(value=Name(id='a', ctx=Load(), lineno=1, col_offset=64, end_lineno=1, end_col_offset=65), slice=Tuple(elts=[Name(id='i', ctx=Load(), lineno=1, col_offset=66, end_lineno=1, end_col_offset=67)], ctx=Load(), lineno=1, col_offset=66, end_lineno=1, end_col_offset=68), ctx=Load(), lineno=1, col_offset=64, end_lineno=1, end_col_offset=69), lineno=1, col_offset=64, end_lineno=1, end_col_offset=69)], type_ignores=[]))py"},
    {R"py(x = ...
x = None, True, False
)py",
     R"py(Module(body=[Assign(targets=[Name(id='x', ctx=Store(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1)], value=Constant(value=Ellipsis, lineno=1, col_offset=4, end_lineno=1, end_col_offset=7), lineno=1, col_offset=0, end_lineno=1, end_col_offset=7), Assign(targets=[Name(id='x', ctx=Store(), lineno=2, col_offset=0, end_lineno=2, end_col_offset=1)], value=Tuple(elts=[Constant(value=None, lineno=2, col_offset=4, end_lineno=2, end_col_offset=8), Constant(value=True, lineno=2, col_offset=10, end_lineno=2, end_col_offset=14), Constant(value=False, lineno=2, col_offset=16, end_lineno=2, end_col_offset=21)], ctx=Load(), lineno=2, col_offset=4, end_lineno=2, end_col_offset=21), lineno=2, col_offset=0, end_lineno=2, end_col_offset=21)], type_ignores=[]))py"},
    {R"py(x = (1 +
     2)
y = [
  1,
  2,
]
)py",
     R"py(Module(body=[Assign(targets=[Name(id='x', ctx=Store(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1)], value=BinOp(left=Constant(value=1, lineno=1, col_offset=5, end_lineno=1, end_col_offset=6), op=Add(), right=Constant(value=2, lineno=2, col_offset=5, end_lineno=2, end_col_offset=6), lineno=1, col_offset=5, end_lineno=2, end_col_offset=6), lineno=1, col_offset=0, end_lineno=2, end_col_offset=7), Assign(targets=[Name(id='y', ctx=Store(), lineno=3, col_offset=0, end_lineno=3, end_col_offset=1)], value=List(elts=[Constant(value=1, lineno=4, col_offset=2, end_lineno=4, end_col_offset=3), Constant(value=2, lineno=5, col_offset=2, end_lineno=5, end_col_offset=3)], ctx=Load(), lineno=3, col_offset=4, end_lineno=6, end_col_offset=1), lineno=3, col_offset=0, end_lineno=6, end_col_offset=1)], type_ignores=[]))py"},
    {R"py(if x:
    if y:
        pass
    # comment
        # deeper comment

z = 1
)py",
     R"py(Module(body=[If(test=Name(id='x', ctx=Load(), lineno=1, col_offset=3, end_lineno=1, end_col_offset=4), body=[If(test=Name(id='y', ctx=Load(), lineno=2, col_offset=7, end_lineno=2, end_col_offset=8), body=[Pass(lineno=3, col_offset=8, end_lineno=3, end_col_offset=12)], orelse=[], lineno=2, col_offset=4, end_lineno=3, end_col_offset=12)], orelse=[], lineno=1, col_offset=0, end_lineno=3, end_col_offset=12), Assign(targets=[Name(id='z', ctx=Store(), lineno=7, col_offset=0, end_lineno=7, end_col_offset=1)], value=Constant(value=1, lineno=7, col_offset=4, end_lineno=7, end_col_offset=5), lineno=7, col_offset=0, end_lineno=7, end_col_offset=5)], type_ignores=[]))py"},
    {R"py(x = 1 \
    + 2
)py",
     R"py(Module(body=[Assign(targets=[Name(id='x', ctx=Store(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1)], value=BinOp(left=Constant(value=1, lineno=1, col_offset=4, end_lineno=1, end_col_offset=5), op=Add(), right=Constant(value=2, lineno=2, col_offset=6, end_lineno=2, end_col_offset=7), lineno=1, col_offset=4, end_lineno=2, end_col_offset=7), lineno=1, col_offset=0, end_lineno=2, end_col_offset=7)], type_ignores=[]))py"},
    {R"py(if x:
	y = 1
	if z:
		w = 2
)py",
     R"py(Module(body=[If(test=Name(id='x', ctx=Load(), lineno=1, col_offset=3, end_lineno=1, end_col_offset=4), body=[Assign(targets=[Name(id='y', ctx=Store(), lineno=2, col_offset=1, end_lineno=2, end_col_offset=2)], value=Constant(value=1, lineno=2, col_offset=5, end_lineno=2, end_col_offset=6), lineno=2, col_offset=1, end_lineno=2, end_col_offset=6), If(test=Name(id='z', ctx=Load(), lineno=3, col_offset=4, end_lineno=3, end_col_offset=5), body=[Assign(targets=[Name(id='w', ctx=Store(), lineno=4, col_offset=2, end_lineno=4, end_col_offset=3)], value=Constant(value=2, lineno=4, col_offset=6, end_lineno=4, end_col_offset=7), lineno=4, col_offset=2, end_lineno=4, end_col_offset=7)], orelse=[], lineno=3, col_offset=1, end_lineno=4, end_col_offset=7)], orelse=[], lineno=1, col_offset=0, end_lineno=4, end_col_offset=7)], type_ignores=[]))py"},
    {R"py(   
# only comments
)py",
     R"py(Module(body=[], type_ignores=[]))py"},
    {R"py(é = 1
名前 = "値"
print(é, 名前)
)py",
     R"py(Module(body=[Assign(targets=[Name(id='é', ctx=Store(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=2)], value=Constant(value=1, lineno=1, col_offset=5, end_lineno=1, end_col_offset=6), lineno=1, col_offset=0, end_lineno=1, end_col_offset=6), Assign(targets=[Name(id='名前', ctx=Store(), lineno=2, col_offset=0, end_lineno=2, end_col_offset=6)], value=Constant(value='値', lineno=2, col_offset=9, end_lineno=2, end_col_offset=14), lineno=2, col_offset=0, end_lineno=2, end_col_offset=14), Expr(value=Call(func=Name(id='print', ctx=Load(), lineno=3, col_offset=0, end_lineno=3, end_col_offset=5), args=[Name(id='é', ctx=Load(), lineno=3, col_offset=6, end_lineno=3, end_col_offset=8), Name(id='名前', ctx=Load(), lineno=3, col_offset=10, end_lineno=3, end_col_offset=16)], keywords=[], lineno=3, col_offset=0, end_lineno=3, end_col_offset=17), lineno=3, col_offset=0, end_lineno=3, end_col_offset=17)], type_ignores=[]))py"},
    {R"py(x = 1
)py",
     R"py(Module(body=[Assign(targets=[Name(id='x', ctx=Store(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1)], value=Constant(value=1, lineno=1, col_offset=4, end_lineno=1, end_col_offset=5), lineno=1, col_offset=0, end_lineno=1, end_col_offset=5)], type_ignores=[]))py"},
    {R"py(def f(*args: int, **kwargs: str): pass
)py",
     R"py(Module(body=[FunctionDef(name='f', args=arguments(posonlyargs=[], args=[], vararg=arg(arg='args', annotation=Name(id='int', ctx=Load(), lineno=1, col_offset=13, end_lineno=1, end_col_offset=16), lineno=1, col_offset=7, end_lineno=1, end_col_offset=16), kwonlyargs=[], kw_defaults=[], kwarg=arg(arg='kwargs', annotation=Name(id='str', ctx=Load(), lineno=1, col_offset=28, end_lineno=1, end_col_offset=31), lineno=1, col_offset=20, end_lineno=1, end_col_offset=31), defaults=[]), body=[Pass(lineno=1, col_offset=34, end_lineno=1, end_col_offset=38)], decorator_list=[], lineno=1, col_offset=0, end_lineno=1, end_col_offset=38)], type_ignores=[]))py"},
    {R"py(a = b = c = 1
x = yield_ = 2
)py",
     R"py(Module(body=[Assign(targets=[Name(id='a', ctx=Store(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1), Name(id='b', ctx=Store(), lineno=1, col_offset=4, end_lineno=1, end_col_offset=5), Name(id='c', ctx=Store(), lineno=1, col_offset=8, end_lineno=1, end_col_offset=9)], value=Constant(value=1, lineno=1, col_offset=12, end_lineno=1, end_col_offset=13), lineno=1, col_offset=0, end_lineno=1, end_col_offset=13), Assign(targets=[Name(id='x', ctx=Store(), lineno=2, col_offset=0, end_lineno=2, end_col_offset=1), Name(id='yield_', ctx=Store(), lineno=2, col_offset=4, end_lineno=2, end_col_offset=10)], value=Constant(value=2, lineno=2, col_offset=13, end_lineno=2, end_col_offset=14), lineno=2, col_offset=0, end_lineno=2, end_col_offset=14)], type_ignores=[]))py"},
    {R"py(print("a", end="")
print(*a, sep=", ")
)py",
     R"py(Module(body=[Expr(value=Call(func=Name(id='print', ctx=Load(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=5), args=[Constant(value='a', lineno=1, col_offset=6, end_lineno=1, end_col_offset=9)], keywords=[keyword(arg='end', value=Constant(value='', lineno=1, col_offset=15, end_lineno=1, end_col_offset=17), lineno=1, col_offset=11, end_lineno=1, end_col_offset=17)], lineno=1, col_offset=0, end_lineno=1, end_col_offset=18), lineno=1, col_offset=0, end_lineno=1, end_col_offset=18), Expr(value=Call(func=Name(id='print', ctx=Load(), lineno=2, col_offset=0, end_lineno=2, end_col_offset=5), args=[Starred(value=Name(id='a', ctx=Load(), lineno=2, col_offset=7, end_lineno=2, end_col_offset=8), ctx=Load(), lineno=2, col_offset=6, end_lineno=2, end_col_offset=8)], keywords=[keyword(arg='sep', value=Constant(value=', ', lineno=2, col_offset=14, end_lineno=2, end_col_offset=18), lineno=2, col_offset=10, end_lineno=2, end_col_offset=18)], lineno=2, col_offset=0, end_lineno=2, end_col_offset=19), lineno=2, col_offset=0, end_lineno=2, end_col_offset=19)], type_ignores=[]))py"},
    {R"py(x = 0xDEAD_BEEF
y = 9223372036854775807
z = 9223372036854775808
w = 0xFFFFFFFFFFFFFFFF
)py",
     R"py(Module(body=[Assign(targets=[Name(id='x', ctx=Store(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1)], value=Constant(value=3735928559, lineno=1, col_offset=4, end_lineno=1, end_col_offset=15), lineno=1, col_offset=0, end_lineno=1, end_col_offset=15), Assign(targets=[Name(id='y', ctx=Store(), lineno=2, col_offset=0, end_lineno=2, end_col_offset=1)], value=Constant(value=9223372036854775807, lineno=2, col_offset=4, end_lineno=2, end_col_offset=23), lineno=2, col_offset=0, end_lineno=2, end_col_offset=23), Assign(targets=[Name(id='z', ctx=Store(), lineno=3, col_offset=0, end_lineno=3, end_col_offset=1)], value=Constant(value=9223372036854775808, lineno=3, col_offset=4, end_lineno=3, end_col_offset=23), lineno=3, col_offset=0, end_lineno=3, end_col_offset=23), Assign(targets=[Name(id='w', ctx=Store(), lineno=4, col_offset=0, end_lineno=4, end_col_offset=1)], value=Constant(value=18446744073709551615, lineno=4, col_offset=4, end_lineno=4, end_col_offset=22), lineno=4, col_offset=0, end_lineno=4, end_col_offset=22)], type_ignores=[]))py"},
};

inline const LangCase kErrorCases[] = {
    {R"py(x = (1 +
)py",
     R"py(  File "prog.py", line 1
    x = (1 +
        ^
SyntaxError: '(' was never closed
)py"},
    {R"py(f() = 1
)py",
     R"py(  File "prog.py", line 1
    f() = 1
    ^^^
SyntaxError: cannot assign to function call here. Maybe you meant '==' instead of '='?
)py"},
    {R"py(1 = x
)py",
     R"py(  File "prog.py", line 1
    1 = x
    ^
SyntaxError: cannot assign to literal here. Maybe you meant '==' instead of '='?
)py"},
    {R"py(for 1 in x: pass
)py",
     R"py(  File "prog.py", line 1
    for 1 in x: pass
        ^
SyntaxError: cannot assign to literal
)py"},
    {R"py((1) = 2
)py",
     R"py(  File "prog.py", line 1
    (1) = 2
     ^
SyntaxError: cannot assign to literal here. Maybe you meant '==' instead of '='?
)py"},
    {R"py(print "hi"
)py",
     R"py(  File "prog.py", line 1
    print "hi"
    ^^^^^^^^^^
SyntaxError: Missing parentheses in call to 'print'. Did you mean print(...)?
)py"},
    {R"py(print x
)py",
     R"py(  File "prog.py", line 1
    print x
    ^^^^^^^
SyntaxError: Missing parentheses in call to 'print'. Did you mean print(...)?
)py"},
    {R"py(exec "x"
)py",
     R"py(  File "prog.py", line 1
    exec "x"
    ^^^^^^^^
SyntaxError: Missing parentheses in call to 'exec'. Did you mean exec(...)?
)py"},
    {R"py(f(a b)
)py",
     R"py(  File "prog.py", line 1
    f(a b)
      ^^^
SyntaxError: invalid syntax. Perhaps you forgot a comma?
)py"},
    {R"py(x = 1 2
)py",
     R"py(  File "prog.py", line 1
    x = 1 2
          ^
SyntaxError: invalid syntax
)py"},
    {R"py(if x
  pass
)py",
     R"py(  File "prog.py", line 1
    if x
        ^
SyntaxError: expected ':'
)py"},
    {R"py(x = [1, 2)
)py",
     R"py(  File "prog.py", line 1
    x = [1, 2)
             ^
SyntaxError: closing parenthesis ')' does not match opening parenthesis '['
)py"},
    {R"py(x = (1,
2]
)py",
     R"py(  File "prog.py", line 2
    2]
     ^
SyntaxError: closing parenthesis ']' does not match opening parenthesis '(' on line 1
)py"},
    {R"py()
)py",
     R"py(  File "prog.py", line 1
    )
    ^
SyntaxError: unmatched ')'
)py"},
    {R"py(s = 'abc
)py",
     R"py(  File "prog.py", line 1
    s = 'abc
        ^
SyntaxError: unterminated string literal (detected at line 1)
)py"},
    {R"py(s = """abc
def
)py",
     R"py(  File "prog.py", line 1
    s = """abc
        ^
SyntaxError: unterminated triple-quoted string literal (detected at line 2)
)py"},
    {R"py(if x:
pass
)py",
     R"py(  File "prog.py", line 2
    pass
    ^
IndentationError: expected an indented block after 'if' statement on line 1
)py"},
    {R"py(  x = 1
)py",
     R"py(  File "prog.py", line 1
    x = 1
IndentationError: unexpected indent
)py"},
    {R"py(if x:
    a
  b
)py",
     R"py(  File "prog.py", line 3
    b
     ^
IndentationError: unindent does not match any outer indentation level
)py"},
    {R"py(1abc
)py",
     R"py(  File "prog.py", line 1
    1abc
    ^
SyntaxError: invalid decimal literal
)py"},
    {R"py(0x
)py",
     R"py(  File "prog.py", line 1
    0x
     ^
SyntaxError: invalid hexadecimal literal
)py"},
    {R"py(012
)py",
     R"py(  File "prog.py", line 1
    012
    ^
SyntaxError: leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers
)py"},
    {R"py(0b12
)py",
     R"py(  File "prog.py", line 1
    0b12
       ^
SyntaxError: invalid digit '2' in binary literal
)py"},
    {R"py(0o8
)py",
     R"py(  File "prog.py", line 1
    0o8
      ^
SyntaxError: invalid digit '8' in octal literal
)py"},
    {R"py(1__0
)py",
     R"py(  File "prog.py", line 1
    1__0
     ^
SyntaxError: invalid decimal literal
)py"},
    {R"py(1_
)py",
     R"py(  File "prog.py", line 1
    1_
     ^
SyntaxError: invalid decimal literal
)py"},
    {R"py(1.e
)py",
     R"py(  File "prog.py", line 1
    1.e
     ^
SyntaxError: invalid decimal literal
)py"},
    {R"py(x = 1 $ 2
)py",
     R"py(  File "prog.py", line 1
    x = 1 $ 2
          ^
SyntaxError: invalid syntax
)py"},
    {R"py(x = a ! b
)py",
     R"py(  File "prog.py", line 1
    x = a ! b
          ^
SyntaxError: invalid syntax
)py"},
    {R"py(x = €
)py",
     R"py(  File "prog.py", line 1
    x = €
        ^
SyntaxError: invalid character '€' (U+20AC)
)py"},
    {R"py(x = 1 \ 2
)py",
     R"py(  File "prog.py", line 1
    x = 1 \ 2
           ^
SyntaxError: unexpected character after line continuation character
)py"},
    {R"py(x = 0b
)py",
     R"py(  File "prog.py", line 1
    x = 0b
         ^
SyntaxError: invalid binary literal
)py"},
    {R"py(0xg
)py",
     R"py(  File "prog.py", line 1
    0xg
     ^
SyntaxError: invalid hexadecimal literal
)py"},
    {R"py(1e
)py",
     R"py(  File "prog.py", line 1
    1e
    ^
SyntaxError: invalid decimal literal
)py"},
    {R"py(1e+
)py",
     R"py(  File "prog.py", line 1
    1e+
      ^
SyntaxError: invalid decimal literal
)py"},
    {R"py(1.__class__
)py",
     R"py(  File "prog.py", line 1
    1.__class__
     ^
SyntaxError: invalid decimal literal
)py"},
    {R"py(12abc
)py",
     R"py(  File "prog.py", line 1
    12abc
     ^
SyntaxError: invalid decimal literal
)py"},
    {R"py(0xfabcz
)py",
     R"py(  File "prog.py", line 1
    0xfabcz
         ^
SyntaxError: invalid hexadecimal literal
)py"},
    {R"py(x = [1,
(2,
)py",
     R"py(  File "prog.py", line 2
    (2,
    ^
SyntaxError: '(' was never closed
)py"},
    {R"py(x = ()
)
)py",
     R"py(  File "prog.py", line 2
    )
    ^
SyntaxError: unmatched ')'
)py"},
    {R"py(def f(:
)py",
     R"py(  File "prog.py", line 1
    def f(:
          ^
SyntaxError: invalid syntax
)py"},
    {R"py(if True:
	x=1
        y=2
)py",
     R"py(  File "prog.py", line 3
    y=2
TabError: inconsistent use of tabs and spaces in indentation
)py"},
    {R"py(if True:
        x=1
	y=2
)py",
     R"py(  File "prog.py", line 3
    y=2
TabError: inconsistent use of tabs and spaces in indentation
)py"},
    {R"py("abc" "def
)py",
     R"py(  File "prog.py", line 1
    "abc" "def
          ^
SyntaxError: unterminated string literal (detected at line 1)
)py"},
    {R"py(x = f"{a["b"]}"
)py",
     R"py(  File "prog.py", line 1
    x = f"{a["b"]}"
                   ^
SyntaxError: f-string: unmatched '['
)py"},
    {R"py(f() = 1
x = "abc
)py",
     R"py(  File "prog.py", line 2
    x = "abc
        ^
SyntaxError: unterminated string literal (detected at line 2)
)py"},
    {R"py(x = (1,
f() = 1
)py",
     R"py(  File "prog.py", line 1
    x = (1,
        ^
SyntaxError: '(' was never closed
)py"},
    {R"py(x = (
if x
)py",
     R"py(  File "prog.py", line 1
    x = (
        ^
SyntaxError: '(' was never closed
)py"},
    {R"py(if x
  y=1
x = (
)py",
     R"py(  File "prog.py", line 1
    if x
        ^
SyntaxError: expected ':'
)py"},
    {R"py(f(a b
)py",
     R"py(  File "prog.py", line 1
    f(a b
     ^
SyntaxError: '(' was never closed
)py"},
    {R"py(x = [1 2
)py",
     R"py(  File "prog.py", line 1
    x = [1 2
        ^
SyntaxError: '[' was never closed
)py"},
    {R"py(x = 1 +
)py",
     R"py(  File "prog.py", line 1
    x = 1 +
           ^
SyntaxError: invalid syntax
)py"},
    {R"py(def f(x):
return x
)py",
     R"py(  File "prog.py", line 2
    return x
    ^
IndentationError: expected an indented block after function definition on line 1
)py"},
    {R"py(class A:
)py",
     R"py(  File "prog.py", line 1
    class A:
IndentationError: expected an indented block after class definition on line 1
)py"},
    {R"py(for x in y:
z
)py",
     R"py(  File "prog.py", line 2
    z
    ^
IndentationError: expected an indented block after 'for' statement on line 1
)py"},
    {R"py(while x:
z
)py",
     R"py(  File "prog.py", line 2
    z
    ^
IndentationError: expected an indented block after 'while' statement on line 1
)py"},
    {R"py(try:
z
)py",
     R"py(  File "prog.py", line 2
    z
    ^
IndentationError: expected an indented block after 'try' statement on line 1
)py"},
    {R"py(try:
  z
w
)py",
     R"py(  File "prog.py", line 3
    w
    ^
SyntaxError: expected 'except' or 'finally' block
)py"},
    {R"py(with a:
z
)py",
     R"py(  File "prog.py", line 2
    z
    ^
IndentationError: expected an indented block after 'with' statement on line 1
)py"},
    {R"py(def f():
  pass
   x
)py",
     R"py(  File "prog.py", line 3
    x
IndentationError: unexpected indent
)py"},
    {R"py(x = 
)py",
     R"py(  File "prog.py", line 1
    x = 
        ^
SyntaxError: invalid syntax
)py"},
    {R"py(x +
)py",
     R"py(  File "prog.py", line 1
    x +
       ^
SyntaxError: invalid syntax
)py"},
    {R"py(a.
)py",
     R"py(  File "prog.py", line 1
    a.
      ^
SyntaxError: invalid syntax
)py"},
    {R"py(x = 1 +  # c
)py",
     R"py(  File "prog.py", line 1
    x = 1 +  # c
             ^^^
SyntaxError: invalid syntax
)py"},
    {R"py(x = 1 + ;
)py",
     R"py(  File "prog.py", line 1
    x = 1 + ;
            ^
SyntaxError: invalid syntax
)py"},
    {R"py(foo(
1,
2 +)
)py",
     R"py(  File "prog.py", line 3
    2 +)
       ^
SyntaxError: invalid syntax
)py"},
    {R"py(x = yield = 3
)py",
     R"py(  File "prog.py", line 1
    x = yield = 3
        ^^^^^
SyntaxError: assignment to yield expression not possible
)py"},
    {R"py(import
)py",
     R"py(  File "prog.py", line 1
    import
          ^
SyntaxError: invalid syntax
)py"},
    {R"py(del 1
)py",
     R"py(  File "prog.py", line 1
    del 1
        ^
SyntaxError: cannot delete literal
)py"},
    {R"py(del f()
)py",
     R"py(  File "prog.py", line 1
    del f()
        ^^^
SyntaxError: cannot delete function call
)py"},
    {R"py(del (a, 1)
)py",
     R"py(  File "prog.py", line 1
    del (a, 1)
            ^
SyntaxError: cannot delete literal
)py"},
    {R"py(x + 1 = 2
)py",
     R"py(  File "prog.py", line 1
    x + 1 = 2
    ^^^^^
SyntaxError: cannot assign to expression here. Maybe you meant '==' instead of '='?
)py"},
    {R"py(a, f() = 1, 2
)py",
     R"py(  File "prog.py", line 1
    a, f() = 1, 2
       ^^^
SyntaxError: cannot assign to function call here. Maybe you meant '==' instead of '='?
)py"},
    {R"py(f() = x = 1
)py",
     R"py(  File "prog.py", line 1
    f() = x = 1
    ^^^
SyntaxError: cannot assign to function call
)py"},
    {R"py(x = f() = 1
)py",
     R"py(  File "prog.py", line 1
    x = f() = 1
        ^^^
SyntaxError: cannot assign to function call
)py"},
    {R"py([a, 1] = x
)py",
     R"py(  File "prog.py", line 1
    [a, 1] = x
        ^
SyntaxError: cannot assign to literal
)py"},
    {R"py((a, b) = (1) = 3
)py",
     R"py(  File "prog.py", line 1
    (a, b) = (1) = 3
              ^
SyntaxError: cannot assign to literal
)py"},
    {R"py(f() += 1
)py",
     R"py(  File "prog.py", line 1
    f() += 1
    ^^^
SyntaxError: 'function call' is an illegal expression for augmented assignment
)py"},
    {R"py((a, b) += 1
)py",
     R"py(  File "prog.py", line 1
    (a, b) += 1
    ^^^^^^
SyntaxError: 'tuple' is an illegal expression for augmented assignment
)py"},
    {R"py(a, b: int
)py",
     R"py(  File "prog.py", line 1
    a, b: int
    ^
SyntaxError: only single target (not tuple) can be annotated
)py"},
    {R"py(f(): int
)py",
     R"py(  File "prog.py", line 1
    f(): int
    ^^^
SyntaxError: illegal target for annotation
)py"},
    {R"py(x = a if b
)py",
     R"py(  File "prog.py", line 1
    x = a if b
        ^^^^^^
SyntaxError: expected 'else' after 'if' expression
)py"},
    {R"py(if x = 1:
  pass
)py",
     R"py(  File "prog.py", line 1
    if x = 1:
       ^^^^^
SyntaxError: invalid syntax. Maybe you meant '==' or ':=' instead of '='?
)py"},
    {R"py(while x = 1: pass
)py",
     R"py(  File "prog.py", line 1
    while x = 1: pass
          ^^^^^
SyntaxError: invalid syntax. Maybe you meant '==' or ':=' instead of '='?
)py"},
    {R"py(if f() = 1: pass
)py",
     R"py(  File "prog.py", line 1
    if f() = 1: pass
       ^^^
SyntaxError: cannot assign to function call here. Maybe you meant '==' instead of '='?
)py"},
    {R"py(f(x for x in y, 1)
)py",
     R"py(  File "prog.py", line 1
    f(x for x in y, 1)
      ^^^^^^^^^^^^
SyntaxError: Generator expression must be parenthesized
)py"},
    {R"py(f(1, x for x in y)
)py",
     R"py(  File "prog.py", line 1
    f(1, x for x in y)
         ^^^^^^^^^^^^
SyntaxError: Generator expression must be parenthesized
)py"},
    {R"py(print(x) y
)py",
     R"py(  File "prog.py", line 1
    print(x) y
             ^
SyntaxError: invalid syntax
)py"},
    {R"py(except
)py",
     R"py(  File "prog.py", line 1
    except
    ^^^^^^
SyntaxError: invalid syntax
)py"},
    {R"py(try:
  pass
except A, B:
  pass
)py",
     R"py(  File "prog.py", line 3
    except A, B:
           ^^^^
SyntaxError: multiple exception types must be parenthesized
)py"},
    {R"py(for x in y
  pass
)py",
     R"py(  File "prog.py", line 1
    for x in y
              ^
SyntaxError: expected ':'
)py"},
    {R"py(with a as b
  pass
)py",
     R"py(  File "prog.py", line 1
    with a as b
               ^
SyntaxError: expected ':'
)py"},
    {R"py(class A
  pass
)py",
     R"py(  File "prog.py", line 1
    class A
           ^
SyntaxError: expected ':'
)py"},
    {R"py(def f()
  pass
)py",
     R"py(  File "prog.py", line 1
    def f()
           ^
SyntaxError: expected ':'
)py"},
    {R"py(def f:
  pass
)py",
     R"py(  File "prog.py", line 1
    def f:
         ^
SyntaxError: expected '('
)py"},
    {R"py(else:
)py",
     R"py(  File "prog.py", line 1
    else:
    ^^^^
SyntaxError: invalid syntax
)py"},
    {R"py(x = 1 if 2 else
)py",
     R"py(  File "prog.py", line 1
    x = 1 if 2 else
                   ^
SyntaxError: invalid syntax
)py"},
    {R"py(import a.b as
)py",
     R"py(  File "prog.py", line 1
    import a.b as
                 ^
SyntaxError: invalid syntax
)py"},
    {R"py(from . import *, x
)py",
     R"py(  File "prog.py", line 1
    from . import *, x
                   ^
SyntaxError: invalid syntax
)py"},
    {R"py(from x import a,
)py",
     R"py(  File "prog.py", line 1
    from x import a,
                    ^
SyntaxError: trailing comma not allowed without surrounding parentheses
)py"},
    {R"py(@dec
x = 1
)py",
     R"py(  File "prog.py", line 2
    x = 1
    ^
SyntaxError: invalid syntax
)py"},
    {R"py(a = 1; ; b = 2
)py",
     R"py(  File "prog.py", line 1
    a = 1; ; b = 2
           ^
SyntaxError: invalid syntax
)py"},
    {R"py(1 <> 2
)py",
     R"py(  File "prog.py", line 1
    1 <> 2
      ^^
SyntaxError: invalid syntax
)py"},
    {R"py(x = `a`
)py",
     R"py(  File "prog.py", line 1
    x = `a`
        ^
SyntaxError: invalid syntax
)py"},
    {R"py(if x:
  pass
 else:
  pass
)py",
     R"py(  File "prog.py", line 3
    else:
         ^
IndentationError: unindent does not match any outer indentation level
)py"},
    {R"py(def f(*, **k): pass
)py",
     R"py(  File "prog.py", line 1
    def f(*, **k): pass
          ^
SyntaxError: named arguments must follow bare *
)py"},
    {R"py(f(a=1, 2)
)py",
     R"py(  File "prog.py", line 1
    f(a=1, 2)
            ^
SyntaxError: positional argument follows keyword argument
)py"},
    {R"py(f(**a, *b)
)py",
     R"py(  File "prog.py", line 1
    f(**a, *b)
           ^
SyntaxError: iterable argument unpacking follows keyword argument unpacking
)py"},
    {R"py(f(**a, b)
)py",
     R"py(  File "prog.py", line 1
    f(**a, b)
            ^
SyntaxError: positional argument follows keyword argument unpacking
)py"},
    {R"py(f(a.b=1)
)py",
     R"py(  File "prog.py", line 1
    f(a.b=1)
      ^^^^
SyntaxError: expression cannot contain assignment, perhaps you meant "=="?
)py"},
    {R"py(f(1=2)
)py",
     R"py(  File "prog.py", line 1
    f(1=2)
      ^^
SyntaxError: expression cannot contain assignment, perhaps you meant "=="?
)py"},
    {R"py(f(True=1)
)py",
     R"py(  File "prog.py", line 1
    f(True=1)
      ^^^^^
SyntaxError: cannot assign to True
)py"},
    {R"py(def f(**k, a): pass
)py",
     R"py(  File "prog.py", line 1
    def f(**k, a): pass
               ^
SyntaxError: arguments cannot follow var-keyword argument
)py"},
    {R"py(def f(a, /, b, /): pass
)py",
     R"py(  File "prog.py", line 1
    def f(a, /, b, /): pass
                   ^
SyntaxError: / may appear only once
)py"},
    {R"py(def f(*a, *b): pass
)py",
     R"py(  File "prog.py", line 1
    def f(*a, *b): pass
              ^
SyntaxError: * argument may appear only once
)py"},
    {R"py(def f(*): pass
)py",
     R"py(  File "prog.py", line 1
    def f(*): pass
          ^
SyntaxError: named arguments must follow bare *
)py"},
    {R"py(def f(**k=1): pass
)py",
     R"py(  File "prog.py", line 1
    def f(**k=1): pass
             ^
SyntaxError: var-keyword argument cannot have default value
)py"},
    {R"py(def f(*a=1): pass
)py",
     R"py(  File "prog.py", line 1
    def f(*a=1): pass
            ^
SyntaxError: var-positional argument cannot have default value
)py"},
    {R"py(def f(a=1, b): pass
)py",
     R"py(  File "prog.py", line 1
    def f(a=1, b): pass
               ^
SyntaxError: non-default argument follows default argument
)py"},
    {R"py(lambda a=1, b: 0
)py",
     R"py(  File "prog.py", line 1
    lambda a=1, b: 0
                ^
SyntaxError: non-default argument follows default argument
)py"},
    {R"py(x = "ab\x1"
)py",
     R"py(  File "prog.py", line 1
    x = "ab\x1"
               ^
SyntaxError: (unicode error) 'unicodeescape' codec can't decode bytes in position 2-4: truncated \xXX escape
)py"},
    {R"py(x = "\u12"
)py",
     R"py(  File "prog.py", line 1
    x = "\u12"
              ^
SyntaxError: (unicode error) 'unicodeescape' codec can't decode bytes in position 0-3: truncated \uXXXX escape
)py"},
    {R"py(x = b'\x'
)py",
     R"py(  File "prog.py", line 1
    x = b'\x'
             ^
SyntaxError: (value error) invalid \x escape at position 0
)py"},
    {R"py(x = b"é"
)py",
     R"py(  File "prog.py", line 1
    x = b"é"
        ^^^^^
SyntaxError: bytes can only contain ASCII literal characters
)py"},
    {R"py(x = "a" b"b"
)py",
     R"py(  File "prog.py", line 1
    x = "a" b"b"
                ^
SyntaxError: cannot mix bytes and nonbytes literals
)py"},
    {R"py(x = f"{}"
)py",
     R"py(  File "prog.py", line 1
    x = f"{}"
             ^
SyntaxError: f-string: empty expression not allowed
)py"},
    {R"py(x = f"{a b}" + 1
)py",
     R"py(  File "prog.py", line 1
    (a b)
     ^^^
SyntaxError: f-string: invalid syntax. Perhaps you forgot a comma?
)py"},
    {R"py(x = f"}"
)py",
     R"py(  File "prog.py", line 1
    x = f"}"
            ^
SyntaxError: f-string: single '}' is not allowed
)py"},
    {R"py(x = f"{a!x}"
)py",
     R"py(  File "prog.py", line 1
    x = f"{a!x}"
                ^
SyntaxError: f-string: invalid conversion character: expected 's', 'r', or 'a'
)py"},
    {R"py(x = f"{a"
)py",
     R"py(  File "prog.py", line 1
    x = f"{a"
             ^
SyntaxError: f-string: expecting '}'
)py"},
    {R"py(x = f"{a:{b:{c}}}"
)py",
     R"py(  File "prog.py", line 1
    x = f"{a:{b:{c}}}"
                      ^
SyntaxError: f-string: expressions nested too deeply
)py"},
    {R"py(x = f"{\n}"
)py",
     R"py(  File "prog.py", line 1
    x = f"{\n}"
               ^
SyntaxError: f-string expression part cannot include a backslash
)py"},
    {R"py(x = f"{#}"
)py",
     R"py(  File "prog.py", line 1
    x = f"{#}"
              ^
SyntaxError: f-string expression part cannot include '#'
)py"},
    {R"py(x = f"{a)}"
)py",
     R"py(  File "prog.py", line 1
    x = f"{a)}"
               ^
SyntaxError: f-string: unmatched ')'
)py"},
    {R"py(x = f"{a!}"
)py",
     R"py(  File "prog.py", line 1
    x = f"{a!}"
               ^
SyntaxError: f-string: invalid conversion character: expected 's', 'r', or 'a'
)py"},
    {R"py(x = f"{*a}"
)py",
     R"py(  File "prog.py", line 1
    (*a)
     ^^
SyntaxError: f-string: cannot use starred expression here
)py"},
    {R"py(x = "\U00110000"
)py",
     R"py(  File "prog.py", line 1
    x = "\U00110000"
                    ^
SyntaxError: (unicode error) 'unicodeescape' codec can't decode bytes in position 0-9: illegal Unicode character
)py"},
    {R"py(x = f"{1abc}"
)py",
     R"py(  File "prog.py", line 1
    (1abc)
     ^
SyntaxError: invalid decimal literal
)py"},
    {R"py(if x:
    y
     z
)py",
     R"py(  File "prog.py", line 3
    z
IndentationError: unexpected indent
)py"},
    {R"py(x = [i for i in range(3)
)py",
     R"py(  File "prog.py", line 1
    x = [i for i in range(3)
        ^
SyntaxError: '[' was never closed
)py"},
    {R"py(def f(
    a,
    b
)py",
     R"py(  File "prog.py", line 1
    def f(
         ^
SyntaxError: '(' was never closed
)py"},
    {R"py(class A:
    def f(self):
        return 1
      x = 2
)py",
     R"py(  File "prog.py", line 4
    x = 2
         ^
IndentationError: unindent does not match any outer indentation level
)py"},
    {R"py(while True
    pass
)py",
     R"py(  File "prog.py", line 1
    while True
              ^
SyntaxError: expected ':'
)py"},
    {R"py(for i in range(10) print(i)
)py",
     R"py(  File "prog.py", line 1
    for i in range(10) print(i)
                       ^^^^^
SyntaxError: invalid syntax
)py"},
    {R"py(x = {1: 2, 3}
)py",
     R"py(  File "prog.py", line 1
    x = {1: 2, 3}
               ^
SyntaxError: ':' expected after dictionary key
)py"},
    {R"py(x = {1, 2: 3}
)py",
     R"py(  File "prog.py", line 1
    x = {1, 2: 3}
             ^
SyntaxError: invalid syntax
)py"},
    {R"py([x, y for x in z]
)py",
     R"py(  File "prog.py", line 1
    [x, y for x in z]
     ^^^^
SyntaxError: did you forget parentheses around the comprehension target?
)py"},
    {R"py(x = a.1
)py",
     R"py(  File "prog.py", line 1
    x = a.1
         ^^
SyntaxError: invalid syntax
)py"},
    {R"py(def def(): pass
)py",
     R"py(  File "prog.py", line 1
    def def(): pass
        ^^^
SyntaxError: invalid syntax
)py"},
    {R"py(class = 1
)py",
     R"py(  File "prog.py", line 1
    class = 1
          ^
SyntaxError: invalid syntax
)py"},
    {R"py(import a.
)py",
     R"py(  File "prog.py", line 1
    import a.
             ^
SyntaxError: invalid syntax
)py"},
    {R"py(x = (a for a in b
)py",
     R"py(  File "prog.py", line 1
    x = (a for a in b
        ^
SyntaxError: '(' was never closed
)py"},
    {R"py(print("hello"
print("world")
)py",
     R"py(  File "prog.py", line 1
    print("hello"
         ^
SyntaxError: '(' was never closed
)py"},
    {R"py(if x:
    pass
  else:
    pass
)py",
     R"py(  File "prog.py", line 3
    else:
         ^
IndentationError: unindent does not match any outer indentation level
)py"},
    {R"py(x = 1
    y = 2
)py",
     R"py(  File "prog.py", line 2
    y = 2
IndentationError: unexpected indent
)py"},
    {R"py(a = 1 if True
)py",
     R"py(  File "prog.py", line 1
    a = 1 if True
        ^^^^^^^^^
SyntaxError: expected 'else' after 'if' expression
)py"},
    {R"py(x = 5 +* 3
)py",
     R"py(  File "prog.py", line 1
    x = 5 +* 3
           ^
SyntaxError: invalid syntax
)py"},
    {R"py(x = "abc" 1
)py",
     R"py(  File "prog.py", line 1
    x = "abc" 1
              ^
SyntaxError: invalid syntax
)py"},
    {R"py(f(,)
)py",
     R"py(  File "prog.py", line 1
    f(,)
      ^
SyntaxError: invalid syntax
)py"},
    {R"py(f(a,,b)
)py",
     R"py(  File "prog.py", line 1
    f(a,,b)
        ^
SyntaxError: invalid syntax
)py"},
    {R"py(x[]
)py",
     R"py(  File "prog.py", line 1
    x[]
      ^
SyntaxError: invalid syntax
)py"},
    {R"py(x = {**}
)py",
     R"py(  File "prog.py", line 1
    x = {**}
           ^
SyntaxError: invalid syntax
)py"},
    {R"py(lambda x: yield
)py",
     R"py(  File "prog.py", line 1
    lambda x: yield
              ^^^^^
SyntaxError: invalid syntax
)py"},
    {R"py(x = not
)py",
     R"py(  File "prog.py", line 1
    x = not
           ^
SyntaxError: invalid syntax
)py"},
    {R"py(x := 1
)py",
     R"py(  File "prog.py", line 1
    x := 1
      ^^
SyntaxError: invalid syntax
)py"},
    {R"py((a.b := 1)
)py",
     R"py(  File "prog.py", line 1
    (a.b := 1)
     ^^^
SyntaxError: cannot use assignment expressions with attribute
)py"},
    {R"py(a, b += 1
)py",
     R"py(  File "prog.py", line 1
    a, b += 1
    ^^^^
SyntaxError: 'tuple' is an illegal expression for augmented assignment
)py"},
    {R"py(True = 1
)py",
     R"py(  File "prog.py", line 1
    True = 1
    ^^^^
SyntaxError: cannot assign to True
)py"},
    {R"py(None += 1
)py",
     R"py(  File "prog.py", line 1
    None += 1
    ^^^^
SyntaxError: 'None' is an illegal expression for augmented assignment
)py"},
    {R"py(x.y = 1 = 2
)py",
     R"py(  File "prog.py", line 1
    x.y = 1 = 2
          ^
SyntaxError: cannot assign to literal
)py"},
    {R"py(del x + 1
)py",
     R"py(  File "prog.py", line 1
    del x + 1
        ^^^^^
SyntaxError: cannot delete expression
)py"},
    {R"py(del *a
)py",
     R"py(  File "prog.py", line 1
    del *a
        ^^
SyntaxError: cannot delete starred
)py"},
    {R"py(for x, in y
)py",
     R"py(  File "prog.py", line 1
    for x, in y
               ^
SyntaxError: expected ':'
)py"},
    {R"py(with a as 1: pass
)py",
     R"py(  File "prog.py", line 1
    with a as 1: pass
              ^
SyntaxError: cannot assign to literal
)py"},
    {R"py(try:
    pass
)py",
     R"py(  File "prog.py", line 2
    pass
SyntaxError: expected 'except' or 'finally' block
)py"},
    {R"py(try:
    pass
else:
    pass
)py",
     R"py(  File "prog.py", line 3
    else:
    ^^^^
SyntaxError: expected 'except' or 'finally' block
)py"},
    {R"py(x = "\N"
)py",
     R"py(  File "prog.py", line 1
    x = "\N"
            ^
SyntaxError: (unicode error) 'unicodeescape' codec can't decode bytes in position 0-1: malformed \N character escape
)py"},
};
