#!/usr/bin/env bash
# Records examples/traffic/mitmproxy-v1.har: a HAR 1.2 written by a real tool, mitmproxy's HAR export,
# of a v1 client talking to `versiongate demo` (the sample API speaks v2; the gateway translates for v1).
#
#   curl (API-Version: v1) → mitmdump --mode reverse (port P) → versiongate demo gateway → sample API (v2)
#
# The requests exercise each of the 13 changes of versions/v2.yaml as a v1 client sees them, plus a few that no
# change touches. Every request carries `Authorization: Bearer` with a fake token, and one an `?api_key=`; both are
# replaced by REDACTED in the file written, as one would before committing a recording.
#
# Needs: mitmproxy (pip install mitmproxy; 11.0 was used), curl, python3, and the versiongate binary: $VERSIONGATE,
# else the one `swift build --product versiongate` makes. Run from anywhere:
#
#   bash examples/traffic/record-mitmproxy-har.sh [OUTPUT]     # default: beside this script
#
# Timestamps, timings, ids of created resources and the gateway's port differ from one recording to the next.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
output=${1:-$here/mitmproxy-v1.har}
work=$(mktemp -d)
token=vg_fake_token_7d1e4b0c9a   # not a real credential; replaced by REDACTED below
api_key=fake_api_key_51c2
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT

if [[ -z "${VERSIONGATE:-}" ]]; then
    (cd "$root" && swift build --product versiongate >&2)
    VERSIONGATE="$(cd "$root" && swift build --show-bin-path)/versiongate"
fi

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# The demo picks its own ports and prints them; its ledger is off, so nothing is left behind.
"$VERSIONGATE" demo --port 0 --upstream-port 0 --store off >"$work/demo.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do
    gateway=$(sed -n 's|^ *gateway: *http://127\.0\.0\.1:\([0-9]*\).*|\1|p' "$work/demo.log")
    [[ -n "$gateway" ]] && break
    sleep 0.1
done
[[ -n "$gateway" ]] || { cat "$work/demo.log" >&2; echo "the demo did not start" >&2; exit 1; }

proxy=$(free_port)
mitmdump --mode "reverse:http://127.0.0.1:$gateway" --listen-host 127.0.0.1 -p "$proxy" \
    --set hardump="$work/raw.har" --quiet >"$work/mitmdump.log" 2>&1 &
mitm=$!
pids+=($mitm)
# Wait for mitmdump's port with a bare TCP connection: an HTTP probe would be recorded too.
python3 - "$proxy" <<'WAIT'
import socket, sys, time
for _ in range(100):
    try:
        socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=1).close()
        break
    except OSError:
        time.sleep(0.1)
else:
    sys.exit("mitmdump did not start")
WAIT

base="http://127.0.0.1:$proxy"
v1() {
    curl -sS -o /dev/null -w '%{http_code} %{method} %{url_effective}\n' \
        -H 'API-Version: v1' -H "Authorization: Bearer $token" -H 'Accept: application/json' "$@"
}
json=(-H 'Content-Type: application/json')

# vendors-are-suppliers; list-envelope
v1 "$base/vendors"
v1 "$base/vendors/sup_1"
# purchase-order-supplier-filter, page-size-is-limit; purchase-order-supplier-id, money-is-an-object,
# created-is-created-at, created-at-is-rfc3339, list-envelope in the response
v1 "$base/purchase-orders?vendor_id=sup_1&per_page=5"
v1 "$base/purchase-orders/po_1"
# the same changes on a request body: vendor_id, flat total and currency
v1 -X POST "${json[@]}" -d '{"number":"PO-1003","vendor_id":"sup_2","total":"12.00","currency":"EUR"}' \
    "$base/purchase-orders"
# work-orders-complete-or-cancel: wo_2 is completed upstream, closed for v1; and closed sent forward
v1 "$base/work-orders"
v1 -X PATCH "${json[@]}" -d '{"status":"closed"}' "$base/work-orders/wo_1"
# inventory-on-hand, with an api_key in the query
v1 "$base/inventory?api_key=$api_key"
v1 "$base/inventory/inv_2"
# syncs-are-a-collection, sync-mode, sync-mode-values
v1 -X POST "${json[@]}" -d '{"full":true,"entity":"purchase_orders"}' "$base/connections/con_1/sync"
# touched by no change (but the list envelope on the list): connections, a disconnect
v1 "$base/connections"
v1 "$base/connections/con_1"
v1 -X POST "$base/connections/con_2/disconnect"
# an error: a vendor that does not exist (renamed on the way, but error bodies pass untouched)
v1 "$base/vendors/sup_9"

kill -INT "$mitm"   # mitmdump writes the HAR as it shuts down
wait "$mitm" || true
[[ -s "$work/raw.har" ]] || { cat "$work/mitmdump.log" >&2; echo "mitmdump wrote no HAR" >&2; exit 1; }
sed -e "s/$token/REDACTED/g" -e "s/$api_key/REDACTED/g" "$work/raw.har" >"$output"
if grep -q -e "$token" -e "$api_key" "$output"; then
    echo "a secret is left in $output" >&2
    exit 1
fi
echo "wrote $output ($(wc -c <"$output") bytes)" >&2
