# exit: 1
# stderr-contains: NotImplementedError: multiprocessing.Manager is not supported by Interleave
# multiprocessing.Manager is outside the subset (docs/language.md): the error names it, where
# CPython starts a manager process.
import multiprocessing

if __name__ == "__main__":
    print("before")
    manager = multiprocessing.Manager()
    print("never")
