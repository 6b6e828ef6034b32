# Type-annotated concurrent code: typing names in signatures and module/class annotations.
from __future__ import annotations
import threading
from typing import Any, Callable, Dict, List, Optional, Tuple, TypeVar, Generic, Union, cast
from queue import Queue

T = TypeVar("T")
Handler = Callable[[int], str]
registry: Dict[str, List[int]] = {}
maybe: Optional[int] = None


class Box(Generic[T]):
    items: List[T]

    def __init__(self) -> None:
        self.items = []
        self.lock = threading.Lock()

    def put(self, item: T) -> None:
        with self.lock:
            self.items.append(item)

    def get_all(self) -> List[T]:
        with self.lock:
            return list(self.items)


def worker(box: Box[int], n: int, results: "Queue[Tuple[int, int]]") -> None:
    box.put(n * n)
    results.put((n, n * n))


def describe(x: Union[int, str], handler: Optional[Handler] = None) -> str:
    return handler(x) if handler else str(x)


box: Box[int] = Box()
results: Queue = Queue()
ts = [threading.Thread(target=worker, args=(box, i, results)) for i in range(5)]
for t in ts: t.start()
for t in ts: t.join()
print(sorted(box.get_all()), sorted(results.get() for _ in range(5)))
print(describe(3), describe(4, lambda v: f"<{v}>"), cast(int, "not checked"))
print(List[int], Dict[str, List[int]], Optional[int], Union[int, None], Callable[[int], str], Any, T)
print(list(__annotations__), Box.__annotations__)
