#!/usr/bin/env bash
# Regenerates results/ordering: the simulator's throughput for each locking strategy of the database
# benchmark (benchmarks/src/dev/mastersim/db/DbBenchmark.java) at each pool size, from the calibrated
# scenarios scenarios/ordering-h2-hot-1.yaml and scenarios/ordering-h2-hot-1000.yaml. Deterministic (fixed
# seed): the same JSON on any machine. One to two minutes.
#
# With --measure it first measures the costs again (`mastersim calibrate` on H2 in memory, about a minute,
# into h2-mem-rows-1/ and h2-mem-rows-1000/); the scenarios' numbers are copied from those by hand, so
# after a new measurement, edit them before reading the predictions.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=results/ordering
if [[ "${1:-}" == "--measure" ]]; then
    for rows in 1 1000; do
        ./mastersim calibrate --jdbc-url "jdbc:h2:mem:ordering$rows;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000" --user sa \
            --workload uniform --locks 1 --rows "$rows" --clients 1,4,16 --step 4s -q --out "$out/h2-mem-rows-$rows"
    done
fi
for hot in 1 1000; do
    scenario=scenarios/ordering-h2-hot-$hot.yaml
    optimistic_cost=$(sed -n 's/.*optimistic-16: .*cpu_per_lock.mean: \([0-9.]*us\)}.*/\1/p' "$scenario")
    ./mastersim sweep "$scenario" --param app.pool.size --values 1,4,16 --set concurrency=locking -q \
        --out "$out/hot-$hot/pessimistic"
    ./mastersim sweep "$scenario" --param app.pool.size --values 1,4,16 --set concurrency=no-wait -q \
        --out "$out/hot-$hot/nowait"
    ./mastersim sweep "$scenario" --param app.pool.size --values 1,4,16 --set concurrency=optimistic \
        --set "requests.increment.write.cpu_per_lock.mean=$optimistic_cost" -q --out "$out/hot-$hot/optimistic"
done
# The atomic UPDATE ... SET n = n + 1 as `locking` with one statement under the lock: calibrate's "UPDATE
# one row" (27.8us on 1 row, 16.5us on 1,000) and one call (the commit) arriving while it is held (0.9us,
# 1.2us: calibrate's "SELECT 1" median).
./mastersim sweep scenarios/ordering-h2-hot-1.yaml --param app.pool.size --values 1,4,16 --set concurrency=locking \
    --set requests.increment.write.cpu_per_lock.mean=27.8us --set requests.increment.write.roundtrip=0.9us -q \
    --out "$out/hot-1/atomic"
./mastersim sweep scenarios/ordering-h2-hot-1000.yaml --param app.pool.size --values 1,4,16 --set concurrency=locking \
    --set requests.increment.write.cpu_per_lock.mean=16.5us --set requests.increment.write.roundtrip=1.2us -q \
    --out "$out/hot-1000/atomic"
# Sensitivity: SELECT ... FOR UPDATE at the cost measured for it. statement-costs.txt (StatementCosts.java,
# one thread) gives the whole transaction's median as 6.6us pessimistic, 6.0us NOWAIT, 2.8us optimistic:
# the optimistic arm's calibrated statements (41.9us, 25.4us) times 6.6/2.8 and 6.0/2.8.
./mastersim sweep scenarios/ordering-h2-hot-1.yaml --param app.pool.size --values 1,4,16 --set concurrency=locking \
    --set requests.increment.write.cpu_per_lock.mean=98.8us -q --out "$out/hot-1/pessimistic-measured-for-update"
./mastersim sweep scenarios/ordering-h2-hot-1.yaml --param app.pool.size --values 1,4,16 --set concurrency=no-wait \
    --set requests.increment.write.cpu_per_lock.mean=89.8us -q --out "$out/hot-1/nowait-measured-for-update"
./mastersim sweep scenarios/ordering-h2-hot-1000.yaml --param app.pool.size --values 1,4,16 --set concurrency=locking \
    --set requests.increment.write.cpu_per_lock.mean=59.9us -q --out "$out/hot-1000/pessimistic-measured-for-update"
./mastersim sweep scenarios/ordering-h2-hot-1000.yaml --param app.pool.size --values 1,4,16 --set concurrency=no-wait \
    --set requests.increment.write.cpu_per_lock.mean=54.4us -q --out "$out/hot-1000/nowait-measured-for-update"
# the PNGs, JSON, CSV and tables are committed; the SVGs and HTML pages (300 kB each) are not, nor the
# manifests, which list them
rm -f "$out"/hot-*/*/sweep*.svg "$out"/hot-*/*/sweep.html "$out"/hot-*/*/sweep.manifest.json \
    "$out"/h2-mem-rows-*/calibrate.svg "$out"/h2-mem-rows-*/calibrate.manifest.json
