#!/usr/bin/env bash
# Creates fleetsight's topics on the broker given as $1 (idempotent: --if-not-exists).
# Partitions bound how many sinks consume in parallel (one consumer per partition at most);
# replication 1 because the trial has one broker (use 3 in production).
set -euo pipefail
bootstrap=$1
create() {
  /opt/kafka/bin/kafka-topics.sh --bootstrap-server "$bootstrap" --create --if-not-exists \
    --topic "$1" --partitions "$2" --replication-factor 1
}
create fleetsight.plate_reads.v1 12
create fleetsight.plate_reads.v1.dlq 1
create fleetsight.incidents.v1 6
create fleetsight.challans.v1 6
create fleetsight.gps.v1 12
create fleetsight.alarms.v1 3
/opt/kafka/bin/kafka-topics.sh --bootstrap-server "$bootstrap" --list
