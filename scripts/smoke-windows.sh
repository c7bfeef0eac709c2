#!/usr/bin/env bash
# Tries the Windows build on this Linux machine under Wine, as scripts/package-windows.sh
# left it in $DIST (default dist/):
#   1. the console program runs the headless flow: organisation, two people, an account, two
#      sign-offs, a signed PDF (read back with pdftotext), and a refusal's exit code;
#   2. the windowed program opens its window on a virtual display (Xvfb) and draws a frame;
#   3. the MSI installs with msiexec and puts the program under Program Files.
# Debian's Wine 8 lacks bcryptprimitives.dll, whose ProcessPrng Rust's standard library
# calls for random numbers; a small stand-in built here with mingw sits beside the exe for
# this test only. It is never shipped: the packages are built without it.
set -euo pipefail
cd "$(dirname "$0")/.."
DIST=${DIST:-dist}
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
zip="$DIST/lero-evidence-$version-windows-x86_64.zip"
msi="$DIST/lero-evidence-$version-windows-x86_64.msi"
[ -f "$zip" ] && [ -f "$msi" ] || { echo "Run scripts/package-windows.sh first." >&2; exit 1; }

need=()
command -v wine >/dev/null || need+=(wine wine64)
command -v Xvfb >/dev/null || need+=(xvfb)
command -v pdftotext >/dev/null || need+=(poppler-utils)
command -v unzip >/dev/null || need+=(unzip)
. scripts/apt-install.sh
apt_install ${need[@]+"${need[@]}"}

work=$(mktemp -d)
xvfb_pid=""
cleanup() {
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true
  wineserver -k 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
export WINEPREFIX="$work/prefix" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
unzip -q "$zip" -d "$work"
app="$work/lero-evidence-$version"

# The test-only stand-in for bcryptprimitives.dll.
cat > "$work/shim.c" <<'EOF'
#include <windows.h>
#include <ntsecapi.h>
__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len) {
    return RtlGenRandom(data, (ULONG)len);
}
EOF
x86_64-w64-mingw32-gcc -shared -O2 -o "$app/bcryptprimitives.dll" "$work/shim.c" -ladvapi32

cli() { wine "$app/lero-evidence-cli.exe" --db 'C:\users\Public\Zoë’s Place\workspace.lero' "$@" 2>&1 | tr -d '\r'; }
step() { echo "== $1"; }

step "headless flow under Wine"
wineboot -i >/dev/null 2>&1 || true
mkdir -p "$WINEPREFIX/drive_c/users/Public/Zoë’s Place"
cli org set --name "Zoë's Place" --area Wirral >/dev/null
cli person add "Dafydd Evans" --role Director >/dev/null
cli person add "Zoë Adebayo" --role "Peer mentor" --lived-experience >/dev/null
printf 'We meet every Friday evening at the Hub.\n\nMembers run the group.\n' > "$work/body.txt"
id=$(cli account new clero-chime/C1 --title Fridays --body-file "$(winepath -w "$work/body.txt")" | tail -1)
cli signoff "$id" --person "Dafydd Evans" >/dev/null
cli signoff "$id" --person "Zoë Adebayo" >/dev/null
cli export pdf "$id" --out 'C:\users\Public\Zoë’s Place\Fridays page.pdf' >/dev/null
pdf="$WINEPREFIX/drive_c/users/Public/Zoë’s Place/Fridays page.pdf"
text=$(pdftotext "$pdf" -)
for want in "Zoë's Place" "We meet every Friday evening at the Hub." "Dafydd Evans" "Zoë Adebayo"; do
  grep -qF "$want" <<<"$text" || { echo "The PDF made under Wine lacks “$want”." >&2; exit 1; }
done
set +e
wine "$app/lero-evidence-cli.exe" --db 'C:\users\Public\Zoë’s Place\workspace.lero' export pdf 999 --out 'C:\x.pdf' >/dev/null 2>&1
code=$?
set -e
[ "$code" = 1 ] || { echo "A refusal under Wine exited with $code, not 1." >&2; exit 1; }
echo "   org, people, account, two sign-offs and a signed PDF; a refusal exits 1"
# Without --db the workspace is made in the user's AppData folder.
wine "$app/lero-evidence-cli.exe" org set --name "Default Place" >/dev/null 2>&1
default=$(find "$WINEPREFIX/drive_c/users" -path '*/AppData/Roaming/CLERO/lero-evidence/data/workspace.lero' | head -1)
[ -n "$default" ] || { echo "Without --db, no workspace was made in AppData." >&2; exit 1; }
echo "   the default workspace is in AppData: ${default#"$WINEPREFIX/drive_c/"}"

step "the window under Wine"
display=:$((90 + RANDOM % 9))
Xvfb "$display" -screen 0 1280x860x24 -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
sleep 2
report=$(DISPLAY=$display LERO_EVIDENCE_STARTUP_REPORT=exit timeout 120 \
  wine "$app/lero-evidence.exe" --db 'C:\users\Public\Zoë’s Place\workspace.lero' 2>&1 | tr -d '\r' | grep '^startup:' || true)
[ -n "$report" ] || { echo "The window did not draw its first frame under Wine." >&2; exit 1; }
echo "   $report"
grep -q "renderer=opengl" <<<"$report" || { echo "The window did not start with OpenGL, its first renderer." >&2; exit 1; }
# While a window has the workspace open, a command is refused (the lock, on Windows).
DISPLAY=$display LERO_EVIDENCE_STARTUP_REPORT=1 \
  wine "$app/lero-evidence.exe" --db 'C:\users\Public\Zoë’s Place\workspace.lero' > "$work/window.log" 2>&1 &
disown
for _ in $(seq 120); do grep -q '^startup:' "$work/window.log" && break; sleep 0.5; done
set +e
said=$(cli person list)
code=$?
set -e
wineserver -k 2>/dev/null || true
[ "$code" = 1 ] || { echo "With the window open, a command exited $code, not 1: $said" >&2; exit 1; }
echo "   with the window open, a command is refused: ${said:0:90}"
# Direct3D 12 is not tried here: Wine 8's (vkd3d, without Vulkan) ends the process on an
# assertion, which is why OpenGL goes first.

step "the installer under Wine"
wine msiexec /i "$(winepath -w "$msi")" /qn
installed="$WINEPREFIX/drive_c/Program Files/LERO Evidence"
for f in lero-evidence.exe lero-evidence-cli.exe README.txt LICENSE-MIT.txt; do
  [ -f "$installed/$f" ] || { echo "The MSI did not install $f." >&2; exit 1; }
done
echo "   installed under Program Files"
echo "== all good"
