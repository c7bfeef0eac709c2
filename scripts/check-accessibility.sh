#!/usr/bin/env bash
# Checks what the app publishes the way an outside reviewer would, on a small college report
# made from scratch (three LEROs, four accounts, one with a logo-less organisation):
#
#   1. the report as a web page, draft and final: axe-core (WCAG 2.0/2.1, A and AA) in headless
#      Chromium at 1280 and 320 px, no sideways scrolling at 320 px, nothing fetched; a
#      screenshot of each page at each width is kept to look at;
#   2. every PDF (one-pagers draft and final, in both fonts; the report draft and final; the
#      review pack's draft, a LERO's "Where we stand"): `pdfua check`, failing on any
#      finding at any severity. Skip this part with
#      SKIP_PDFUA=1.
#
# Exits 1 with the findings listed if either part finds anything. Installs what is missing:
# Chromium (Debian package, as root), playwright-core and axe-core (npm, pinned by
# scripts/accessibility/package-lock.json, into .accessibility/ in the repository, which git
# ignores) and pdfua (pip). Set KEEP=DIR to keep the sample's files and screenshots in DIR.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
tools=$repo/.accessibility

need() { command -v "$1" >/dev/null 2>&1; }

install_tools() {
  if [ ! -x /usr/bin/chromium ]; then
    . scripts/apt-install.sh
    apt_install_as_root "Install Chromium first (apt-get install chromium)." chromium
  fi
  if ! need node || ! need npm; then
    . scripts/apt-install.sh
    apt_install_as_root "Install Node.js first (apt-get install nodejs npm)." nodejs npm
  fi
  if ! cmp -s scripts/accessibility/package-lock.json "$tools/package-lock.json" \
    || [ ! -d "$tools/node_modules/axe-core" ] || [ ! -d "$tools/node_modules/playwright-core" ]; then
    mkdir -p "$tools"
    cp scripts/accessibility/package.json scripts/accessibility/package-lock.json "$tools/"
    (cd "$tools" && npm ci --no-audit --no-fund --loglevel=error)
  fi
  if [ "${SKIP_PDFUA:-0}" != 1 ] && ! need pdfua; then
    python3 -m pip install --quiet --disable-pip-version-check "pdfua==0.1.3"
  fi
}

