#!/usr/bin/env bash
# Regenerates results/ordering: the simulator's throughput for each locking strategy of the database
# benchmark (benchmarks/src/dev/mastersim/db/DbBenchmark.java) at each pool size, from the calibrated
# scenarios scenarios/ordering-h2-hot-1.yaml and scenarios/ordering-h2-hot-1000.yaml. Deterministic (fixed
# seed): the same JSON on any machine. Under a minute.
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
# the PNGs, JSON, CSV and tables are committed; the SVGs and HTML pages (300 kB each) are not
rm -f "$out"/hot-*/*/sweep.svg "$out"/hot-*/*/sweep.html "$out"/h2-mem-rows-*/calibrate.svg
