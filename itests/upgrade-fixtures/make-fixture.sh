#!/usr/bin/env bash
# Makes a release's upgrade fixture (README.md here):
#
#   itests/upgrade-fixtures/make-fixture.sh <commit> <tag>      e.g. make-fixture.sh v0.2.0 v0.2.0
#
# Builds the release's distribution from <commit> (distribution/release.sh, version = <tag>
# without its v), runs it on an empty data folder, tells it the upgrade story (UpgradeStory in
# itests/osgi) through its API, stops it cleanly and writes itests/upgrade-fixtures/<tag>.zip.
# The story is the working tree's: run this when the working tree is the release (or, for a
# release made before the story existed, when the story still speaks that release's API).
# Needs the working tree installed first (mvn install -DskipTests); Maven options from MVN_ARGS.
set -euo pipefail
[ $# -eq 2 ] || { echo "usage: $0 <commit> <tag>" >&2; exit 2; }
commit=$1
tag=$2
version=${tag#v}
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$root/distribution/release.sh" "$commit" "$version" "$work"
tar -xzf "$work/porchlight-$version.tar.gz" -C "$work"
# shellcheck disable=SC2086
(cd "$root" && mvn -B -q ${MVN_ARGS:-} -pl itests/osgi verify -Dit.test=MakeUpgradeFixture -Dtest=NONE \
    -Dsurefire.failIfNoSpecifiedTests=false -Dupgrade.release="$tag" -Dupgrade.distribution="$work/porchlight-$version" \
    -Dupgrade.fixture.out="$root/itests/upgrade-fixtures/$tag.zip")
echo "wrote $root/itests/upgrade-fixtures/$tag.zip ($(wc -c < "$root/itests/upgrade-fixtures/$tag.zip") bytes);"
echo "set itest.upgrade.from in itests/pom.xml to $tag and add a row to itests/upgrade-fixtures/README.md"