# Builds the app and makes the sample in $work; sets $bin and the lists of files to check.
make_sample() {
  cargo build --quiet --bin lero-evidence
  bin=${CARGO_TARGET_DIR:-$repo/target}/debug/lero-evidence
  local text=$repo/src/workspace/demo/peer-support.txt
  local college=$work/college.lero
  printf 'This report gathers how local recovery organisations live the standards.\n\n- Three contributors\n- Four accounts\n' \
    >"$work/introduction.txt"
  "$bin" --db "$college" report new "How LEROs live the standards" --year 2026 \
    --introduction-file "$work/introduction.txt" >/dev/null

  # Each LERO: name, area, logo or not, then the statements it writes about.
  local leros=("Brighter Days Recovery Community|Leeds|logo|C1 C3" "Hope Street|York & Selby|none|C1"
    "Łukasz Café Collective|Bradford|logo|H2")
  local n=0 entry name area logo codes code acc done_action
  one_pagers=()
  for entry in "${leros[@]}"; do
    IFS='|' read -r name area logo codes <<<"$entry"
    local db=$work/lero-$n.lero
    if [ "$logo" = logo ]; then
      "$bin" --db "$db" org set --name "$name" --area "$area" --logo tests/fixtures/logo.png >/dev/null
    else
      "$bin" --db "$db" org set --name "$name" --area "$area" >/dev/null
    fi
    "$bin" --db "$db" person add "Dafydd Evans" --role Director >/dev/null
    "$bin" --db "$db" person add "Zoë Adebayo" --role "Peer mentor" --lived-experience >/dev/null
    # Figures and self-assessments from all but one LERO, so the report's "LEROs in numbers"
    # (tables, the chart, the spread of stages) is checked too.
    if [ $n != 1 ]; then
      "$bin" --db "$db" org figures --year 2025 --people-supported $((120 + n * 90)) --support-hours 3,400 \
        --volunteers $((12 + n)) >/dev/null
      for code in $codes; do
        "$bin" --db "$db" assess "clero-chime/$code" --stage developing --rung $((3 + n)) >/dev/null
      done
    fi
    for code in $codes; do
      acc=$("$bin" --db "$db" account new "clero-chime/$code" --body-file "$text" --title "How we live $code" | tail -n 1)
      if [ $n = 0 ] && [ "$code" = C1 ]; then
        "$bin" --db "$db" export pdf "$acc" --out "$work/one-pager-draft.pdf" --draft >/dev/null
        one_pagers+=("$work/one-pager-draft.pdf")
      fi
      "$bin" --db "$db" signoff "$acc" --person "Dafydd Evans" >/dev/null
      "$bin" --db "$db" signoff "$acc" --person "Zoë Adebayo" >/dev/null
      if [ $n = 0 ] && [ "$code" = C1 ]; then
        "$bin" --db "$db" export pdf "$acc" --out "$work/one-pager-final.pdf" >/dev/null
        "$bin" --db "$db" export pdf "$acc" --out "$work/one-pager-reading-font.pdf" --reading-font >/dev/null
        one_pagers+=("$work/one-pager-final.pdf" "$work/one-pager-reading-font.pdf")
      fi
      "$bin" --db "$db" export bundle "$acc" --out "$work/lero-$n-$code.lero-bundle" >/dev/null
    done
    n=$((n + 1))
  done
  "$bin" --db "$college" report add "$work"/*.lero-bundle >/dev/null
  "$bin" --db "$college" report export --out "$work/report-draft.html" >/dev/null
  "$bin" --db "$college" report export --out "$work/report-draft.pdf" >/dev/null

  # The review pack, every contributor's receipt recorded: the report is final.
  "$bin" --db "$college" report pack --out "$work/pack" >/dev/null
  local i
  for ((i = 0; i < n; i++)); do
    "$bin" --db "$work/lero-$i.lero" report receipt "$work/pack/report.lero-manifest" --person "Zoë Adebayo" \
      --out "$work/receipt-$i.lero-receipt" >/dev/null
    "$bin" --db "$college" report record "$work/receipt-$i.lero-receipt" >/dev/null
  done
  "$bin" --db "$college" report export --out "$work/report-final.html" | grep -q "Exported the final report" || {
    echo "The sample report did not become final after every receipt was recorded." >&2
    exit 1
  }
  "$bin" --db "$college" report export --out "$work/report-final.pdf" >/dev/null
  web_pages=("$work/report-draft.html" "$work/report-final.html")
  # A LERO's "Where we stand": its self-assessment, evidence (one item personal data), an
  # overdue action and a done one, its signed accounts, a statement that does not apply.
  local lero=$work/lero-2.lero
  "$bin" --db "$lero" assess clero-chime/C2 --stage n/a --note "We have no premises of our own." >/dev/null
  "$bin" --db "$lero" evidence add clero-chime/C1 --title "Minutes of the members' meeting" --date 31/03/2026 \
    --kind Minutes >/dev/null
  "$bin" --db "$lero" evidence add clero-chime/C1 --title "Members' stories" --personal-data >/dev/null
  "$bin" --db "$lero" action add clero-chime/C1 --what "Ask members to review the leaflet" --by 31/01/2020 >/dev/null
  done_action=$("$bin" --db "$lero" action add clero-chime/C1 --what "Put the minutes up" | tail -n 1)
  "$bin" --db "$lero" action update "$done_action" --status done >/dev/null
  "$bin" --db "$lero" export summary --out "$work/where-we-stand.pdf" >/dev/null
  pdfs=("${one_pagers[@]}" "$work/report-draft.pdf" "$work/report-final.pdf" "$work/pack/report-draft.pdf"
    "$work/where-we-stand.pdf")
}

# Part 1: the web pages.
check_web_pages() {
  echo "== The report as a web page: axe-core (wcag2a, wcag2aa, wcag21a, wcag21aa) in Chromium"
  local f
  for f in "${web_pages[@]}"; do
    echo "$(basename "$f"): $(wc -c <"$f") bytes"
  done
  mkdir -p "$work/screenshots"
  node scripts/accessibility/axe.cjs "$tools" "$work/screenshots" "${web_pages[@]}"
}

# Part 2: the PDFs. `pdfua check` exits 0 only when it finds nothing at any severity.
check_pdfs() {
  if [ "${SKIP_PDFUA:-0}" = 1 ]; then
    echo "== PDF/UA: skipped (SKIP_PDFUA=1)"
    return 0
  fi
  echo "== PDF/UA: pdfua check on every PDF, any finding fails"
  local f failed=0
  for f in "${pdfs[@]}"; do
    if pdfua check "$f" >"$work/pdfua.txt" 2>&1; then
      echo "$(basename "$(dirname "$f")")/$(basename "$f"): no findings"
    else
      failed=1
      echo "$(basename "$(dirname "$f")")/$(basename "$f"): findings"
      sed 's/^/  /' "$work/pdfua.txt"
    fi
  done
  return $failed
}

install_tools
if [ -n "${KEEP:-}" ]; then
  mkdir -p "$KEEP"
  work=$(cd "$KEEP" && pwd)
else
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
fi
make_sample
status=0
check_web_pages || status=1
check_pdfs || status=1
if [ -n "${KEEP:-}" ]; then
  echo "The sample, its files and the screenshots are in $work."
fi
if [ $status = 0 ]; then
  echo "No accessibility findings."
else
  echo "Accessibility findings: see above." >&2
fi
exit $status
