#!/usr/bin/env python3
"""Independent check of what fleetsight put on a topic, with Python's confluent-kafka (its own
bundled librdkafka). Reads every message of TOPIC from the beginning until IDLE seconds pass with
nothing new, and prints one JSON line: the message count, distinct event ids, the keys seen, and
how many values were not a PlateRead (missing fields or wrong schema_version), and the plates.

With --event-ids, also "event_ids": every event id with its number of records.

usage: read_topic.py BOOTSTRAP TOPIC [--idle 5] [--event-ids]
"""
import argparse, json, sys, time, uuid
from confluent_kafka import OFFSET_BEGINNING, Consumer, TopicPartition

ap = argparse.ArgumentParser()
ap.add_argument("bootstrap")
ap.add_argument("topic")
ap.add_argument("--idle", type=float, default=5.0)
ap.add_argument("--event-ids", action="store_true")
a = ap.parse_args()
c = Consumer({"bootstrap.servers": a.bootstrap, "group.id": "verify-" + uuid.uuid4().hex,
              "auto.offset.reset": "earliest", "enable.auto.commit": False})
# Assign every partition explicitly: no consumer-group join (slow on some brokers), no commits.
partitions = c.list_topics(a.topic, timeout=10).topics[a.topic].partitions
c.assign([TopicPartition(a.topic, p, OFFSET_BEGINNING) for p in partitions])
count, ids, keys, bad, plates = 0, {}, set(), 0, set()
last = time.time()
deadline = time.time() + 120
while time.time() - last < a.idle and time.time() < deadline:
    m = c.poll(0.5)
    if m is None or m.error():
        continue
    last = time.time()
    count += 1
    keys.add((m.key() or b"").decode())
    try:
        v = json.loads(m.value())
        if v["schema_version"] != 1 or v["device_id"] != (m.key() or b"").decode():
            bad += 1
        ids[v["event_id"]] = ids.get(v["event_id"], 0) + 1
        plates.add(v["plate"])
    except (ValueError, KeyError):
        bad += 1
c.close()
out = {"messages": count, "distinct_event_ids": len(ids), "keys": sorted(keys), "bad": bad, "plates": sorted(plates)}
if a.event_ids:
    out["event_ids"] = ids
print(json.dumps(out))
