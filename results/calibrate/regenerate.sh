#!/usr/bin/env bash
# Regenerates results/calibrate: one calibration and one validation of embedded H2 and of PostgreSQL
# (a throw-away cluster on 127.0.0.1, see .ci/postgres), with the machine they ran on in machine.txt.
# validate measures each level three times, the levels interleaved, to show the database's own spread.
# About fifteen minutes. Measurements depend on the machine and on what else runs on it.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=results/calibrate
clients=1,2,4,8,16,32
step=10s
repeat=3
{
    echo "date:      $(date -u +%Y-%m-%dT%H:%MZ)"
    echo "cpu:       $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //') x $(nproc)"
    echo "memory:    $(free -g | awk '/Mem:/ {print $2 " GiB"}')"
    echo "kernel:    $(uname -sr)"
    echo "java:      $(java -version 2>&1 | head -1)"
    echo "load:      $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min) before measuring"
} >"$out/machine.txt"
./mastersim calibrate --workload hot-row --clients "$clients" --step "$step" -q --out "$out/h2"
./mastersim validate "$out/h2/calibrate-scenario.yaml" --repeat "$repeat" -q --out "$out/h2"
eval "$(.ci/postgres start)"
trap '.ci/postgres stop "$MASTERSIM_PG_DIR"' EXIT
echo "postgres:  $(psql --version 2>/dev/null || echo 'PostgreSQL (Debian package)'), a throw-away cluster on 127.0.0.1" >>"$out/machine.txt"
./mastersim calibrate --jdbc-url "$MASTERSIM_PG_URL" --workload hot-row --clients "$clients" --step "$step" -q \
    --out "$out/postgresql"
./mastersim validate "$out/postgresql/calibrate-scenario.yaml" --repeat "$repeat" -q --out "$out/postgresql"
rm -f "$out"/h2/*.svg "$out"/postgresql/*.svg # the PNGs are committed; the SVGs are half a megabyte each
