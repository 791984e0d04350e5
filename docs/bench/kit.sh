#!/usr/bin/env bash
# Vendor kit figures for docs/benchmarks.md (issue 22): how long the vendor guide's path takes, from
# nothing to a signed plugin running in the distribution: generating a project from the archetype,
# then its first `mvn verify` (compile, unit tests, bundle, development key, signing, and NotesIT,
# which deploys the signed jar into a fresh distribution and calls its route and page), then a
# second `mvn verify` (key and distribution already there). Offline, from the local repository.
#
#   mvn -B install -DskipTests && docs/bench/kit.sh
#
# Needs the kit, the SDK and the distribution zip at the reactor's version in ~/.m2 (the install above).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
version=$(sed -n 's#^  <version>\(.*\)</version>#\1#p' "$root/pom.xml" | head -1)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
seconds() { local t0=$1; python3 -c "import time; print(f'{time.time() - $t0:.1f}')"; }

cd "$work"
t0=$(date +%s.%N)
mvn -B -o -q org.apache.maven.plugins:maven-archetype-plugin:3.4.1:generate \
    -DarchetypeGroupId=org.porchlight -DarchetypeArtifactId=porchlight-module-archetype -DarchetypeVersion="$version" \
    -DgroupId=com.example.porchlight -DartifactId=notes-module -Dversion=1.0.0-SNAPSHOT \
    -Dpackage=com.example.porchlight.notes -Dmodule=notes -Dvendor=example -DinteractiveMode=false
generate=$(seconds "$t0")

cd notes-module
t0=$(date +%s.%N)
mvn -B -o -q verify > first.log 2>&1 || { tail -40 first.log; exit 1; }
first=$(seconds "$t0")
t0=$(date +%s.%N)
mvn -B -o -q verify > second.log 2>&1 || { tail -40 second.log; exit 1; }
second=$(seconds "$t0")
jarsigner -verify target/notes-module-1.0.0-SNAPSHOT.jar > /dev/null || { echo "the jar is not signed" >&2; exit 1; }

echo "generate: ${generate} s; first verify (key, build, sign, unit tests, NotesIT in the distribution): ${first} s;" \
     "second verify: ${second} s"
