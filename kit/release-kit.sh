#!/usr/bin/env bash
# Publishes the vendor kit of a release into a Maven repository (docs/vendor-guide.md, "Publishing the kit"):
#
#   kit/release-kit.sh <commit> <version> <repository-url> [<server-id>]
#       e.g. kit/release-kit.sh v0.2.0 0.2.0 https://maven.example.org/releases porchlight-releases
#            kit/release-kit.sh v0.2.0 0.2.0 file:///srv/maven/porchlight
#
# Takes the tree of <commit> (a tag, normally; not the working tree), sets every POM's version from the
# development version to <version> (as distribution/release.sh does), builds the archetype and everything
# it needs with the commit's timestamps, and deploys them: the parent POMs, the SDK, porchlight-testing,
# porchlight-plugin-testing, the core bundles, the distribution with its zip, and the archetype.
# <server-id> names the credentials in settings.xml (default porchlight-releases). Extra Maven options
# come from MVN_ARGS, e.g. MVN_ARGS="-Dmaven.repo.local=/path/to/repo" (not -o: Maven does not deploy offline).
set -euo pipefail
[ $# -ge 3 ] || { echo "usage: $0 <commit> <version> <repository-url> [<server-id>]" >&2; exit 2; }
commit=$1
version=$2
url=$3
server=${4:-porchlight-releases}
case "$version" in *SNAPSHOT*|v*) echo "a release version is X.Y.Z, without v or SNAPSHOT" >&2; exit 2 ;; esac
root=$(cd "$(dirname "$0")/.." && pwd)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
git -C "$root" archive "$commit" | tar -x -C "$work"
[ -d "$work/kit/module-archetype" ] || { echo "no kit/module-archetype at $commit" >&2; exit 1; }
snapshot=$(sed -n 's#^  <version>\(.*-SNAPSHOT\)</version>#\1#p' "$work/pom.xml")
[ -n "$snapshot" ] || { echo "no SNAPSHOT version in the root POM at $commit" >&2; exit 1; }
find "$work" -name pom.xml -exec sed -i "s#<version>$snapshot</version>#<version>$version</version>#" {} +

# The archetype's integration test is skipped here (-DskipTests): CI ran it on this commit.
# shellcheck disable=SC2086
(cd "$work" && mvn -B -q ${MVN_ARGS:-} -pl kit/module-archetype -am deploy -DskipTests \
    -Dproject.build.outputTimestamp="$(git -C "$root" show -s --format=%cI "$commit")" \
    -DaltDeploymentRepository="$server::$url")
echo "published the Porchlight kit $version from $(git -C "$root" rev-parse --short "$commit") to $url"
