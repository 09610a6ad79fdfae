#!/usr/bin/env bash
# Gradescope runs this once, when it builds the autograder's image: the lab is in /autograder/source.
# It installs what the lab needs (a JDK, Maven, git, bubblewrap for the sandbox) when the image lacks it, then
# builds the lab's libraries and fetches JBang once, so that grading a submission only grades.
set -euo pipefail
source_dir="${AUTOGRADER_ROOT:-/autograder}/source"
cd "$source_dir"
missing=""
command -v java >/dev/null 2>&1 || missing="$missing openjdk-17-jdk-headless"
command -v mvn >/dev/null 2>&1 || missing="$missing maven"
command -v git >/dev/null 2>&1 || missing="$missing git"
command -v bwrap >/dev/null 2>&1 || missing="$missing bubblewrap"
if [ -n "$missing" ]; then
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $missing
fi
chmod +x jbang
./jbang grade --help >/dev/null
echo "The lab's autograder is ready."
