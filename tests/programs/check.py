#!/usr/bin/env python3
"""Runs tests/programs through the command line (the real driver), as a person would.

Each NAME.py is compared like the shared corpus (stdout against NAME.expected, via the corpus
checker's own rules), plus this folder's additions (README.md): the exit status from a
`# exit: N` header (default 0), stderr equal to NAME.stderr when present (program paths shown as
their base name, as `python3 NAME.py` prints them from this folder), `# stderr-contains: TEXT`.
Usage: check.py path/to/interleave [RUN OPTIONS...]   Prints one line per program and "N passed,
N failed". RUN OPTIONS (e.g. --gil off, --mode sim) are added to every run; then only the programs
whose output cannot depend on them are checked: no `# real-only`, `# exit` or `# variants: no`
header, no .stderr file, no !deadlock/!timeout expectation.
"""
import importlib.machinery, importlib.util, os, re, subprocess, sys

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS_CHECK = os.path.join(HERE, "..", "..", "..", "shared", "corpus", "check")

def load_corpus_checker():
    loader = importlib.machinery.SourceFileLoader("corpus_check", CORPUS_CHECK)
    spec = importlib.util.spec_from_loader("corpus_check", loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module

def directive(source, name):
    m = re.search(r"^#\s*" + re.escape(name) + r":\s*(.*)$", source, re.M)
    return m.group(1).strip() if m else None

def main():
    binary = os.path.abspath(sys.argv[1])
    extra = sys.argv[2:]
    corpus = load_corpus_checker()
    passed = failed = 0
    for name in sorted(f[:-3] for f in os.listdir(HERE) if f.endswith(".py")):
        py = os.path.join(HERE, name + ".py")
        exp_path = os.path.join(HERE, name + ".expected")
        if not os.path.exists(exp_path):
            continue
        source = open(py, encoding="utf-8").read()
        expected = corpus.load_expected(exp_path)
        if extra and (directive(source, "real-only") or directive(source, "exit")
                      or (directive(source, "variants") or "").split()[:1] == ["no"]
                      or os.path.exists(os.path.join(HERE, name + ".stderr"))
                      or expected in (["!deadlock"], ["!timeout"])):
            continue
        # Run from this folder with the base name, so tracebacks read like `python3 NAME.py` here.
        r = subprocess.run([binary, "run", name + ".py", "--timeout", "10", *extra], cwd=HERE,
                           capture_output=True, text=True, timeout=60)
        problem = None
        if expected == ["!deadlock"]:
            if r.returncode != 3: problem = f"expected a deadlock report (exit 3), got {r.returncode}"
        elif expected == ["!timeout"]:
            if r.returncode != 124: problem = f"expected exit 124, got {r.returncode}"
        else:
            want_status = int(directive(source, "exit") or 0)
            if r.returncode != want_status:
                tail = r.stderr.strip().splitlines()[-1:] or [""]
                problem = f"exit {r.returncode} (want {want_status}): {tail[0]}"
            else:
                problem = corpus.compare(expected, r.stdout.splitlines())
        err_path = os.path.join(HERE, name + ".stderr")
        if problem is None and os.path.exists(err_path):
            want_err = open(err_path, encoding="utf-8").read()
            if r.stderr != want_err:
                problem = "stderr differs:\n--- want\n" + want_err + "--- got\n" + r.stderr
        contains = directive(source, "stderr-contains")
        if problem is None and contains and contains not in r.stderr:
            problem = f"stderr lacks {contains!r}"
        if problem:
            failed += 1
            print(f"FAIL {name}: {problem}")
        else:
            passed += 1
            print(f"ok   {name}")
    print(f"{passed} passed, {failed} failed")
    sys.exit(0 if failed == 0 and passed > 0 else 1)

if __name__ == "__main__":
    main()
