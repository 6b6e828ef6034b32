// The calendar half of the time module, in Python on top of the native clock functions
// (modules.cpp): struct_time, gmtime, localtime, strftime, asctime, ctime and mktime. Interleave
// has no time zone data, so local time is UTC (docs/language.md). A module of its own,
// _time_calendar, that the native time module's __getattr__ imports on first use, so that
// `import time` compiles nothing (every process of most programs imports it).
#include "vm/prelude.h"

namespace interleave::vm {

const std::string_view kTimeCalendarSource = R"PY(
from time import time

_DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']
_DAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']
_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
_MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August',
                'September', 'October', 'November', 'December']
_FIELDS = ('tm_year', 'tm_mon', 'tm_mday', 'tm_hour', 'tm_min', 'tm_sec', 'tm_wday', 'tm_yday',
           'tm_isdst')
timezone = 0
altzone = 0
daylight = 0
tzname = ('UTC', 'UTC')


class struct_time:
    def __init__(self, values):
        values = tuple(values)
        if len(values) < 9:
            raise TypeError(f'time.struct_time() takes an at least 9-sequence ({len(values)}-sequence given)')
        self._values = values[:9]

    def __getattr__(self, name):
        if name in _FIELDS:
            return self._values[_FIELDS.index(name)]
        if name == 'tm_zone':
            return 'UTC'
        if name == 'tm_gmtoff':
            return 0
        raise AttributeError(f"'time.struct_time' object has no attribute '{name}'")

    def __getitem__(self, i):
        return self._values[i]

    def __len__(self):
        return 9

    def __iter__(self):
        return iter(self._values)

    def __eq__(self, other):
        if isinstance(other, struct_time):
            return self._values == other._values
        return self._values == other

    def __repr__(self):
        inner = ', '.join(f'{n}={v}' for n, v in zip(_FIELDS, self._values))
        return f'time.struct_time({inner})'


struct_time.__module__ = 'time'


def _days_from_civil(y, m, d):
    y -= m <= 2
    era = (y if y >= 0 else y - 399) // 400
    yoe = y - era * 400
    doy = (153 * (m + (-3 if m > 2 else 9)) + 2) // 5 + d - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return era * 146097 + doe - 719468


def gmtime(secs=None):
    if secs is None:
        secs = time()
    secs = int(secs // 1)
    days, rem = divmod(secs, 86400)
    hour, rem = divmod(rem, 3600)
    minute, second = divmod(rem, 60)
    z = days + 719468
    era = (z if z >= 0 else z - 146096) // 146097
    doe = z - era * 146097
    yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    day = doy - (153 * mp + 2) // 5 + 1
    month = mp + 3 if mp < 10 else mp - 9
    year = yoe + era * 400 + (1 if month <= 2 else 0)
    wday = (days + 3) % 7
    yday = days - _days_from_civil(year, 1, 1) + 1
    return struct_time((year, month, day, hour, minute, second, wday, yday, 0))


localtime = gmtime


def mktime(t):
    t = tuple(t)
    return float(_days_from_civil(t[0], t[1], t[2]) * 86400 + t[3] * 3600 + t[4] * 60 + t[5])


def _fields(t):
    year, month, day, hour, minute, second, wday, yday = tuple(t)[:8]
    hour12 = hour % 12 or 12
    return {'Y': '%04d' % year, 'y': '%02d' % (year % 100), 'm': '%02d' % month,
            'd': '%02d' % day, 'e': '%2d' % day, 'H': '%02d' % hour, 'I': '%02d' % hour12,
            'M': '%02d' % minute, 'S': '%02d' % second, 'p': 'AM' if hour < 12 else 'PM',
            'a': _DAYS[wday], 'A': _DAY_NAMES[wday], 'b': _MONTHS[month - 1],
            'h': _MONTHS[month - 1], 'B': _MONTH_NAMES[month - 1], 'j': '%03d' % yday,
            'w': str((wday + 1) % 7), 'u': str(wday + 1), 'Z': 'UTC', 'z': '+0000', '%': '%',
            'F': '%04d-%02d-%02d' % (year, month, day), 'T': '%02d:%02d:%02d' % (hour, minute, second),
            'D': '%02d/%02d/%02d' % (month, day, year % 100), 'R': '%02d:%02d' % (hour, minute),
            'c': '%s %s %2d %02d:%02d:%02d %d' % (_DAYS[wday], _MONTHS[month - 1], day, hour,
                                                minute, second, year),
            'x': '%02d/%02d/%02d' % (month, day, year % 100),
            'X': '%02d:%02d:%02d' % (hour, minute, second)}


def strftime(format, t=None):
    if t is None:
        t = localtime()
    fields = _fields(t)
    out = []
    i = 0
    while i < len(format):
        c = format[i]
        if c == '%' and i + 1 < len(format):
            code = format[i + 1]
            if code not in fields:
                raise ValueError(f"strftime format directive '%{code}' is not supported by Interleave")
            out.append(fields[code])
            i += 2
        else:
            out.append(c)
            i += 1
    return ''.join(out)


def asctime(t=None):
    if t is None:
        t = localtime()
    return strftime('%c', t)


def ctime(secs=None):
    return asctime(localtime(secs))
)PY";

}  // namespace interleave::vm
