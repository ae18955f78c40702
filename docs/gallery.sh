#!/usr/bin/env bash
# Converts the free photos in docs/photos with every style at default settings into docs/gallery/, as small
# JPEGs (quality 80, each under 150 KB), and the photos themselves as JPEGs for the first column of README's grid.
# Runs the command line ./build.sh builds; the models come from $ANIMEGAN_MODELS when set, else they are
# installed from ../shared/models (or $ANIMEGAN_SHARED/models) into artifacts/gallery-models.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f artifacts/cli/animegan.dll ] || ./build.sh >/dev/null
if [ -z "${ANIMEGAN_MODELS:-}" ]; then
  export ANIMEGAN_MODELS="$PWD/artifacts/gallery-models"
  ./animegan models install --from "${ANIMEGAN_SHARED:-$PWD/../shared}/models" >/dev/null
fi
styles=$(./animegan styles --json | sed -n 's/^    "id": "\([^"@]*\)",$/\1/p')
out=docs/gallery
rm -rf "$out" && mkdir -p "$out"
for photo in docs/photos/*.png; do
  name=$(basename "$photo" .png)
  ./animegan convert "$photo" -o "$out/$name.jpg" --strength 0 -f jpg --quality 80 >/dev/null
  for style in $styles; do
    ./animegan convert "$photo" -s "$style" -o "$out/$name-$style.jpg" -f jpg --quality 80 >/dev/null
  done
done
too_big=$(find "$out" -name '*.jpg' -size +150k)
if [ -n "$too_big" ]; then echo "gallery.sh: over 150 KB: $too_big" >&2; exit 1; fi
echo "docs/gallery: $(find "$out" -name '*.jpg' | wc -l) pictures for styles: $(echo $styles)"
