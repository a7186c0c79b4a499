#!/usr/bin/env bash
# Builds the Camunda 7 engine the workers' tests start (workers/camunda7-engine → target/isccc-camunda7-engine.jar)
# from Maven Central. Idempotent: skipped when the jar is newer than the pom and every source file.
set -euo pipefail
cd "$(dirname "$0")/camunda7-engine"
jar=target/isccc-camunda7-engine.jar

if ! command -v java >/dev/null 2>&1 || ! command -v mvn >/dev/null 2>&1; then
  echo "workers/ci-setup.sh: installing Java 17 and Maven (Debian)"
  if [ "$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq openjdk-17-jdk-headless maven >/dev/null
fi

if [ -f "$jar" ] && [ -z "$(find pom.xml src -newer "$jar" -print -quit)" ]; then
  echo "workers/ci-setup.sh: $jar is up to date"
  exit 0
fi
echo "workers/ci-setup.sh: building the Camunda 7 engine (mvn package)"
mvn -q -B package -DskipTests
test -f "$jar"
