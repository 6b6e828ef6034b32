# exit: 1
# A future feature that does not exist is a SyntaxError at compile time, as in CPython.
from __future__ import annotations, braces
print("never")
