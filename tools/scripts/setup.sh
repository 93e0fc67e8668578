#!/usr/bin/env bash
# Sets up a fresh machine for nnopt: workspace dependencies, plus the Debian packages the tests and the main job
# read when they are missing (Chromium for the browser suites, Fashion-MNIST for training). Idempotent.
set -euo pipefail
cd "$(dirname "$0")/../.."
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
[ -d /usr/share/datasets/fashion-mnist ] || need+=(dataset-fashion-mnist)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  else
    echo "setup: please install the Debian packages: ${need[*]} (browser tests and Fashion-MNIST need them)" >&2
  fi
fi
npx -y pnpm@12.4.2 install --frozen-lockfile
