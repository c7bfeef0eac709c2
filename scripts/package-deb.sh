#!/usr/bin/env bash
# Builds the Debian/Ubuntu package: $DIST/lero-evidence_VERSION_amd64.deb (DIST defaults to
# dist/). It holds /usr/bin/lero-evidence, a desktop entry, the icon in the hicolor sizes
# (PNG and SVG), AppStream metainfo and the licences of the app, its fonts and its
# dictionary. The desktop entry and the metainfo are validated first; the tools it needs are
# installed when missing (Debian's dpkg-dev, desktop-file-utils, appstream).
#
#   scripts/package-deb.sh            build the package
#   sudo apt install ./dist/lero-evidence_*_amd64.deb
set -euo pipefail
cd "$(dirname "$0")/.."
DIST=${DIST:-dist}
mkdir -p "$DIST"

need=()
command -v dpkg-deb >/dev/null || need+=(dpkg)
command -v desktop-file-validate >/dev/null || need+=(desktop-file-utils)
command -v appstreamcli >/dev/null || need+=(appstream)
. scripts/apt-install.sh
apt_install ${need[@]+"${need[@]}"}

id=org.clero.LeroEvidence
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
desktop-file-validate "packaging/linux/$id.desktop"
appstreamcli validate --no-net "packaging/linux/$id.metainfo.xml"

cargo build --release --locked --bin lero-evidence

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
root="$work/root"
install -Dm755 target/release/lero-evidence "$root/usr/bin/lero-evidence"
install -Dm644 "packaging/linux/$id.desktop" "$root/usr/share/applications/$id.desktop"
install -Dm644 "packaging/linux/$id.metainfo.xml" "$root/usr/share/metainfo/$id.metainfo.xml"
install -Dm644 assets/icon/lero-evidence.svg "$root/usr/share/icons/hicolor/scalable/apps/$id.svg"
for n in 16 24 32 48 64 128 256; do
  install -Dm644 "assets/icon/lero-evidence-$n.png" "$root/usr/share/icons/hicolor/${n}x${n}/apps/$id.png"
done
doc="$root/usr/share/doc/lero-evidence"
install -Dm644 LICENSE-MIT "$doc/LICENSE-MIT"
install -Dm644 LICENSE-APACHE "$doc/LICENSE-APACHE"
install -Dm644 assets/fonts/OFL.txt "$doc/fonts/Noto-OFL.txt"
install -Dm644 assets/fonts/andika/OFL.txt "$doc/fonts/Andika-OFL.txt"
install -Dm644 assets/fonts/fallback/OFL.txt "$doc/fonts/Noto-fallback-OFL.txt"
install -Dm644 assets/dictionaries/en-GB/LICENSE "$doc/dictionary/LICENSE"
cat > "$doc/copyright" <<EOF
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: lero-evidence

Files: *
Copyright: 2026 The LERO Evidence developers
License: MIT or Apache-2.0
 See /usr/share/doc/lero-evidence/LICENSE-MIT and LICENSE-APACHE.

Files: fonts (built into the program)
Copyright: Google LLC and SIL International (Noto Sans, Noto Emoji, Noto Sans Symbols 2, Andika)
License: OFL-1.1
 See /usr/share/doc/lero-evidence/fonts/.

Files: dictionary (built into the program)
Copyright: the authors of the en-GB Hunspell dictionary
License: see /usr/share/doc/lero-evidence/dictionary/LICENSE
EOF
gzip -9n -c > "$doc/changelog.gz" <<EOF
lero-evidence ($version) stable; urgency=low

  * Packaged release $version.

 -- The LERO Evidence developers <lero-evidence@example.invalid>  $(date -R)
EOF

size_kib=$(du -sk "$root" | cut -f1)
install -d "$root/DEBIAN"
# The window loads these libraries when it starts (winit and glutin open them by name), so
# they are listed by hand: dpkg-shlibdeps sees only what the program links at build time.
cat > "$root/DEBIAN/control" <<EOF
Package: lero-evidence
Version: $version
Architecture: amd64
Maintainer: The LERO Evidence developers <lero-evidence@example.invalid>
Installed-Size: $size_kib
Depends: libc6 (>= 2.34), libgcc-s1, libgl1, libegl1, libx11-6, libxcursor1, libxrandr2, libxi6, libxkbcommon0, libxkbcommon-x11-0
Recommends: libgl1-mesa-dri
Section: misc
Priority: optional
Description: self-assessment, evidence and one-page accounts for recovery organisations
 LERO Evidence is an offline app for small, peer-led drug and alcohol recovery
 charities (Lived Experience Recovery Organisations) and for the college that
 collects their evidence: standards, honest self-assessment, evidence, one-page
 accounts signed off inside the organisation, and the collective report.
EOF
out="$DIST/lero-evidence_${version}_amd64.deb"
dpkg-deb --root-owner-group -Zxz --build "$root" "$out" >/dev/null
echo "$out ($(du -k "$out" | cut -f1) KiB)"
