# Built-in methods called through their type: self is checked as CPython's descriptors do.
try:
    print('str.upper(1)', "->", str.upper(1))
except TypeError as e:
    print('str.upper(1)', "TypeError:", e)
try:
    print('str.split(3)', "->", str.split(3))
except TypeError as e:
    print('str.split(3)', "TypeError:", e)
try:
    print('list.append(1, 2)', "->", list.append(1, 2))
except TypeError as e:
    print('list.append(1, 2)', "TypeError:", e)
try:
    print('dict.keys(1)', "->", dict.keys(1))
except TypeError as e:
    print('dict.keys(1)', "TypeError:", e)
try:
    print('str.upper()', "->", str.upper())
except TypeError as e:
    print('str.upper()', "TypeError:", e)
try:
    print("str.upper('ab')", "->", str.upper('ab'))
except TypeError as e:
    print("str.upper('ab')", "TypeError:", e)
try:
    print('list.append([], 1)', "->", list.append([], 1))
except TypeError as e:
    print('list.append([], 1)', "TypeError:", e)
try:
    print("str.join('-', 'ab')", "->", str.join('-', 'ab'))
except TypeError as e:
    print("str.join('-', 'ab')", "TypeError:", e)
try:
    print('int.bit_length(True)', "->", int.bit_length(True))
except TypeError as e:
    print('int.bit_length(True)', "TypeError:", e)
try:
    print('dict.fromkeys([1, 2])', "->", dict.fromkeys([1, 2]))
except TypeError as e:
    print('dict.fromkeys([1, 2])', "TypeError:", e)
try:
    print('object.__repr__(1)[:12]', "->", object.__repr__(1)[:12])
except TypeError as e:
    print('object.__repr__(1)[:12]', "TypeError:", e)
try:
    print('type.mro(bool)', "->", type.mro(bool))
except TypeError as e:
    print('type.mro(bool)', "TypeError:", e)
try:
    print("Exception.__init__(ValueError('x'), 'y')", "->", Exception.__init__(ValueError('x'), 'y'))
except TypeError as e:
    print("Exception.__init__(ValueError('x'), 'y')", "TypeError:", e)
print(list(map(str.upper, ["a", "b"])))
