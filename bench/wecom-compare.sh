#!/usr/bin/env bash
# Issue 8's throughput target, measured the way it is stated: the bot's /api/wecom/callback against a Node server using
# Tencent's @wecom/crypto (bench/wecom-node with STORE: the same checks and the same SQLite inbox write), on the same
# machine, under the same load (bench/Bot.Bench wecom-load: 50 connections, signed and encrypted text callbacks, each
# with a new MsgId). Each server runs as its own process; the rounds alternate between them, because single runs on a
# shared 2-core VM swing by ±15–30 % with whatever else the host does. Prints every run, then the medians.
#
#   bench/wecom-compare.sh            # 3 rounds, 2 measured runs of 10 s per server a round, each after a 10 s warm-up
#   ROUNDS=5 SECONDS_EACH=20 bench/wecom-compare.sh
#   BARE=1 bench/wecom-compare.sh     # also the Node server that stores nothing (the upper bound of a Node version)
set -euo pipefail
cd "$(dirname "$0")/.."

ROUNDS=${ROUNDS:-3}
RUNS=${RUNS:-2}
SECONDS_EACH=${SECONDS_EACH:-10}
WARMUP=${WARMUP:-10}
CONNECTIONS=${CONNECTIONS:-50}
BOT_PORT=${BOT_PORT:-5390}
NODE_PORT=${NODE_PORT:-5391}
# Official vector A's credentials (wecom.md §5): the load generator and the Node server use the same.
CORP_ID=ww1436e0e65a779aee
TOKEN=hJqcu3uJ9Tn2gXPmxx2w9kkCkCE2EPYo
AES_KEY=6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqhUt

command -v node >/dev/null || { echo "node is needed for the Node peer (bench/wecom-node)" >&2; exit 1; }
dotnet build -c Release Bot -v q -nologo >/dev/null
dotnet build -c Release bench/Bot.Bench -v q -nologo >/dev/null
[ -d bench/wecom-node/node_modules/better-sqlite3 ] || (cd bench/wecom-node && npm ci --silent)

work=$(mktemp -d)
server=""
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
ticks=$(getconf CLK_TCK)
results="$work/results"

wait_for_port() {
  for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.1; done
  echo "nothing listens on port $1" >&2; exit 1
}

cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }

# measure NAME URL: RUNS runs against the server whose pid is $server; a line per run, kept for the medians.
measure() {
  for _ in $(seq "$RUNS"); do
    local before after out rate measured warmed p50 p99
    before=$(cpu_ticks "$server")
    out=$(dotnet bench/Bot.Bench/bin/Release/net10.0/Bot.Bench.dll wecom-load --url "$2" \
      --connections "$CONNECTIONS" --seconds "$SECONDS_EACH" --warmup "$WARMUP")
    after=$(cpu_ticks "$server")
    rate=$(awk '/^throughput/ { print $2 }' <<<"$out")
    measured=$(awk '/^connections/ { print $(NF-1) }' <<<"$out")
    warmed=$(awk '/^warm-up/ { print $(NF-1) }' <<<"$out")
    p50=$(awk '/^latency/ { print $4 }' <<<"$out")
    p99=$(awk '/^latency/ { print $6 }' <<<"$out")
    # The server's CPU (user + system) over the whole run, warm-up included, per callback it answered.
    local cpu=$(( (after - before) * 1000000 / ticks / (measured + warmed) ))
    printf '%-10s %6s callbacks/s   p50 %5s ms  p99 %5s ms   %4s µs CPU a callback\n' "$1" "$rate" "$p50" "$p99" "$cpu"
    echo "$1 $rate" >>"$results"
  done
}

for round in $(seq "$ROUNDS"); do
  echo "round $round"
  rm -rf "$work/bot" && mkdir -p "$work/bot"
  (cd Bot/bin/Release/net10.0 && exec env ASPNETCORE_ENVIRONMENT=Production Urls="http://127.0.0.1:$BOT_PORT" \
    DOTNET_GCgen0size=0x4000000 Storage__DataDirectory="$work/bot" Conversations__RunWorkers=false \
    Logging__LogLevel__Default=Warning WeCom__CorpId=$CORP_ID WeCom__AgentId=1000002 WeCom__Secret=bench \
    WeCom__Token=$TOKEN WeCom__EncodingAesKey=$AES_KEY WeCom__ApiBaseUrl=http://127.0.0.1:9 dotnet Bot.dll) \
    >"$work/bot.log" 2>&1 &
  server=$!
  wait_for_port "$BOT_PORT"
  measure bot "http://127.0.0.1:$BOT_PORT/api/wecom/callback"
  kill "$server"; wait "$server" 2>/dev/null || true

  rm -f "$work"/node.db*
  (cd bench/wecom-node && STORE="$work/node.db" PORT=$NODE_PORT exec node server.js) >"$work/node.log" 2>&1 &
  server=$!
  wait_for_port "$NODE_PORT"
  measure node-store "http://127.0.0.1:$NODE_PORT/"
  kill "$server"; wait "$server" 2>/dev/null || true

  if [ -n "${BARE:-}" ]; then
    (cd bench/wecom-node && PORT=$NODE_PORT exec node server.js) >"$work/node.log" 2>&1 &
    server=$!
    wait_for_port "$NODE_PORT"
    measure node-bare "http://127.0.0.1:$NODE_PORT/"
    kill "$server"; wait "$server" 2>/dev/null || true
  fi
  server=""
done

echo "medians over $ROUNDS rounds:"
for name in bot node-store node-bare; do
  grep -q "^$name " "$results" || continue
  grep "^$name " "$results" | awk '{ print $2 }' | sort -n |
    awk -v name="$name" '{ v[NR] = $1 } END { m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2;
      printf "%-10s %6.0f callbacks/s (runs %d, lowest %d, highest %d)\n", name, m, NR, v[1], v[NR] }'
done
