# logging's output goes to stderr: the last-resort handler before any configuration, then
# basicConfig's default format; levels below the threshold print nothing.
import logging
import threading

logging.getLogger("early").warning("no handler yet: %s", "last resort")
logging.getLogger("early").info("not shown")
logging.warning("root warning")
logging.info("below WARNING")
logging.basicConfig(level=logging.INFO, force=True)
t = threading.Thread(target=logging.info, args=("from %s", "a thread"), name="T1")
t.start()
t.join()
logging.getLogger("app").error("failed: %r", {"code": 7})
print("stdout untouched")
