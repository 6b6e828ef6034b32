# The calendar functions of time on fixed timestamps, thread native ids, os.getenv/os.environ.
import os
import threading
import time

for stamp in (0, 86399, 951782400, 1700000000, 4102444800):
    t = time.gmtime(stamp)
    print(stamp, time.strftime("%Y-%m-%d %H:%M:%S %a %A %b %B %j %p %I %y %w %%", t), tuple(t))
print(time.asctime(time.gmtime(1700000000)), time.gmtime(0).tm_year, time.gmtime(0) == time.gmtime(0.5))
print(time.gmtime(951782400))
print(time.mktime(time.gmtime(1700000000)) - 1700000000 in (0.0, float(time.timezone)))
print(isinstance(time.localtime(), time.struct_time), len(time.gmtime()))
ids = []
def record():
    ids.append(threading.get_native_id() == threading.current_thread().native_id)
t = threading.Thread(target=record); t.start(); t.join()
print(ids, threading.get_native_id() == threading.main_thread().native_id)
os.environ["INTERLEAVE_EXAMPLE_KEY"] = "set here"
print(os.getenv("INTERLEAVE_EXAMPLE_KEY"), os.getenv("INTERLEAVE_NOT_SET_KEY", "fallback"), os.environ.get("INTERLEAVE_NOT_SET_KEY"))
