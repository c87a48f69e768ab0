#!/usr/bin/env bash
# Small (m, efConstruction) grid for the ANN-quality benchmark; efSearch is swept on each built
# index via setEf. One process per build (each well under 5 minutes at 100k on 2 cores).
# Usage: bash bench/ann/sweep.sh clustered|random [out.jsonl] [seed]
set -euo pipefail
cd "$(dirname "$0")/../.."
DATASET="${1:-clustered}"
OUT="${2:-bench/ann/results/sweep-${DATASET}.jsonl}"
SEED="${3:-42}"
if [ "$DATASET" = random ]; then
  EFS="10,20,40,60,100,150,200,300,400,600,800,1000,1500,2000"
else
  EFS="10,20,30,40,50,60,80,100,150,200,300"
fi
mkdir -p "$(dirname "$OUT")"
for M in 16 24 32; do
  for EFC in 100 200; do
    echo "=== $DATASET m=$M efC=$EFC seed=$SEED" >&2
    NODE_OPTIONS=--expose-gc npx tsx bench/ann/main.ts --sizes 10000,100000 --queries 200 \
      --dataset "$DATASET" --seed "$SEED" --m "$M" --ef-construction "$EFC" --ef-search 100 \
      --ef-sweep "$EFS" --filter 0.2 --out "$OUT" | grep -v '^{'
  done
done
