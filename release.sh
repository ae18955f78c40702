#!/usr/bin/env bash
# Builds every release artifact into artifacts/release/, with SHA256SUMS beside them; the version is
# Directory.Build.props' <Version>.
#
#   AnimeGan-PaintDotNet-<v>.zip        the Paint.NET effect folder with its styles, for Effects\
#   AnimeGan.Cli.<v>.nupkg               the command line as a .NET tool (dotnet tool install -g AnimeGan.Cli)
#   animegan-<v>-<rid>.tar.gz / .zip     the command line, self-contained, with the default models
#   AnimeGan.<v>.nupkg                   the PowerShell module, as the PowerShell Gallery serves it
#   animegan-serve-<v>.image.tar         the container image for `animegan serve` (podman load / docker load)
#
# Models come from their pinned https sources, or from a folder: ANIMEGAN_RELEASE_MODELS=DIR.
# The container is built with podman (or docker when podman is missing); its base images are the official
# .NET ones unless ANIMEGAN_SDK_IMAGE / ANIMEGAN_RUNTIME_IMAGE name others, and ANIMEGAN_CONTAINER_BUILD_ARGS
# adds flags to the build (mounts and networking for machines that reach no image registry; see test.sh).
# ANIMEGAN_RELEASE_SKIP_CONTAINER=1 leaves the image out.
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
version=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' Directory.Build.props)
out=artifacts/release
stage=artifacts/release-stage
rm -rf "$out" "$stage" artifacts/container-models
mkdir -p "$out" "$stage"
quiet=(--nologo -v quiet)

echo "== command line (framework-dependent), to fetch the models"
dotnet publish src/AnimeGan.Cli/AnimeGan.Cli.csproj -c Release -o "$stage/cli" "${quiet[@]}"
animegan() { dotnet "$stage/cli/animegan.dll" "$@"; }

# Every model goes into the Paint.NET zip; the archives and the image carry the defaults (the manifest's
# default style and face detector), which convert at once and weigh 4 MB. Installing makes each style's INT8
# graph (variants.json registers them), shipped made: a user's first conversion only measures it against float on
# their processor (a few runs) to choose the default precision. The verdict made here (precision.json) is this
# machine's and stays behind.
all="$PWD/$stage/models"
defaults="$PWD/$stage/default-models"
default_ids="hayao retinaface"
if [ -n "${ANIMEGAN_RELEASE_MODELS:-}" ]; then
  animegan --models "$all" models install --from "$ANIMEGAN_RELEASE_MODELS"
else
  animegan --models "$all" models install --all || {   # every model with a public download
    echo "release.sh: the models could not be downloaded; without a network, set ANIMEGAN_RELEASE_MODELS=DIR to a folder holding the model files." >&2
    exit 1
  }
fi
# shellcheck disable=SC2086
animegan --models "$defaults" models install $default_ids --from "$all"

copy_models() { # <from> <to>: the model files and INT8 graphs, not the optimized graphs made beside them
  mkdir -p "$2"
  find "$1" -maxdepth 1 -name '*.onnx' ! -name '*.optimized.onnx' -exec cp {} "$2/" \;
  cp "$1/variants.json" "$2/"
}

echo "== Paint.NET effect"
# Compiled against Paint.NET's own DLLs when PDN_ROOT names their folder, else against the stand-ins with their
# names (PaintDotNetEffect/ReferenceAssemblies); either way the publish checks that every reference binds in Paint.NET.
pdn=()
if [ -n "${PDN_ROOT:-}" ]; then pdn=("-p:PdnRoot=$PDN_ROOT"); fi
pdn_zip="$PWD/$out/AnimeGan-PaintDotNet-$version.zip"
dotnet publish PaintDotNetEffect/AnimeGan.PaintDotNet/AnimeGan.PaintDotNet.csproj -c Release "${quiet[@]}" "${pdn[@]}" \
  -o "$stage/paintdotnet/publish" "-p:PluginPackageFolder=$PWD/$stage/paintdotnet/package" "-p:PluginZip=$pdn_zip" "-p:PluginModels=$all"
if [ "$(stat -c %s "$pdn_zip")" -gt $((60 * 1024 * 1024)) ]; then
  echo "   every style makes the zip larger than 60 MB: it carries the defaults only"
  dotnet publish PaintDotNetEffect/AnimeGan.PaintDotNet/AnimeGan.PaintDotNet.csproj -c Release "${quiet[@]}" "${pdn[@]}" --no-build \
    -o "$stage/paintdotnet/publish" "-p:PluginPackageFolder=$PWD/$stage/paintdotnet/package" "-p:PluginZip=$pdn_zip" "-p:PluginModels=$defaults"
