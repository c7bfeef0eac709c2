#!/bin/sh
# Writes real, valid files for each fuzz target into fuzz/seeds/TARGET/, so the fuzzers start
# from what the app really reads (a signed bundle, a receipt, a manifest, the standards sets,
# a logo, an account) rather than from nothing. Run from the repository: fuzz/make-seeds.sh
set -eu
cd "$(dirname "$0")/.."
cargo build --quiet --bin lero-evidence
app="$PWD/target/debug/lero-evidence"
seeds="$PWD/fuzz/seeds"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
rm -rf "$seeds"
mkdir -p "$seeds/bundle" "$seeds/signed_payloads" "$seeds/standards" "$seeds/logo" "$seeds/account_text" "$seeds/writing_help" "$seeds/names"

lero="$work/lero.lero"
clero="$work/clero.lero"
"$app" --db "$lero" org set --name "Brighter Days" --area Somewhere --logo tests/fixtures/logo.png >/dev/null
"$app" --db "$lero" person add "Dafydd Evans" --role Director >/dev/null
"$app" --db "$lero" person add "Zoë Adebayo" --role "Peer mentor" --lived-experience >/dev/null
id=$("$app" --db "$lero" account new clero-chime/C1 --body-file src/workspace/demo/peer-support.txt | tail -n 1)
"$app" --db "$lero" signoff "$id" --person "Dafydd Evans" >/dev/null
"$app" --db "$lero" signoff "$id" --person "Zoë Adebayo" >/dev/null
"$app" --db "$lero" export bundle "$id" --out "$seeds/bundle/contribution.lero-bundle" >/dev/null
"$app" --db "$clero" report new "How LEROs live the standards" --year 2026 >/dev/null
"$app" --db "$clero" report add "$seeds/bundle/contribution.lero-bundle" >/dev/null
"$app" --db "$clero" report pack --out "$work/pack" >/dev/null
cp "$work/pack/report.lero-manifest" "$seeds/bundle/report.lero-manifest"
"$app" --db "$lero" report receipt "$work/pack/report.lero-manifest" --person "Zoë Adebayo" \
    --out "$seeds/bundle/signoff.lero-receipt" >/dev/null

# The payloads behind the signatures, as the signed_payloads target seals them itself.
for f in "$seeds"/bundle/*; do
    python3 - "$f" "$seeds/signed_payloads/$(basename "$f").json" <<'PY'
import json, sys
payload = json.load(open(sys.argv[1], encoding="utf-8"))["payload"]
open(sys.argv[2], "w", encoding="utf-8").write(payload)
PY
done

cp standards/*.toml "$seeds/standards/"
cp tests/fixtures/logo.png "$seeds/logo/"
python3 - "$seeds/logo" <<'PY'
import struct, sys, zlib
def png(w, h):
    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
    rows = b"".join(b"\0" + b"\x80\x40\x20" * w for _ in range(h))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))
open(sys.argv[1] + "/tiny.png", "wb").write(png(3, 2))
PY
(printf 'Friday nights at the Hub\n'; cat src/workspace/demo/peer-support.txt) > "$seeds/account_text/peer-support.txt"
(printf 'Driday Siobhán O’Brien\n'; cat src/workspace/demo/peer-support.txt
 printf '\nWe recieve ‘Dridays’ seperate definately, see www.example.org or hi@example.org, NHS GPs at 6pm.\n') \
    > "$seeds/writing_help/peer-support.txt"
# Names in many scripts, and look-alikes and hidden characters, a pair per file (split at U+0001).
python3 - "$seeds/names" <<'PY'
import sys
pairs = [
    ("Dear Albert", "Dear Alb\u0435rt"), ("Zoe\u0308's  Place", "ZOË'S PLACE"),
    ("Siobhán Ó Súilleabháin", "Łukasz Wiśniewski"), ("Nguyễn Thị Minh Khai", "محمد عبد الله"),
    ("דוד כהן", "treb\u202elA"), ("Dear\u200bAlbert", "\u2067Dear Albert\u2069"),
    ("می\u200cخواهم", "क्\u200dष"), ("Ｄｅａｒ Ａｌｂｅｒｔ", "Dear AIbert"), ("Coffee \u2615\ufe0f", "a\u0007b"),
]
for i, (a, b) in enumerate(pairs):
    open(f"{sys.argv[1]}/pair{i}.txt", "w", encoding="utf-8").write(a + "\x01" + b)
PY
ls -l "$seeds"/*
