#!/usr/bin/env bash
# Cross-builds the Windows app on Linux and writes, into $DIST (default dist/):
#   lero-evidence-VERSION-windows-x86_64.zip   the program (windowed lero-evidence.exe and
#                                              console lero-evidence-cli.exe), README.txt and
#                                              the licences of the app, fonts and dictionary
#   lero-evidence-VERSION-windows-x86_64.msi   an installer: Program Files, a Start-menu
#                                              shortcut, an entry to remove it
# It installs what it needs when missing: the Rust target (rustup), the mingw-w64 linker,
# wixl (Debian's msitools) and ImageMagick for the icon.
set -euo pipefail
cd "$(dirname "$0")/.."
DIST=${DIST:-dist}
mkdir -p "$DIST"
target=x86_64-pc-windows-gnu

need=()
command -v x86_64-w64-mingw32-gcc >/dev/null || need+=(gcc-mingw-w64-x86-64)
command -v wixl >/dev/null || need+=(wixl)
command -v convert >/dev/null || need+=(imagemagick)
command -v zip >/dev/null || need+=(zip)
. scripts/apt-install.sh
apt_install ${need[@]+"${need[@]}"}
rustup target list --installed | grep -qx "$target" || rustup target add "$target"

version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
# The linker and its flags for this target are in .cargo/config.toml.
cargo build --release --locked --target "$target" --bin lero-evidence --bin lero-evidence-cli
bin="target/$target/release"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
stage="$work/lero-evidence-$version"
mkdir -p "$stage/licences"
cp "$bin/lero-evidence.exe" "$bin/lero-evidence-cli.exe" "$stage/"
# Windows readers expect CRLF line ends in text files.
crlf() { sed 's/$/\r/' "$1" > "$2"; }
crlf packaging/windows/README.txt "$stage/README.txt"
crlf LICENSE-MIT "$stage/LICENSE-MIT.txt"
crlf LICENSE-APACHE "$stage/LICENSE-APACHE.txt"
crlf assets/fonts/OFL.txt "$stage/licences/Noto-OFL.txt"
crlf assets/fonts/andika/OFL.txt "$stage/licences/Andika-OFL.txt"
crlf assets/fonts/fallback/OFL.txt "$stage/licences/Noto-fallback-OFL.txt"
crlf assets/dictionaries/en-GB/LICENSE "$stage/licences/Dictionary-LICENSE.txt"

zip="$DIST/lero-evidence-$version-windows-x86_64.zip"
rm -f "$zip"
(cd "$work" && zip -qr -X - "lero-evidence-$version") > "$zip"

# The installer's icon, from the PNGs rendered from assets/icon/lero-evidence.svg.
convert assets/icon/lero-evidence-{16,24,32,48,64,128,256}.png "$stage/lero-evidence.ico"
msi="$DIST/lero-evidence-$version-windows-x86_64.msi"
# wixl takes the files' paths relative to the directory it runs in.
cp packaging/windows/lero-evidence.wxs "$work/"
(cd "$work" && wixl --arch x64 -D "Version=$version" -D "SourceDir=lero-evidence-$version" -o installer.msi lero-evidence.wxs)
mv "$work/installer.msi" "$msi"

for f in "$zip" "$msi"; do echo "$f ($(du -k "$f" | cut -f1) KiB)"; done
