"""Holds N keep-alive connections to the gateway for scripts/soak: each sends a request about every 45 s (inside the
gateway's 60 s idle timeout) and reads the answer; a connection that fails is counted and replaced."""
import random, selectors, socket, sys, time

port, count, seconds = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
request = b"GET /purchase-orders/po_1 HTTP/1.1\r\nHost: soak\r\nAPI-Version: v1\r\n\r\n"
selector = selectors.DefaultSelector()
due = {}
errors = 0

def open_one():
    s = socket.create_connection(("127.0.0.1", port))
    s.setblocking(False)
    selector.register(s, selectors.EVENT_READ)
    due[s] = time.time() + random.uniform(1, 45)

for _ in range(count):
    open_one()
print(f"holding {len(due)} connections", flush=True)
end = time.time() + seconds
last_report = time.time()
while time.time() < end:
    for key, _ in selector.select(timeout=0.5):
        s = key.fileobj
        try:
            data = s.recv(65536)
        except OSError:
            data = b""
        if not data:
            errors += 1
            selector.unregister(s); s.close(); del due[s]; open_one()
    now = time.time()
    for s in [s for s, t in due.items() if t <= now]:
        try:
            s.send(request)
            due[s] = now + 45
        except OSError:
            errors += 1
            selector.unregister(s); s.close(); del due[s]; open_one()
    if now - last_report > 60:
        print(f"holding {len(due)} connections, errors {errors}", flush=True)
        last_report = now
print(f"done: holding {len(due)} connections, errors {errors}", flush=True)
