#!/usr/bin/env python3
"""Slowloris against a `morgue serve` on loopback: N connections that each send a request
head one byte a second, and meanwhile one normal request a second, timed.

    scripts/slowloris.py PORT [--connections 300] [--seconds 20] [--path /api/search?q=oil]

Prints, each second, how many slow connections the server still holds open and how long
the normal request took; at the end the normal requests' worst and median times and when
the server cut the slow connections. Loopback only; every loop is bounded by --seconds.
"""

import argparse
import http.client
import socket
import statistics
import sys
import time


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("port", type=int)
    parser.add_argument("--connections", type=int, default=300)
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--path", default="/api/search?q=oil+prices")
    args = parser.parse_args()

    slow = []
    for _ in range(args.connections):
        sock = socket.create_connection(("127.0.0.1", args.port), timeout=5)
        sock.setblocking(False)
        # The head never ends: a header that goes on a byte at a time.
        sock.send(b"GET / HTTP/1.1\r\nHost: localhost\r\nX-Slow: ")
        slow.append(sock)
    print(f"{len(slow)} slow connections open", flush=True)

    started = time.monotonic()
    timings = []
    failures = 0
    cut_at = None
    for second in range(args.seconds):
        still_open = []
        for sock in slow:
            try:
                # A closed connection shows as EOF on read or an error on send.
                try:
                    if sock.recv(4096) == b"":
                        raise ConnectionError("closed")
                except BlockingIOError:
                    pass
                sock.send(b"a")
                still_open.append(sock)
            except OSError:
                sock.close()
        slow = still_open
        if not slow and cut_at is None:
            cut_at = time.monotonic() - started

        begin = time.monotonic()
        try:
            conn = http.client.HTTPConnection("127.0.0.1", args.port, timeout=30)
            conn.request("GET", args.path, headers={"Host": "localhost"})
            response = conn.getresponse()
            response.read()
            status = response.status
            conn.close()
        except OSError as error:
            status = f"error ({error})"
        took = (time.monotonic() - begin) * 1000
        if status == 200:
            timings.append(took)
        else:
            failures += 1
        print(f"t={second:3d}s slow open: {len(slow):4d}  normal request: {status} in {took:.1f} ms",
              flush=True)
        time.sleep(max(0.0, started + second + 1 - time.monotonic()))

    for sock in slow:
        sock.close()
    if timings:
        print(f"normal requests: {len(timings)} answered, {failures} failed; "
              f"median {statistics.median(timings):.1f} ms, worst {max(timings):.1f} ms")
    else:
        print(f"normal requests: none answered, {failures} failed")
    print("slow connections cut by the server after "
          + (f"{cut_at:.0f} s" if cut_at is not None else f"more than {args.seconds} s"))
    return 0 if failures == 0 and timings else 1


if __name__ == "__main__":
    sys.exit(main())
