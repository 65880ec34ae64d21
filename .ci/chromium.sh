#!/usr/bin/env bash
# Installs Chromium from the distribution's packages when it is missing, for the browser tests
# (DocsSiteInBrowserTest drives it over the DevTools protocol; chromium-driver is not needed).
# Sourced by .ci/run; SEGFLOW_CHROMIUM may point at another binary.
if [ -z "${SEGFLOW_CHROMIUM:-}" ] && ! command -v chromium >/dev/null 2>&1 && ! command -v chromium-browser >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium >/dev/null
fi
