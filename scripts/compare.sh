#!/usr/bin/env bash
# Times the whole `lero-evidence export pdf` process (start, open the workspace, lay out,
# write the PDF) against LibreOffice converting the same text to PDF, on this machine, and
# prints the ratio. Needs hyperfine and LibreOffice (Debian: apt-get install hyperfine
# libreoffice-writer-nogui); the script installs them when run as root and they are missing.
set -euo pipefail
cd "$(dirname "$0")/.."

need() { command -v "$1" >/dev/null 2>&1; }
if ! need hyperfine || ! need soffice; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends hyperfine libreoffice-writer-nogui
  else
    echo "Install hyperfine and LibreOffice first (apt-get install hyperfine libreoffice-writer-nogui)." >&2
    exit 1
  fi
fi

cargo build --release --quiet
bin=$PWD/target/release/lero-evidence
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
text=$PWD/src/workspace/demo/peer-support.txt
db=$work/ws.lero

"$bin" --db "$db" org set --name "Brighter Days Recovery Community" --logo tests/fixtures/logo.png >/dev/null
id=$("$bin" --db "$db" account new clero-chime/C1 --body-file "$text" --title "Friday nights at the Hub" | tail -n 1)
mkdir -p "$work/lo"

hyperfine --warmup 3 --runs 30 --export-json "$work/one.json" \
  -n "lero-evidence export pdf" "$bin --db $db export pdf $id --out $work/ours.pdf --draft" \
  -n "soffice --convert-to pdf" "soffice --headless --convert-to pdf --outdir $work/lo $text"

python3 - "$work/one.json" <<'PY'
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
ours, lo = r["lero-evidence export pdf"], r["soffice --convert-to pdf"]
print(f"\nexport pdf: median {ours['median']*1000:.1f} ms; LibreOffice: median {lo['median']*1000:.0f} ms")
print(f"ratio (LibreOffice / export pdf, medians): {lo['median']/ours['median']:.1f}x  (target: at least 20x)")
PY
ls -l "$work/ours.pdf" "$work/lo/"*.pdf | awk '{print $5, $9}'
