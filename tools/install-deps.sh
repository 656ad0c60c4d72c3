#!/usr/bin/env bash
# Installs the system packages Leitmotif needs, and says what it installs.
#   tools/install-deps.sh build   what `make run` needs: ALSA headers, pkg-config
#   tools/install-deps.sh test    what `make test` needs on top: a virtual display,
#                                 a private sound server, screenshots, key presses
#   tools/install-deps.sh deb     what `make deb` needs on top of build: dpkg-dev (for the
#                                 libraries the binary links), the desktop file and
#                                 AppStream validators
#   tools/install-deps.sh bench   what `make bench` needs on top of build: encoders for
#                                 the generated libraries, a virtual display, Python's venv
# On Debian and Ubuntu it uses apt-get (through sudo when not root). Elsewhere it
# prints the packages to install and stops.
set -euo pipefail

what=${1:-build}

build_deb=(pkg-config libasound2-dev)
# Runtime libraries the window loads (winit opens them at run time) and a font.
# The Debian package declares the same list (Cargo.toml, [package.metadata.deb]).
run_deb=(libx11-6 libx11-xcb1 libxcursor1 libxrandr2 libxi6 libxkbcommon-x11-0 libwayland-client0 fonts-dejavu-core)
deb_deb=(dpkg-dev desktop-file-utils appstream)
bench_deb=(xvfb xauth xdotool imagemagick pulseaudio pulseaudio-utils sox flac lame vorbis-tools ffmpeg loudgain python3-venv python3-pip)
test_deb=(python3 python3-mutagen xvfb xauth xdotool imagemagick pulseaudio pulseaudio-utils libasound2-plugins alsa-utils dbus playerctl desktop-file-utils appstream opus-tools ffmpeg loudgain supysonic python3-waitress gnome-keyring libsecret-tools)

case "$what" in
  build) wanted=("${build_deb[@]}" "${run_deb[@]}") ;;
  test) wanted=("${build_deb[@]}" "${run_deb[@]}" "${test_deb[@]}") ;;
  deb) wanted=("${build_deb[@]}" "${run_deb[@]}" "${deb_deb[@]}") ;;
  bench) wanted=("${build_deb[@]}" "${run_deb[@]}" "${bench_deb[@]}") ;;
  *) echo "usage: $0 build|test|deb|bench" >&2; exit 2 ;;
esac

if ! command -v apt-get >/dev/null 2>&1 || ! command -v dpkg-query >/dev/null 2>&1; then
  # Not Debian or Ubuntu: check what can be checked, and say what to install.
  if pkg-config --exists alsa 2>/dev/null; then
    [ "$what" = build ] && exit 0
  fi
  cat >&2 <<MSG
Leitmotif's Makefile installs packages with apt-get, which this system does not have.
Please install these yourself, then run make again:
  Fedora:        sudo dnf install pkgconf-pkg-config alsa-lib-devel libxkbcommon-x11 dejavu-sans-fonts
  Arch:          sudo pacman -S pkgconf alsa-lib libxkbcommon-x11 ttf-dejavu
  openSUSE:      sudo zypper install pkg-config alsa-devel libxkbcommon-x11-0 dejavu-fonts
MSG
  if [ "$what" = test ]; then
    cat >&2 <<MSG
and for the tests:
  Fedora:        sudo dnf install xorg-x11-server-Xvfb xdotool ImageMagick pulseaudio pulseaudio-utils alsa-plugins-pulseaudio alsa-utils dbus-daemon playerctl desktop-file-utils appstream
  Arch:          sudo pacman -S xorg-server-xvfb xdotool imagemagick pulseaudio alsa-plugins alsa-utils dbus playerctl desktop-file-utils appstream
  openSUSE:      sudo zypper install xvfb-run xdotool ImageMagick pulseaudio pulseaudio-utils alsa-plugins-pulse alsa-utils dbus-1 playerctl desktop-file-utils appstream
MSG
  fi
  exit 1
fi

missing=()
for pkg in "${wanted[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
  [ "$status" = "install ok installed" ] || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
  sudo=()
elif command -v sudo >/dev/null 2>&1; then
  sudo=(sudo)
else
  echo "Leitmotif needs these packages: ${missing[*]}" >&2
  echo "Run as root: apt-get install ${missing[*]}" >&2
  exit 1
fi
echo "Installing what Leitmotif needs to $what: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
# The package lists may be missing on a fresh machine; refresh them if the first try fails.
if ! "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"; then
  "${sudo[@]}" apt-get update -q
  "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
