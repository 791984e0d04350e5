#!/usr/bin/env bash
# Builds the server distribution of a release from a commit's tree (RELEASING.md):
#
#   distribution/release.sh <commit> <version> [out-folder]     e.g. distribution/release.sh v0.1.0 0.1.0
#
# Takes the tree of <commit> (a tag, normally; not the working tree), sets the version of every
# POM from the development version (X.Y.Z-SNAPSHOT) to <version>, builds the distribution and the
# bundles it needs with their timestamps set to the commit's, and writes
# <out-folder>/porchlight-<version>.tar.gz (default out-folder: distribution/target/releases).
# Extra Maven options come from MVN_ARGS, e.g. MVN_ARGS="-o -Dmaven.repo.local=/path/to/repo".
set -euo pipefail
[ $# -ge 2 ] || { echo "usage: $0 <commit> <version> [out-folder]" >&2; exit 2; }
commit=$1
version=$2
case "$version" in *SNAPSHOT*|v*) echo "a release version is X.Y.Z, without v or SNAPSHOT" >&2; exit 2 ;; esac
root=$(cd "$(dirname "$0")/.." && pwd)
out=$(mkdir -p "${3:-$root/distribution/target/releases}" && cd "${3:-$root/distribution/target/releases}" && pwd)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
git -C "$root" archive "$commit" | tar -x -C "$work"
snapshot=$(sed -n 's#^  <version>\(.*-SNAPSHOT\)</version>#\1#p' "$work/pom.xml")
[ -n "$snapshot" ] || { echo "no SNAPSHOT version in the root POM at $commit" >&2; exit 1; }
find "$work" -name pom.xml -exec sed -i "s#<version>$snapshot</version>#<version>$version</version>#" {} +

# shellcheck disable=SC2086
(cd "$work" && mvn -B -q ${MVN_ARGS:-} -pl distribution -am package -DskipTests \
    -Dproject.build.outputTimestamp="$(git -C "$root" show -s --format=%cI "$commit")")
dist="$work/distribution/target/porchlight"
[ -f "$dist/system/porchlight-api-$version.jar" ] || { echo "the distribution has no porchlight-api-$version.jar" >&2; exit 1; }
echo "$version $(git -C "$root" rev-parse "$commit")" > "$dist/RELEASE"
tar -C "$dist/.." --transform "s#^porchlight#porchlight-$version#" -czf "$out/porchlight-$version.tar.gz" porchlight
echo "built porchlight $version from $(git -C "$root" rev-parse --short "$commit") into $out/porchlight-$version.tar.gz"
