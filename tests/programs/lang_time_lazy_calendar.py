# time's calendar names come from its module __getattr__ (PEP 562), compiled on first use.
import time
print(time.gmtime(0).tm_year, time.strftime('%Y-%m-%d', time.gmtime(86400 * 365)))
print(type(time.gmtime(0)), time.timezone, time.tzname)
from time import ctime, struct_time
print(ctime(0), struct_time)
try:
    time.nothing
except AttributeError as e:
    print(e)
try:
    time._DAYS
except AttributeError as e:
    print(e)
print(hasattr(time, 'mktime'), hasattr(time, 'bogus'))
