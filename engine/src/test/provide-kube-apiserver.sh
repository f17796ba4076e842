#!/usr/bin/env bash
# Makes sure io.fabric8:kube-api-test finds kube-apiserver, etcd and kubectl of the given version
# before the integration tests start. Three cases:
#  1. They are already in kube-api-test's directory: nothing to do.
#  2. The workspace has ../shared/tools/kube-apiserver/provide.sh (machines without access to the
#     Kubernetes release downloads): build them from Debian's sources once, cached.
#  3. Otherwise kube-api-test downloads them itself on first use.
set -euo pipefail
version="${1:?usage: provide-kube-apiserver.sh <kubernetes version>}"
here="$(cd "$(dirname "$0")" && pwd)"
home_dir="$(getent passwd "$(id -u)" | cut -d: -f6)"   # kube-api-test uses Java's user.home, from passwd
test_dir="${KUBE_API_TEST_DIR:-$home_dir/.kubeapitest}"
arch="$(uname -m)"; case "$arch" in x86_64) arch=amd64 ;; aarch64) arch=arm64 ;; esac
binaries="$test_dir/k8s/$version-linux-$arch"

if [[ -x "$binaries/kube-apiserver" && -x "$binaries/etcd" && -e "$binaries/kubectl" ]]; then
  echo "kube-apiserver $version for the integration tests: $binaries"
  exit 0
fi
provide="$here/../../../../shared/tools/kube-apiserver/provide.sh"
if [[ -x "$provide" || -f "$provide" ]]; then
  echo "kube-apiserver $version for the integration tests: building it from Debian sources (once; about 6 minutes)"
  bash "$provide" --kubeapitest-layout >/dev/null
  exit 0
fi
echo "kube-apiserver $version for the integration tests: kube-api-test will download it into $test_dir"
