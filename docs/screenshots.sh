#!/usr/bin/env bash
# Writes README's screenshots of the web page (docs/web-desktop.png, docs/web-phone.png) from the page test,
# in a real browser against the real server and models. Run it after changing the page; test runs never
# touch these files.
set -euo pipefail
cd "$(dirname "$0")/.."
ANIMEGAN_SCREENSHOTS="$PWD/docs" dotnet test tests/AnimeGan.Web.Tests \
  --filter "FullyQualifiedName~ThePage.ShouldPassAnAccessibilityCheckAndBeShownAtDesktopAndPhoneSize"
