#!/usr/bin/env bash
# Crash safety by hand (too slow for CI): SIGKILL `cairn ingest` at random moments N times, finish
# the import, and compare with a one-shot import of the same tree: counts, PRAGMA integrity_check,
# the killed imports marked interrupted, and `cairn verify`.
#   npm run build:node && test/robustness/sigkill-import.sh EVIDENCE_DIR [N]
set -u
EVIDENCE=${1:?usage: sigkill-import.sh EVIDENCE_DIR [N]}
N=${2:-10}
WORK=$(mktemp -d)
CAIRN="node $(dirname "$0")/../../bin/cairn.js"
$CAIRN ingest "$WORK/oneshot.cairn" "$EVIDENCE" --json > /dev/null
for i in $(seq 1 "$N"); do
  $CAIRN ingest "$WORK/killed.cairn" "$EVIDENCE" --json > /dev/null 2>&1 &
  pid=$!
  delay=$(python3 -c "import random; print(round(random.uniform(0.5, 6.0), 2))")
  sleep "$delay"
  kill -9 "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  echo "kill $i after ${delay}s"
done
$CAIRN ingest "$WORK/killed.cairn" "$EVIDENCE" --json > /dev/null; echo "final import exit $?"
echo "events: one-shot $($CAIRN events "$WORK/oneshot.cairn" --count), killed $($CAIRN events "$WORK/killed.cairn" --count)"
node -e "const D=require('better-sqlite3');const db=new D(process.argv[1],{readonly:true});console.log('integrity', db.pragma('integrity_check',{simple:true}), JSON.stringify(db.prepare('SELECT status, count(*) n FROM imports GROUP BY status').all()))" "$WORK/killed.cairn"
$CAIRN verify "$WORK/killed.cairn" | tail -1
rm -rf "$WORK"
