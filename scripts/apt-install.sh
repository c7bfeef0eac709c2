# Sourced by the scripts that need Debian packages: `apt_install PACKAGE...` installs them
# (as root, or with sudo) in one quiet apt run; nothing when given none.
apt_install() {
  [ $# -gt 0 ] || return 0
  local sudo=""
  [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@"
}

# `apt_install_as_root SENTENCE PACKAGE...`: installs them when run as root; otherwise prints
# SENTENCE (what to install first) and stops the script.
apt_install_as_root() {
  local sentence=$1
  shift
  if [ "$(id -u)" != 0 ]; then
    echo "$sentence" >&2
    exit 1
  fi
  apt_install "$@"
}
