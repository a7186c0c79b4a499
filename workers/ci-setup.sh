#!/usr/bin/env bash
# Builds the Java programs the workers' tests start, from Maven Central: the Camunda 7 engine
# (workers/camunda7-engine → target/isccc-camunda7-engine.jar) and Zeebe's FEEL engine, feel-scala, behind a JSON
# runner (workers/feel-scala-runner → target/isccc-feel-scala-runner.jar). Idempotent: a jar newer than its pom and
# every source file is not built again.
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v java >/dev/null 2>&1 || ! command -v mvn >/dev/null 2>&1; then
  echo "workers/ci-setup.sh: installing Java 17 and Maven (Debian)"
  if [ "$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq openjdk-17-jdk-headless maven >/dev/null
fi

build() {
  local dir=$1 jar=$2
  if [ -f "$dir/$jar" ] && [ -z "$(cd "$dir" && find pom.xml src -newer "$jar" -print -quit)" ]; then
    echo "workers/ci-setup.sh: $dir/$jar is up to date"
    return
  fi
  echo "workers/ci-setup.sh: building $dir (mvn package)"
  (cd "$dir" && mvn -q -B package -DskipTests)
  test -f "$dir/$jar"
}

build camunda7-engine target/isccc-camunda7-engine.jar
build feel-scala-runner target/isccc-feel-scala-runner.jar