fi

echo "== .NET tool"
dotnet pack src/AnimeGan.Cli/AnimeGan.Cli.csproj -c Release -o "$out" "${quiet[@]}" -p:DebugType=none -p:PublishDocumentationFile=false

echo "== self-contained command line"
for rid in linux-x64 win-x64 osx-arm64; do
  name="animegan-$version-$rid"
  folder="$stage/archives/$rid/$name"
  dotnet publish src/AnimeGan.Cli/AnimeGan.Cli.csproj -c Release -r "$rid" --self-contained "${quiet[@]}" \
    -p:PublishSingleFile=true -p:EnableCompressionInSingleFile=true -p:DebugType=none -p:PublishDocumentationFile=false \
    -o "$folder"
  rm -f "$folder"/*.pdb "$folder"/*.xml "$folder/AnimeGan.Web.runtimeconfig.json"
  copy_models "$defaults" "$folder/models"
  cp LICENSE THIRD-PARTY-NOTICES.md "$folder/"
  if [ "$rid" = win-x64 ]; then
    # Import libraries (.lib) are for linking against the natives, and aspnetcorev2_inprocess.dll hosts the
    # server inside IIS: `animegan serve` runs its own Kestrel, so neither is needed to run.
    rm -f "$folder"/*.lib "$folder/aspnetcorev2_inprocess.dll"
    # Zipped from the folder above, so it unpacks into its own folder as the tarballs do.
    dotnet msbuild packaging/Zip.proj -t:Zip "${quiet[@]}" "-p:Source=$PWD/$stage/archives/$rid" "-p:Destination=$PWD/$out/$name.zip"
  else
    tar -C "$stage/archives/$rid" -czf "$out/$name.tar.gz" "$name"
  fi
done

echo "== PowerShell module"
dotnet publish PowerShellModule/AnimeGan.PowerShell/AnimeGan.PowerShell.csproj -c Release "${quiet[@]}"
pwsh=artifacts/tools/pwsh
if [ ! -x "$pwsh" ]; then dotnet tool install PowerShell --version 7.6.9 --tool-path artifacts/tools >/dev/null; fi
mkdir -p "$stage/gallery"
"$pwsh" -NoProfile -NonInteractive -Command "
  \$ErrorActionPreference = 'Stop'
  \$name = 'AnimeGanRelease' + [Guid]::NewGuid().ToString('N').Substring(0, 8)
  Register-PSResourceRepository -Name \$name -Uri '$PWD/$stage/gallery' -Trusted
  try { Publish-PSResource -Path '$PWD/artifacts/module/AnimeGan' -Repository \$name }
  finally { Unregister-PSResourceRepository -Name \$name }"
cp "$stage"/gallery/AnimeGan.*.nupkg "$out/"

if [ "${ANIMEGAN_RELEASE_SKIP_CONTAINER:-}" != 1 ]; then
  echo "== container image"
  engine=$(command -v podman || command -v docker || true)
  if [ -z "$engine" ]; then
    echo "release.sh: neither podman nor docker is installed; install one, or set ANIMEGAN_RELEASE_SKIP_CONTAINER=1." >&2
    exit 1
  fi
  copy_models "$defaults" artifacts/container-models
  build=(build --tag "localhost/animegan:$version" --file Containerfile --build-arg "VERSION=$version")
  if [ "$(basename "$engine")" = podman ]; then build+=(--format docker); fi # keeps HEALTHCHECK
  if [ -n "${ANIMEGAN_SDK_IMAGE:-}" ]; then build+=(--build-arg "SDK_IMAGE=$ANIMEGAN_SDK_IMAGE"); fi
  if [ -n "${ANIMEGAN_RUNTIME_IMAGE:-}" ]; then build+=(--build-arg "RUNTIME_IMAGE=$ANIMEGAN_RUNTIME_IMAGE"); fi
  # shellcheck disable=SC2206
  build+=(${ANIMEGAN_CONTAINER_BUILD_ARGS:-} .)
  "$engine" "${build[@]}"
  "$engine" save --output "$out/animegan-serve-$version.image.tar" "localhost/animegan:$version"
fi

(cd "$out" && sha256sum -- * > SHA256SUMS)
echo "== artifacts/release"
ls -l "$out"
