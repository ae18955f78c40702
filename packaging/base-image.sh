#!/usr/bin/env bash
# Makes a local Debian base image for machines that reach Debian's packages but no image registry:
# mmdebstrap builds a minimal bookworm root file system (no docs, man pages or locales, but every package's
# copyright file: a package installed on top, ffmpeg among them, keeps its licence notice), and podman
# imports it as $1 (default localhost/animegan-base:bookworm-<key>). The root file system is cached under
# artifacts/base/, keyed by the suite, variant, package list and file rules, so it is made once; the key is
# in the image's tag, not in a label, so images built on it carry no label of ours.
# Needs: podman, runc, mmdebstrap (apt-get install podman runc mmdebstrap).
set -euo pipefail
cd "$(dirname "$0")/.."
suite=bookworm
variant=minbase
packages=ca-certificates
rules=docs-without-copyright
key=$(printf '%s %s %s %s' "$suite" "$variant" "$packages" "$rules" | sha256sum | cut -c1-16)
image="${1:-localhost/animegan-base:$suite-$key}"
rootfs="artifacts/base/debian-$suite-$key.tar"
if [ ! -f "$rootfs" ]; then
  mkdir -p artifacts/base
  mmdebstrap --quiet --format=tar --variant="$variant" --include="$packages" \
    --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-include=/usr/share/doc/*/copyright' --dpkgopt='path-exclude=/usr/share/man/*' \
    --dpkgopt='path-exclude=/usr/share/locale/*' --dpkgopt='path-exclude=/usr/share/info/*' \
    "$suite" "$rootfs.partial" http://deb.debian.org/debian
  mv "$rootfs.partial" "$rootfs"
fi
if ! podman image exists "$image"; then
  podman import --quiet --change 'CMD ["/bin/bash"]' "$rootfs" "$image" >/dev/null
fi
echo "$image"
