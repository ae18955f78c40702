#!/usr/bin/env bash
# Makes a local Debian base image for machines that reach Debian's packages but no image registry:
# mmdebstrap builds a minimal bookworm root file system (no docs, man pages or locales), and podman
# imports it as $1 (default localhost/animegan-base:bookworm). The root file system is cached under
# artifacts/base/, keyed by the suite, variant and package list, so it is made once.
# Needs: podman, runc, mmdebstrap (apt-get install podman runc mmdebstrap).
set -euo pipefail
cd "$(dirname "$0")/.."
image="${1:-localhost/animegan-base:bookworm}"
suite=bookworm
variant=minbase
packages=ca-certificates
key=$(printf '%s %s %s' "$suite" "$variant" "$packages" | sha256sum | cut -c1-16)
rootfs="artifacts/base/debian-$suite-$key.tar"
if [ ! -f "$rootfs" ]; then
  mkdir -p artifacts/base
  mmdebstrap --quiet --format=tar --variant="$variant" --include="$packages" \
    --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-exclude=/usr/share/man/*' \
    --dpkgopt='path-exclude=/usr/share/locale/*' --dpkgopt='path-exclude=/usr/share/info/*' \
    "$suite" "$rootfs.partial" http://deb.debian.org/debian
  mv "$rootfs.partial" "$rootfs"
fi
if ! podman image exists "$image" || [ "$(podman image inspect --format '{{index .Labels "rootfs"}}' "$image" 2>/dev/null)" != "$key" ]; then
  podman import --quiet --change "LABEL rootfs=$key" --change 'CMD ["/bin/bash"]' "$rootfs" "$image" >/dev/null
fi
echo "$image"
