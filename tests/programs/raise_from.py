# exit: 1
try:
    raise ValueError("inner")
except ValueError as e:
    raise TypeError("outer") from e
