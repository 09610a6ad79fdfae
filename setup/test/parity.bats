#!/usr/bin/env bats
# azdeploy.ps1 cannot run here (no PowerShell on these machines), so these tests hold it to azdeploy.sh, which the
# other tests run: the same az commands function for function, the same values, the same menu and settings.
# The tests search for source text with $ signs in it: single quotes are meant.
# shellcheck disable=SC2016,SC1003

setup() {
  setup_dir="$(cd "$BATS_TEST_DIRNAME/.." && pwd)"
  bash_script="$setup_dir/azdeploy.sh"
  ps_script="$setup_dir/azdeploy.ps1"
}

# The value assigned to a variable, without its quotes: `name="x"` in bash, `$name = 'x'` in PowerShell.
value_of() {
  sed -n -E "s/^\\\$?$1 ?= ?[\"']?(.*[^\"'])[\"']?\$/\\1/p" "$2" | head -n1
}

@test "both scripts issue the same az commands, function for function, in the same order" {
  "$BATS_TEST_DIRNAME/az-commands" "$bash_script" >"$BATS_TEST_TMPDIR/sh"
  "$BATS_TEST_DIRNAME/az-commands" "$ps_script" >"$BATS_TEST_TMPDIR/ps1"
  diff -u "$BATS_TEST_TMPDIR/sh" "$BATS_TEST_TMPDIR/ps1"
  # The extraction finds every step's commands (a broken extractor would compare two empty lists).
  [ "$(wc -l <"$BATS_TEST_TMPDIR/sh")" -ge 30 ]
  for step in getaccount getsignedinuser ensureprovider findvault findrole newvault addrole listsecrets setsecrets \
      showstatus enablediagnostics protectnetwork removegroup; do
    grep -q "^$step: " "$BATS_TEST_TMPDIR/sh"
  done
  grep -qx 'setsecrets: keyvault secret set --vault-name $vault --name $name --file $secret_file --encoding utf-8 --content-type $content_type --tags environment=development service=$service --expires $expires --output none' "$BATS_TEST_TMPDIR/sh"
}

@test "the extraction reads both languages' quoting, line continuations and variables alike" {
  printf '%s\n' 'step_one() {' '  az_must group show \' '    --name "${group}" --query "[?a==${q}].b" -o tsv || fail "x"' '}' >"$BATS_TEST_TMPDIR/a.sh"
  printf '%s\n' 'function Step-One {' '    if (-not (Invoke-AzMust group show `' '        --name $script:group --query "[?a==$q].b" -o tsv)) { Fail "x" }' '}' >"$BATS_TEST_TMPDIR/a.ps1"
  [ "$("$BATS_TEST_DIRNAME/az-commands" "$BATS_TEST_TMPDIR/a.sh")" = 'stepone: group show --name $group --query [?a==$q].b -o tsv' ]
  [ "$("$BATS_TEST_DIRNAME/az-commands" "$BATS_TEST_TMPDIR/a.ps1")" = 'stepone: group show --name $group --query [?a==$q].b -o tsv' ]
}

@test "both scripts use the same role, alert query, expiry and defaults" {
  for name in officer_role alert_query expiry_days; do
    [ -n "$(value_of "$name" "$bash_script")" ]
    [ "$(value_of "$name" "$bash_script")" = "$(value_of "$name" "$ps_script")" ]
  done
  grep -q 'group="${KVLAB_RESOURCE_GROUP:-rg-kvlab}"' "$bash_script"
  grep -q "else { 'rg-kvlab' }" "$ps_script"
  grep -q 'location="${KVLAB_LOCATION:-eastus}"' "$bash_script"
  grep -q "else { 'eastus' }" "$ps_script"
}

@test "both scripts store the same sample secrets with the same content types and tags" {
  sed -n -E 's/^ *"((openai|cosmosdb)[^"]*)".*$/\1/p' "$bash_script" >"$BATS_TEST_TMPDIR/sh"
  sed -n -E "s/^ *@\\('(openai|cosmosdb)/\\1/p" "$ps_script" | sed -E "s/', '/ /g; s/'\\),?\$//" >"$BATS_TEST_TMPDIR/ps1"
  [ "$(wc -l <"$BATS_TEST_TMPDIR/sh")" -eq 2 ]
  diff -u "$BATS_TEST_TMPDIR/sh" "$BATS_TEST_TMPDIR/ps1"
}

@test "both scripts read the same environment variables and offer the same commands and menu" {
  diff <(grep -oE 'KVLAB_[A-Z_]+' "$bash_script" | sort -u) <(grep -oE 'KVLAB_[A-Z_]+' "$ps_script" | sort -u)
  diff <(grep -E '^  [1-9]\. ' "$bash_script") <(grep -E '^  [1-9]\. ' "$ps_script")
  diff <(sed -n -E 's/^  ([a-z]+) {2,}.*/\1/p' "$bash_script") <(sed -n -E 's/^  ([a-z]+) {2,}.*/\1/p' "$ps_script")
}

@test "both scripts write the same env files" {
  for line in "# The lab's real Azure Key Vault, written by setup/azdeploy. Load it with: source setup/.env" \
      "unset IDENTITY_ENDPOINT IDENTITY_HEADER KVLAB_CA_CERT APP_CONFIG_CONNECTION_STRING" \
      "# The lab's real Azure Key Vault, written by setup/azdeploy. Load it with: . ./setup/.env.ps1" \
      "Remove-Item Env:IDENTITY_ENDPOINT, Env:IDENTITY_HEADER, Env:KVLAB_CA_CERT, Env:APP_CONFIG_CONNECTION_STRING -ErrorAction SilentlyContinue"; do
    grep -qF "$line" "$bash_script"
    grep -qF "$line" "$ps_script"
  done
  grep -qF 'export KEY_VAULT_URL=$vault_uri' "$bash_script"
  grep -qF '"export KEY_VAULT_URL=$uri"' "$ps_script"
}

@test "both scripts derive the default vault name from the first 8 hex digits of sha256(object id)" {
  grep -qF 'vault="kv-exercise-${digest:0:8}"' "$bash_script"
  grep -qF 'SHA256' "$ps_script"
  grep -qF '$script:vault = "kv-exercise-$($digest.Substring(0, 8))"' "$ps_script"
}

@test "shellcheck passes on every bash script of setup/" {
  command -v shellcheck >/dev/null || skip "shellcheck is not installed (apt-get install shellcheck)"
  shellcheck "$bash_script" "$setup_dir"/test/*.bash "$setup_dir"/test/*.bats "$setup_dir"/test/az-commands \
    "$setup_dir"/test/run "$setup_dir"/test/fake/*
}

@test "both scripts let a role plan assign the same Key Vault roles and nothing else" {
  sed -n -E 's/^plan_roles="(.*)"$/\1/p' "$bash_script" | tr '|' '\n' >"$BATS_TEST_TMPDIR/sh"
  sed -n -E "s/^\\\$plan_roles = @\\((.*)\\)\$/\\1/p" "$ps_script" | sed -E "s/', '/\\n/g; s/'//g" >"$BATS_TEST_TMPDIR/ps1"
  [ "$(wc -l <"$BATS_TEST_TMPDIR/sh")" -eq 5 ]
  diff -u "$BATS_TEST_TMPDIR/sh" "$BATS_TEST_TMPDIR/ps1"
  [ "$(grep -cxE 'Owner|Contributor|User Access Administrator' "$BATS_TEST_TMPDIR/sh")" -eq 0 ]
}
