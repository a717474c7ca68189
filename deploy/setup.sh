#!/usr/bin/env bash
# Installs what fleetsight needs to build, run the demo and run the tests on Debian 12 / Ubuntu:
# ffmpeg (clip generation, decode baseline), GStreamer's RTSP server (test cameras), nasm
# (openh264's assembly: without it decoding is silently 1.2-1.7x slower), PIL and numpy (the
# pass clip renderer), the fonts plates are rendered in (clips and detector training), Prometheus
# and promtool (the alert-rule tests and the live PromQL test of the dashboards and alerts).
# Idempotent: does nothing when everything is present. Needs a Rust toolchain (rustup, 1.95+).
set -euo pipefail

PACKAGES=(
  ffmpeg nasm pkg-config python3-pil python3-numpy
  fonts-dejavu-core fonts-dejavu-extra fonts-liberation2 fonts-freefont-ttf fonts-roboto-unhinted fonts-urw-base35
  gstreamer1.0-tools gstreamer1.0-plugins-base gstreamer1.0-plugins-good gstreamer1.0-plugins-bad
  gir1.2-gst-rtsp-server-1.0 gir1.2-gstreamer-1.0 gir1.2-gst-plugins-base-1.0 python3-gst-1.0 python3-gi
  prometheus
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  echo "setup: installing ${missing[*]}" >&2
  $SUDO apt-get -o DPkg::Lock::Timeout=600 update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  # Debian's prometheus package enables and starts its own server (port 9090, /var/lib/prometheus).
  # The tests start their own on free ports with a temporary tsdb, so the packaged one is stopped
  # and kept from starting at boot.
  if [[ " ${missing[*]} " == *" prometheus "* ]]; then
    if [ -d /run/systemd/system ]; then
      $SUDO systemctl disable --now prometheus.service >/dev/null 2>&1 || true
    else
      $SUDO /etc/init.d/prometheus stop >/dev/null 2>&1 || true
      $SUDO update-rc.d prometheus disable >/dev/null 2>&1 || true
    fi
  fi
fi

command -v cargo >/dev/null || { echo "setup: cargo not found; install Rust with rustup (https://rustup.rs), 1.95 or newer" >&2; exit 1; }
# Debian's gi bindings are only visible to Debian's own interpreter.
/usr/bin/python3 -c 'import gi; gi.require_version("GstRtspServer", "1.0")' \
  || { echo "setup: GStreamer RTSP server bindings are not importable by /usr/bin/python3" >&2; exit 1; }
