# A class that defines __del__: Interleave never calls it (a tracing collector, no finalizers),
# and says so on stderr where the class is defined instead of printing less than CPython in
# silence. Everything else about the class works.
# stderr-contains: lang_del_warning.py:8: RuntimeWarning: class 'Resource' defines __del__, which Interleave never calls
released = []


class Resource:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        released.append(self.name)

    def __repr__(self):
        return f"Resource({self.name!r})"


r = Resource("a")
print(r, hasattr(Resource, "__del__"))
r.__del__()
print(released)
