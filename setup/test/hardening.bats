#!/usr/bin/env bats
# The optional hardening of azdeploy.sh (diagnostics, network) and cleanup, against the fake az.

# The scenario variables ($script, $vault, ...) come from test_helper.bash through bats' load.
# shellcheck disable=SC2154
load test_helper

workspace_id="/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-kvlab/providers/Microsoft.OperationalInsights/workspaces/log-kv-exercise-666ff6cc"
alert_query="AzureDiagnostics | where ResourceProvider == 'MICROSOFT.KEYVAULT' and OperationName == 'SecretGet' and ResultSignature in ('Unauthorized', 'Forbidden')"

@test "diagnostics sends AuditEvent logs to a new workspace and creates the unauthorized-SecretGet alert" {
  signed_in
  given_vault
  run "$script" diagnostics
  assert_status 0
  assert_calls <<EOF
account show --query "[user.name, user.type, name]" -o tsv
ad signed-in-user show --query id -o tsv
keyvault show --name $vault --query "$vault_query" -o tsv
provider show --namespace Microsoft.OperationalInsights --query registrationState -o tsv
provider show --namespace Microsoft.Insights --query registrationState -o tsv
monitor log-analytics workspace show --resource-group rg-kvlab --workspace-name log-$vault --query id -o tsv
monitor log-analytics workspace create --resource-group rg-kvlab --workspace-name log-$vault --location eastus --query id -o tsv
monitor diagnostic-settings list --resource $vault_id --query [?name=='kvlab-audit'].name -o tsv
monitor diagnostic-settings create --name kvlab-audit --resource $vault_id --workspace $workspace_id --logs @<temp file> --output none
monitor scheduled-query show --name kvlab-unauthorized-secret-get --resource-group rg-kvlab --query id -o tsv
monitor scheduled-query create --name kvlab-unauthorized-secret-get --resource-group rg-kvlab --scopes $workspace_id --condition "count 'UnauthorizedSecretGet' > 0" --condition-query "UnauthorizedSecretGet=$alert_query" --evaluation-frequency 5m --window-size 5m --severity 2 --description "SecretGet on $vault refused: a caller without the right role" --output none
EOF
  [ "$(cat "$FAKE_AZ_STATE/diagnostic-settings/kvlab-audit")" = '[{"category":"AuditEvent","enabled":true}]' ]
  [ -z "$(ls -A "$TMPDIR")" ]
}

@test "diagnostics run again finds the workspace, setting and alert and creates nothing" {
  signed_in
  given_vault
  run "$script" diagnostics
  rm "$FAKE_AZ_STATE/calls"
  run "$script" diagnostics
  assert_status 0
  assert_no_call " create "
  assert_output_has "Diagnostic setting kvlab-audit exists."
  assert_output_has "Alert kvlab-unauthorized-secret-get exists."
}

@test "diagnostics without a vault names option 1" {
  signed_in
  run "$script" diagnostics
  assert_status 1
  [ "$output" = "Error: vault $vault not found. Run option 1 (create) first." ]
}

@test "network allows the given IP before denying everything else" {
  signed_in
  given_vault
  run "$script" network --ip 203.0.113.7
  assert_status 0
  assert_calls <<EOF
account show --query "[user.name, user.type, name]" -o tsv
ad signed-in-user show --query id -o tsv
keyvault show --name $vault --query "$vault_query" -o tsv
keyvault network-rule list --name $vault --resource-group rg-kvlab --query ipRules[].value -o tsv
keyvault network-rule add --name $vault --resource-group rg-kvlab --ip-address 203.0.113.7/32 --output none
keyvault update --name $vault --resource-group rg-kvlab --default-action Deny --bypass AzureServices --output none
EOF
}

@test "network run again changes nothing" {
  signed_in
  given_vault
  KVLAB_CALLER_IP=203.0.113.7 run "$script" network
  rm "$FAKE_AZ_STATE/calls"
  KVLAB_CALLER_IP=203.0.113.7 run "$script" network
  assert_status 0
  assert_no_call "network-rule add"
  assert_no_call "keyvault update"
  assert_output_has "The firewall already allows 203.0.113.7."
}

@test "network looks up this machine's public IP when none is given" {
  signed_in
  given_vault
  FAKE_CURL_IP=198.51.100.23 run "$script" network
  assert_status 0
  calls | grep -qx "keyvault network-rule add --name $vault --resource-group rg-kvlab --ip-address 198.51.100.23/32 --output none"
  [ "$(cat "$FAKE_AZ_STATE/curl-calls")" = "-fsS --max-time 10 https://api.ipify.org" ]
}

@test "network stops before touching the firewall when the IP is unknown or invalid" {
  signed_in
  given_vault
  run "$script" network
  assert_status 1
  [ "${lines[-1]}" = "Error: could not look up this machine's public IP. Pass it with --ip ADDRESS." ]
  run "$script" network --ip 'not-an-ip'
  assert_status 1
  [ "${lines[-1]}" = "Error: 'not-an-ip' is not an IPv4 address. Pass one with --ip ADDRESS." ]
  assert_no_call "network-rule"
}

