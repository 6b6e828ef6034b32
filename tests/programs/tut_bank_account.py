# The bank-account race: with a lock the balance is exact.
import threading

class BankAccount:
    def __init__(self):
        self.balance = 0
        self._lock = threading.Lock()

    def deposit(self, amount):
        with self._lock:
            new = self.balance + amount
            self.balance = new

    def withdraw(self, amount):
        with self._lock:
            if amount > self.balance:
                return False
            self.balance -= amount
            return True

acct = BankAccount()
def depositor():
    for _ in range(1000):
        acct.deposit(1)
def withdrawer(results):
    ok = 0
    for _ in range(500):
        if acct.withdraw(1):
            ok += 1
    results.append(ok)

ts = [threading.Thread(target=depositor) for _ in range(4)]
for t in ts: t.start()
for t in ts: t.join()
print("balance after deposits:", acct.balance)
res = []
ws = [threading.Thread(target=withdrawer, args=(res,)) for _ in range(4)]
for t in ws: t.start()
for t in ws: t.join()
print("withdrawn:", sum(res), "balance:", acct.balance)
print(f"{acct.balance:>10,}|{acct.balance:<8d}|{acct.balance:^9}|{acct.balance / 3:.3f}|{acct.balance:08.2f}")
