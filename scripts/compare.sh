#!/usr/bin/env bash
# Times, on this machine and in one go: the whole `lero-evidence export pdf` process (start,
# open the workspace, lay out, write the PDF) and the whole `report export` process for a
# 40-contribution collective report, against LibreOffice converting the one account's text to
# PDF; prints the ratios. Needs hyperfine and LibreOffice (Debian: apt-get install hyperfine
# libreoffice-writer-nogui); the script installs them when run as root and they are missing.
set -euo pipefail
cd "$(dirname "$0")/.."

need() { command -v "$1" >/dev/null 2>&1; }
if ! need hyperfine || ! need soffice; then
  . scripts/apt-install.sh
  apt_install_as_root "Install hyperfine and LibreOffice first (apt-get install hyperfine libreoffice-writer-nogui)." \
    hyperfine libreoffice-writer-nogui
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

# A college workspace with 40 contributions: ten LEROs, four signed-off accounts each.
college=$work/college.lero
"$bin" --db "$college" report new "How LEROs live the standards" --year 2026 >/dev/null
for n in 0 1 2 3 4 5 6 7 8 9; do
  lero=$work/lero-$n.lero
  "$bin" --db "$lero" org set --name "Recovery Community $n" --logo tests/fixtures/logo.png >/dev/null
  "$bin" --db "$lero" person add "Dafydd Evans" --role Director >/dev/null
  "$bin" --db "$lero" person add "Zoë Adebayo" --role "Peer mentor" --lived-experience >/dev/null
  for code in C1 C2 C3 C4; do
    acc=$("$bin" --db "$lero" account new "clero-chime/$code" --body-file "$text" | tail -n 1)
    "$bin" --db "$lero" signoff "$acc" --person "Dafydd Evans" >/dev/null
    "$bin" --db "$lero" signoff "$acc" --person "Zoë Adebayo" >/dev/null
    "$bin" --db "$lero" export bundle "$acc" --out "$work/lero-$n-$code.lero-bundle" >/dev/null
  done
done
"$bin" --db "$college" report add "$work"/*.lero-bundle | tail -n 2 | head -n 1

hyperfine --warmup 3 --runs 30 --export-json "$work/one.json" \
  -n "lero-evidence export pdf" "$bin --db $db export pdf $id --out $work/ours.pdf --draft" \
  -n "lero-evidence report export (40)" "$bin --db $college report export --out $work/report.pdf" \
  -n "soffice --convert-to pdf" "soffice --headless --convert-to pdf --outdir $work/lo $text"

python3 - "$work/one.json" <<'PY'
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
ours, rep, lo = r["lero-evidence export pdf"], r["lero-evidence report export (40)"], r["soffice --convert-to pdf"]
print(f"\nexport pdf: median {ours['median']*1000:.1f} ms; 40-contribution report export: median {rep['median']*1000:.0f} ms; LibreOffice, one page: median {lo['median']*1000:.0f} ms")
print(f"ratio (LibreOffice / export pdf, medians): {lo['median']/ours['median']:.1f}x  (target: at least 60x)")
print(f"ratio (LibreOffice one page / 40-contribution report, medians): {lo['median']/rep['median']:.1f}x  (target: above 1x)")
PY
ls -l "$work/ours.pdf" "$work/report.pdf" "$work/lo/"*.pdf | awk '{print $5, $9}'
