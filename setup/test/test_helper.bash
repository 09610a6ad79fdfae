# Shared set-up for the setup script's bats tests: a fresh fake Azure per test, and helpers that describe the
# scenario (who is signed in, which resources exist) by writing the fake's state files.
# shellcheck shell=bash
# The variables below are read by the .bats files that load this helper; bats sets $output and $status.
# shellcheck disable=SC2034,SC2154

root="$(cd "$BATS_TEST_DIRNAME/../.." && pwd)"
script="$root/setup/azdeploy.sh"
object_id="11111111-2222-3333-4444-555555555555"
# kv-exercise- plus the first 8 hex digits of sha256(object id): what the script must derive for this user.
vault="kv-exercise-666ff6cc"
vault_id="/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-kvlab/providers/Microsoft.KeyVault/vaults/$vault"
vault_query="[resourceGroup, properties.provisioningState, id, properties.vaultUri, properties.enableRbacAuthorization, properties.networkAcls.defaultAction]"
secret_query="[].[name, contentType, attributes.enabled, attributes.expires]"
openai_value="sk-proj-kvlab7Qm2Xv9Lr4Tn8Wb3Zc6Hd1Jf5Gk0Ps2Ua7Ye9Ri4Oq"
cosmos_value="AccountEndpoint=https://kvlab-cosmos.documents.azure.com:443/;AccountKey=c2VjcmV0LWxhYi1mYWtlLWtleS1kby1ub3QtdXNlLWluLXByb2R1Y3Rpb24tZXZlcg==;"

setup() {
  export FAKE_AZ_STATE="$BATS_TEST_TMPDIR/azure"
  mkdir -p "$FAKE_AZ_STATE"
  export PATH="$BATS_TEST_DIRNAME/fake:$PATH"
  export KVLAB_POLL_SECONDS=0 KVLAB_POLL_TRIES=3
  export KVLAB_NOW=1767225600   # 2026-01-01T00:00:00Z: secrets then expire 2026-06-30T00:00:00Z
  export KVLAB_ENV_DIR="$BATS_TEST_TMPDIR/env"
  export TMPDIR="$BATS_TEST_TMPDIR/tmp"
  mkdir -p "$TMPDIR"
  unset KVLAB_RESOURCE_GROUP KVLAB_LOCATION KVLAB_VAULT_NAME KVLAB_CALLER_IP
  unset FAKE_AZ_FAIL FAKE_AZ_FAIL_MESSAGE FAKE_AZ_FAIL_CODE FAKE_AZ_FAIL_TIMES FAKE_CURL_IP
}

signed_in() {
  printf '%s\n' learner@contoso.com "${1:-user}" "Lab Subscription" >"$FAKE_AZ_STATE/account"
  echo "$object_id" >"$FAKE_AZ_STATE/object_id"
}

# given_group: rg-kvlab as the lab created it, tagged kvlab=<vault>.
given_group() {
  given_untagged_group rg-kvlab
  mkdir -p "$FAKE_AZ_STATE/group-tags"
  echo "$vault" >"$FAKE_AZ_STATE/group-tags/rg-kvlab"
}

# given_untagged_group NAME: a group the lab did not create (somebody's production group, say).
given_untagged_group() {
  mkdir -p "$FAKE_AZ_STATE/groups"
  echo eastus >"$FAKE_AZ_STATE/groups/$1"
}

# given_vault [states...]: the vault in rg-kvlab; each `az keyvault show` moves through the provisioning states.
# shellcheck disable=SC2120
given_vault() {
  local dir="$FAKE_AZ_STATE/vaults/$vault"
  given_group
  mkdir -p "$dir"
  echo rg-kvlab >"$dir/group"
  echo eastus >"$dir/location"
  echo "${*:-Succeeded}" >"$dir/states"
}

given_role() {
  echo "$object_id|Key Vault Secrets Officer|$vault_id" >>"$FAKE_AZ_STATE/roles"
}

given_secret() {
  local dir="$FAKE_AZ_STATE/secrets/$vault/$1"
  mkdir -p "$dir"
  echo "$2" >"$dir/content-type"
  echo 2026-03-01T00:00:00Z >"$dir/expires"
  echo "rotated-by-the-learner" >"$dir/value"
}

given_deleted_secret() {
  given_secret "$1" "$2"
  mkdir -p "$FAKE_AZ_STATE/deleted-secrets/$vault"
  mv "$FAKE_AZ_STATE/secrets/$vault/$1" "$FAKE_AZ_STATE/deleted-secrets/$vault/"
}

# The whole lab deployed: group, vault, role, both secrets.
given_deployed() {
  given_vault
  given_role
  given_secret openai-api-key application/x-api-key
  given_secret cosmosdb-connection-string application/x-connection-string
}

# The recorded az calls, with the random names of temporary files replaced by <temp file>.
calls() { sed "s#$TMPDIR/tmp\.[A-Za-z0-9]*#<temp file>#g" "$FAKE_AZ_STATE/calls" 2>/dev/null || true; }

# Compares the recorded az calls with the expected lines on stdin, showing both on a difference.
assert_calls() {
  local expected
  expected="$(cat)"
  if [ "$(calls)" != "$expected" ]; then
    printf 'az calls differ (-expected +actual):\n' >&2
    diff <(printf '%s\n' "$expected") <(calls) >&2 || true
    return 1
  fi
}

assert_no_call() {
  if calls | grep -qF -- "$1"; then
    printf 'unexpected az call matching %s:\n' "$1" >&2
    calls >&2
    return 1
  fi
}

assert_output_has() {
  if [[ "$output" != *"$1"* ]]; then
    printf 'output lacks: %s\noutput was:\n%s\n' "$1" "$output" >&2
    return 1
  fi
}

assert_status() {
  if [ "$status" -ne "$1" ]; then
    printf 'exit status %s, expected %s; output:\n%s\n' "$status" "$1" "$output" >&2
    return 1
  fi
}
