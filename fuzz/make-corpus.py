#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Write the binary seed inputs of the fuzz harnesses into fuzz/corpus/ (run once; the result is
committed). The text seeds (GraphML, scenarios) are plain files in their folders."""

import os
import random
import struct

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpus")


def ip(text):
    return bytes(int(x) for x in text.split("."))


def rte(prefix, mask, metric, next_hop="0.0.0.0", family=2, tag=0):
    return struct.pack(">HH", family, tag) + ip(prefix) + ip(mask) + ip(next_hop) + struct.pack(">I", metric)


def rip(command, rtes, auth=None):
    body = b"".join(rtes)
    if auth is not None:
        body = struct.pack(">HH", 0xFFFF, 2) + auth.ljust(16, b"\0") + body
    return bytes([command, 2, 0, 0]) + body


RIP_SEEDS = {
    "response-3": rip(2, [rte("20.1.0.0", "255.255.0.0", 1), rte("21.0.0.0", "255.0.0.0", 2),
                          rte("22.2.2.0", "255.255.255.0", 15, "10.0.0.9")]),
    "response-infinity": rip(2, [rte("23.0.0.0", "255.0.0.0", 16)]),
    "request-whole-table": rip(1, [rte("0.0.0.0", "0.0.0.0", 16, family=0)]),
    "request-one": rip(1, [rte("20.1.0.0", "255.255.0.0", 0)]),
    "response-auth": rip(2, [rte("24.0.0.0", "255.0.0.0", 3)], auth=b"fuzz"),
    "response-default": rip(2, [rte("0.0.0.0", "0.0.0.0", 1, tag=7)]),
}


def ospf(packet_type, router, body):
    # OSPFv2 (RFC 2328 A.3.1): version 2, type, length, router id, area 0, checksum, AuType 0,
    # authentication; Reseal (selector bit 1) fixes the length and the checksum
    return (bytes([2, packet_type]) + struct.pack(">H", 24 + len(body)) + ip(router) + ip("0.0.0.0")
            + b"\0\0\0\0" + b"\0" * 8 + body)


OSPF_SEEDS = {
    # hello (A.3.2): mask, hello interval (s), options (E), priority, dead interval, DR, BDR, neighbours
    "hello": ospf(1, "10.0.0.1", ip("255.255.255.252") + struct.pack(">HBBI", 10, 0x02, 1, 40)
                  + ip("0.0.0.0") + ip("0.0.0.0") + ip("10.0.0.2")),
    "hello-empty": ospf(1, "10.0.0.3", ip("255.255.255.0") + struct.pack(">HBBI", 2, 0x02, 0, 8)
                        + ip("0.0.0.0") + ip("0.0.0.0")),
    # LS request (A.3.4): LS type, link state id, advertising router
    "ls-request": ospf(3, "10.0.0.1", struct.pack(">I", 1) + ip("10.0.0.2") + ip("10.0.0.2")),
    # LS ack (A.3.6): one LSA header (age, options, type, id, router, sequence, checksum, length)
    "ack": ospf(5, "10.0.0.1", struct.pack(">HBB", 10, 0x02, 1) + ip("10.0.0.2") + ip("10.0.0.2")
                + struct.pack(">IHH", 0x80000001, 0x1234, 36)),
}


def write(folder, name, data):
    os.makedirs(os.path.join(HERE, folder), exist_ok=True)
    with open(os.path.join(HERE, folder, name), "wb") as f:
        f.write(data)


def main():
    for name, msg in RIP_SEEDS.items():
        write("packets", "rip-" + name, bytes([0]) + msg)
    for name, msg in OSPF_SEEDS.items():
        write("packets", "ospf-" + name, bytes([3]) + msg)
    # the RIP agent: setup byte, then datagrams (header: peer, port 520, the link, 1 s after)
    def datagram(msg, header=0x1C):
        return bytes([header]) + struct.pack(">H", len(msg)) + msg

    write("rip-agent", "learn-then-request",
          bytes([0]) + datagram(RIP_SEEDS["response-3"]) + datagram(RIP_SEEDS["request-whole-table"]))
    write("rip-agent", "withdraw",
          bytes([4]) + datagram(RIP_SEEDS["response-3"]) + datagram(RIP_SEEDS["response-infinity"]))
    write("rip-agent", "password", bytes([1]) + datagram(RIP_SEEDS["response-auth"]))
    write("rip-agent", "bad-sources",
          bytes([0]) + datagram(RIP_SEEDS["response-3"], 0x0D) + datagram(RIP_SEEDS["response-3"], 0x0E)
          + datagram(RIP_SEEDS["response-3"], 0x18))
    # the facade: call sequences from a fixed random stream
    rng = random.Random(11)
    for i, n in enumerate([64, 256, 1024, 2048]):
        write("rtmv1", "random-%d" % i, bytes(rng.randrange(256) for _ in range(n)))


if __name__ == "__main__":
    main()
