# RLock re-entrancy: a recursive method that takes the same lock again.
import threading

class Account:
    def __init__(self, balance):
        self.balance = balance
        self.lock = threading.RLock()

    def withdraw(self, amount):
        with self.lock:
            if self.balance < amount:
                raise ValueError(f"insufficient funds: {self.balance} < {amount}")
            self.balance -= amount

    def deposit(self, amount):
        with self.lock:
            self.balance += amount

    def transfer_to(self, other, amount):
        with self.lock:
            self.withdraw(amount)
            other.deposit(amount)

def countdown(lock, n):
    with lock:
        if n == 0:
            return 0
        return n + countdown(lock, n - 1)

a, b = Account(100), Account(50)
a.transfer_to(b, 30)
print(a.balance, b.balance)
try:
    a.transfer_to(b, 500)
except ValueError as e:
    print("ValueError:", e)
rl = threading.RLock()
print(countdown(rl, 10))
rl.acquire(); rl.acquire()
print(repr(rl).split(" owner=")[0].startswith("<locked _thread.RLock object"), repr(rl).endswith("count=2>"))
rl.release(); rl.release()
print(repr(rl).endswith("count=0>"))
def other():
    try:
        rl.release()
    except RuntimeError as e:
        print("RuntimeError:", e)
rl.acquire()
t = threading.Thread(target=other); t.start(); t.join()
rl.release()
threads = [threading.Thread(target=a.transfer_to, args=(b, 1)) for _ in range(20)]
for t in threads: t.start()
for t in threads: t.join()
print(a.balance, b.balance, a.balance + b.balance)