@test "cleanup --yes deletes the group without waiting and removes env files pointing at the deleted vault" {
  signed_in
  given_vault
  mkdir -p "$KVLAB_ENV_DIR"
  echo "export KEY_VAULT_URL=https://$vault.vault.azure.net/" >"$KVLAB_ENV_DIR/.env"
  echo "\$env:KEY_VAULT_URL = \"https://$vault.vault.azure.net/\"" >"$KVLAB_ENV_DIR/.env.ps1"
  run "$script" cleanup --yes
  assert_status 0
  assert_calls <<EOF
account show --query "[user.name, user.type, name]" -o tsv
group exists --name rg-kvlab
group show --name rg-kvlab --query tags.kvlab -o tsv
resource list --resource-group rg-kvlab --query "[].[type, name]" -o tsv
group delete --name rg-kvlab --yes --no-wait
EOF
  assert_output_has "Resource group rg-kvlab (kvlab=$vault) and everything in it would be deleted:"
  assert_output_has "  $vault (Microsoft.KeyVault/vaults)"
  [ ! -e "$KVLAB_ENV_DIR/.env" ] && [ ! -e "$KVLAB_ENV_DIR/.env.ps1" ]
  assert_output_has "option 1 (create) recovers it"
}

@test "cleanup keeps env files written for the local vault" {
  signed_in
  given_group
  mkdir -p "$KVLAB_ENV_DIR"
  echo "export KEY_VAULT_URL=https://kvlab.localhost:8443" >"$KVLAB_ENV_DIR/.env"
  run "$script" cleanup -y
  assert_status 0
  [ -f "$KVLAB_ENV_DIR/.env" ]
}

@test "cleanup without --yes and without an answer refuses and deletes nothing" {
  signed_in
  given_group
  run "$script" cleanup </dev/null
  assert_status 1
  [ "${lines[-1]}" = "Error: cleanup needs a confirmation. Type the group's name when asked, or pass --yes to delete resource group rg-kvlab without asking." ]
  assert_no_call "group delete"
}

@test "cleanup says what it would delete and deletes only when the group's name is typed back" {
  signed_in
  given_vault
  run "$script" cleanup <<<"y"
  assert_status 0
  assert_output_has "Resource group rg-kvlab (kvlab=$vault) and everything in it would be deleted:"
  assert_output_has "  $vault (Microsoft.KeyVault/vaults)"
  assert_output_has "Type the resource group name (rg-kvlab) to delete it: Cancelled: that is not rg-kvlab, so nothing was deleted."
  run "$script" cleanup <<<"RG-KVLAB"
  assert_output_has "Cancelled: that is not rg-kvlab"
  assert_no_call "group delete"
  run "$script" cleanup <<<"rg-kvlab"
  assert_status 0
  calls | grep -qx "group delete --name rg-kvlab --yes --no-wait"
}

@test "cleanup refuses a resource group the lab did not create, even with --yes" {
  signed_in
  given_untagged_group team-production-rg
  run "$script" cleanup -g team-production-rg --yes
  assert_status 1
  [ "${lines[-1]}" = "Error: resource group team-production-rg was not created by this lab (no kvlab tag): nothing was deleted. Check --resource-group; a group of your own you delete yourself (az group delete)." ]
  assert_no_call "resource list"
  run "$script" cleanup -g team-production-rg <<<"team-production-rg"
  assert_status 1
  assert_no_call "group delete"
  [ -f "$FAKE_AZ_STATE/groups/team-production-rg" ]
}

@test "create refuses to adopt an existing resource group the lab did not create" {
  signed_in
  given_untagged_group team-production-rg
  run "$script" -g team-production-rg all
  assert_status 1
  [ "${lines[-1]}" = "Error: resource group team-production-rg exists but was not created by this lab (no kvlab tag), so it is left alone. Pass --resource-group with a new name; or, if it is yours, tag it first: az group update --name team-production-rg --set tags.kvlab=$vault" ]
  assert_no_call "group create"
  assert_no_call "keyvault create"
  assert_no_call "role assignment create"
  assert_no_call "secret set"
}

@test "create adopts a resource group the lab created earlier" {
  signed_in
  given_group
  run "$script" create
  assert_status 0
  assert_output_has "Resource group rg-kvlab exists (kvlab=$vault)."
  assert_no_call "group create"
  calls | grep -q "^keyvault create --name $vault "
}

@test "cleanup of a group that does not exist has nothing to do" {
  signed_in
  run "$script" cleanup --yes
  assert_status 0
  assert_output_has "Resource group rg-kvlab does not exist: nothing to delete."
  assert_no_call "group delete"
}
