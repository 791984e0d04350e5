#!/usr/bin/env bash
# Publishes the SDK (bundles/api) as it is at a commit into this folder, a file-based Maven
# repository, as release <version>. See README.md here.
#
#   sdk-releases/release-sdk.sh <commit> <version>      e.g. sdk-releases/release-sdk.sh 61e17b4 0.0.1
#
# Builds bundles/api from that commit's tree (not the working tree) with its own POMs and bnd
# settings, the version set to <version> and the jar's timestamps set to the commit's, and writes a
# stand-alone POM (no parent, which is not published). A published release never changes.
set -euo pipefail
[ $# -eq 2 ] || { echo "usage: $0 <commit> <version>" >&2; exit 2; }
commit=$1
version=$2
case "$version" in *SNAPSHOT*) echo "a release version has no SNAPSHOT" >&2; exit 2 ;; esac
root=$(cd "$(dirname "$0")/.." && pwd)
repo="$root/sdk-releases"
[ ! -e "$repo/org/porchlight/porchlight-api/$version" ] || { echo "porchlight-api $version is already released" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
git -C "$root" archive "$commit" pom.xml bundles/pom.xml bundles/api | tar -x -C "$work"
snapshot=$(sed -n 's#^  <version>\(.*-SNAPSHOT\)</version>#\1#p' "$work/pom.xml")
[ -n "$snapshot" ] || { echo "no SNAPSHOT version in the root POM at $commit" >&2; exit 1; }
sed -i "s#<version>$snapshot</version>#<version>$version</version>#" \
    "$work/pom.xml" "$work/bundles/pom.xml" "$work/bundles/api/pom.xml"

# The baseline check is skipped here: the normal build checks this tree against the previous release.
(cd "$work" && mvn -B -q -f bundles/api/pom.xml package -DskipTests -Dbnd.baseline.skip=true \
    -Dproject.build.outputTimestamp="$(git -C "$root" show -s --format=%cI "$commit")")
jar="$work/bundles/api/target/porchlight-api-$version.jar"
unzip -p "$jar" META-INF/MANIFEST.MF | grep -q "^Bundle-Version: $version" \
    || { echo "the jar's Bundle-Version is not $version" >&2; exit 1; }

cat > "$work/release.pom" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0"
         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
         xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
  <modelVersion>4.0.0</modelVersion>
  <groupId>org.porchlight</groupId>
  <artifactId>porchlight-api</artifactId>
  <version>$version</version>
  <name>Porchlight SDK</name>
  <description>The SDK: versioned packages of interfaces, records and SPIs that bundles and vendor plugins build against. Built from commit $(git -C "$root" rev-parse "$commit").</description>
</project>
EOF

# Run outside any project, so that Maven reads no POM but the one given.
mkdir "$work/deploy"
(cd "$work/deploy" && mvn -B -q org.apache.maven.plugins:maven-deploy-plugin:3.1.3:deploy-file \
    -Dfile="$jar" -DpomFile="$work/release.pom" \
    -DrepositoryId=porchlight-sdk-releases -Durl="file://$repo")
echo "released porchlight-api $version from $(git -C "$root" rev-parse --short "$commit") into $repo"
