"""python-etcd, the engine of the seed library, as a benchmark peer.

Reads commands "<WORK> <key>" on stdin, does the work with python-etcd the way the seed does (one blocking
request per leaf), and answers each with the seconds it took (for WATCH: the median write-to-event latency) and the
CPU seconds this process spent on it. With "cold <key>" after host and port, it sets the 2000-leaf tree once, as
the first thing this fresh process does after importing python-etcd, and prints the same two figures.
"""
import concurrent.futures
import sys
import time

import etcd

PUTS = 2000
WATCH_CHANGES = 1000
SMALL = (20, 10, 10)


def leaves(dirs, subdirs, items):
    for d in range(dirs):
        for s in range(subdirs):
            for i in range(1, items + 1):
                yield "/d%d/s%d/%d" % (d, s, i), "value-%d.%d.%d" % (d, s, i)


def tree(node):
    if not node.get("dir"):
        return node.get("value")
    return {child["key"].rsplit("/", 1)[1]: tree(child) for child in node.get("nodes", [])}


def watch_latency(client, key, watcher):
    index = client.write(key, "start").modifiedIndex
    latencies = []
    for i in range(WATCH_CHANGES):
        event = watcher.submit(client.watch, key, index=index + 1, timeout=60)
        start = time.perf_counter()
        index = client.write(key, "change-%d" % i).modifiedIndex
        event.result()
        latencies.append(time.perf_counter() - start)
    latencies.sort()
    return latencies[WATCH_CHANGES // 2]


def run(client, watcher, work, key):
    if work == "WATCH":
        return watch_latency(client, key, watcher)
    start = time.perf_counter()
    if work == "SEQUENTIAL_PUTS":
        for i in range(PUTS):
            client.write("%s/k%d" % (key, i), "value-%d" % i)
    elif work == "TREE_SET":
        for leaf, value in leaves(*SMALL):
            client.write(key + leaf, value)
    elif work in ("GET_2000", "GET_20000"):
        result = client.read(key, recursive=True, sorted=True)
        tree({"dir": True, "nodes": result._children})
    elif work == "DELETE":
        client.delete(key, recursive=True)
    else:
        raise ValueError(work)
    return time.perf_counter() - start


def main():
    if len(sys.argv) > 3 and sys.argv[3] == "cold":
        cpu = time.process_time()
        start = time.perf_counter()
        client = etcd.Client(host=sys.argv[1], port=int(sys.argv[2]), read_timeout=60)
        run(client, None, "TREE_SET", sys.argv[4])
        print("%.9f %.9f" % (time.perf_counter() - start, time.process_time() - cpu), flush=True)
        return
    client = etcd.Client(host=sys.argv[1], port=int(sys.argv[2]), read_timeout=60)
    watcher = concurrent.futures.ThreadPoolExecutor(max_workers=1)
    for line in sys.stdin:
        work, key = line.split()
        try:
            cpu = time.process_time()
            seconds = run(client, watcher, work, key)
            print("%.9f %.9f" % (seconds, time.process_time() - cpu), flush=True)
        except Exception as e:  # reported to the Java side, which stops the run
            print("error: %r" % e, flush=True)
    watcher.shutdown()


if __name__ == "__main__":
    main()
