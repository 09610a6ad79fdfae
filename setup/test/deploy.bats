#!/usr/bin/env bats
# Options 1-5 of azdeploy.sh against the fake az: the exact commands, the files written, the exit codes.

# The scenario variables ($script, $vault, ...) come from test_helper.bash through bats' load.
# shellcheck disable=SC2154
load test_helper
bats_require_minimum_version 1.5.0

@test "all on an empty subscription creates the group, the vault, the role, both secrets and the env files" {
  signed_in
  run "$script" all
  assert_status 0
  assert_calls <<EOF
account show --query "[user.name, user.type, name]" -o tsv
ad signed-in-user show --query id -o tsv
group exists --name rg-kvlab
group create --name rg-kvlab --location eastus --tags kvlab=$vault --output none
provider show --namespace Microsoft.KeyVault --query registrationState -o tsv
keyvault show --name $vault --query "$vault_query" -o tsv
keyvault list-deleted --resource-type vault --query [?name=='$vault'].properties.location -o tsv
keyvault create --name $vault --resource-group rg-kvlab --location eastus --enable-rbac-authorization true --tags kvlab=$vault --output none
keyvault show --name $vault --query "$vault_query" -o tsv
role assignment list --assignee $object_id --role "Key Vault Secrets Officer" --scope $vault_id --include-inherited --query [].id -o tsv
role assignment create --role "Key Vault Secrets Officer" --assignee-object-id $object_id --assignee-principal-type User --scope $vault_id --output none
keyvault secret list --vault-name $vault --query "$secret_query" -o tsv
keyvault secret list-deleted --vault-name $vault --query [].name -o tsv
keyvault secret set --vault-name $vault --name openai-api-key --file <temp file> --encoding utf-8 --content-type application/x-api-key --tags environment=development service=openai --expires 2026-06-30T00:00:00Z --output none
keyvault secret set --vault-name $vault --name cosmosdb-connection-string --file <temp file> --encoding utf-8 --content-type application/x-connection-string --tags environment=development service=cosmosdb --expires 2026-06-30T00:00:00Z --output none
EOF
  assert_output_has "Stored secret openai-api-key (application/x-api-key, expires 2026-06-30T00:00:00Z)."
  [ "$(cat "$KVLAB_ENV_DIR/.env")" = "# The lab's real Azure Key Vault, written by setup/azdeploy. Load it with: source setup/.env
unset IDENTITY_ENDPOINT IDENTITY_HEADER KVLAB_CA_CERT APP_CONFIG_CONNECTION_STRING
export KEY_VAULT_URL=https://$vault.vault.azure.net/" ]
  [ "$(cat "$KVLAB_ENV_DIR/.env.ps1")" = "# The lab's real Azure Key Vault, written by setup/azdeploy. Load it with: . ./setup/.env.ps1
Remove-Item Env:IDENTITY_ENDPOINT, Env:IDENTITY_HEADER, Env:KVLAB_CA_CERT, Env:APP_CONFIG_CONNECTION_STRING -ErrorAction SilentlyContinue
\$env:KEY_VAULT_URL = \"https://$vault.vault.azure.net/\"" ]
}

@test "secret values reach az only through a mode-600 file that is removed afterwards, and are never printed" {
  signed_in
  run "$script" all
  assert_status 0
  [ "$(cat "$FAKE_AZ_STATE/secrets/$vault/openai-api-key/value")" = "$openai_value" ]
  [ "$(cat "$FAKE_AZ_STATE/secrets/$vault/cosmosdb-connection-string/value")" = "$cosmos_value" ]
  [ "$(cat "$FAKE_AZ_STATE/secrets/$vault/openai-api-key/file-mode")" = 600 ]
  [ "$(cat "$FAKE_AZ_STATE/secrets/$vault/cosmosdb-connection-string/file-mode")" = 600 ]
  [ -z "$(ls -A "$TMPDIR")" ]
  [[ "$output" != *"${openai_value:10}"* && "$output" != *"${cosmos_value:30}"* ]]
  run ! grep -qF -e "$openai_value" -e "$cosmos_value" "$FAKE_AZ_STATE/calls"
}

@test "all run again on a deployed lab only reads: nothing is created, assigned or overwritten" {
  signed_in
  given_deployed
  run "$script" all
  assert_status 0
  assert_calls <<EOF
account show --query "[user.name, user.type, name]" -o tsv
ad signed-in-user show --query id -o tsv
group exists --name rg-kvlab
group show --name rg-kvlab --query tags.kvlab -o tsv
provider show --namespace Microsoft.KeyVault --query registrationState -o tsv
keyvault show --name $vault --query "$vault_query" -o tsv
role assignment list --assignee $object_id --role "Key Vault Secrets Officer" --scope $vault_id --include-inherited --query [].id -o tsv
keyvault secret list --vault-name $vault --query "$secret_query" -o tsv
keyvault secret list-deleted --vault-name $vault --query [].name -o tsv
EOF
  assert_output_has "Secret openai-api-key exists; left unchanged."
  assert_output_has "You already have Key Vault Secrets Officer on $vault."
  [ "$(cat "$FAKE_AZ_STATE/secrets/$vault/openai-api-key/value")" = "rotated-by-the-learner" ]
}

@test "not signed in: every command stops at once with a message to run az login" {
  for command in all create role secrets status env diagnostics network cleanup; do
    rm -f "$FAKE_AZ_STATE/calls"
    run "$script" "$command"
    assert_status 1
    [ "$output" = "Error: you are not signed in to Azure. Run 'az login' (and 'az account set --subscription NAME' to pick one), then run this again." ]
    assert_calls <<EOF
account show --query "[user.name, user.type, name]" -o tsv
EOF
  done
}

@test "without the Azure CLI the script says where to install it" {
  mkdir -p "$BATS_TEST_TMPDIR/bin"
  for tool in bash dirname mktemp rm cat grep; do ln -s "$(command -v "$tool")" "$BATS_TEST_TMPDIR/bin/$tool"; done
  PATH="$BATS_TEST_TMPDIR/bin" run "$script" status
  assert_status 1
  [ "$output" = "Error: the Azure CLI (az) is not installed. Install it from https://learn.microsoft.com/cli/azure/install-azure-cli and run 'az login'." ]
}

@test "create recovers a soft-deleted vault of the same name instead of creating one" {
  signed_in
  given_group
  mkdir -p "$FAKE_AZ_STATE/deleted-vaults/$vault"
  echo westeurope >"$FAKE_AZ_STATE/deleted-vaults/$vault/location"
  echo rg-kvlab >"$FAKE_AZ_STATE/deleted-vaults/$vault/group"
  echo true >"$FAKE_AZ_STATE/deleted-vaults/$vault/rbac"
  run "$script" create
  assert_status 0
  assert_calls <<EOF
account show --query "[user.name, user.type, name]" -o tsv
ad signed-in-user show --query id -o tsv
group exists --name rg-kvlab
group show --name rg-kvlab --query tags.kvlab -o tsv
provider show --namespace Microsoft.KeyVault --query registrationState -o tsv
keyvault show --name $vault --query "$vault_query" -o tsv
keyvault list-deleted --resource-type vault --query [?name=='$vault'].properties.location -o tsv
keyvault recover --name $vault --resource-group rg-kvlab --location westeurope --output none
keyvault show --name $vault --query "$vault_query" -o tsv
EOF
  assert_output_has "Recovering soft-deleted vault $vault"
}

@test "create waits for a vault still provisioning, then reports it ready" {
  signed_in
  given_group
  echo "RegisteringDns RegisteringDns Succeeded" >"$FAKE_AZ_STATE/create-states"
  run "$script" create
  assert_status 0
  [ "$(calls | grep -c '^keyvault show ')" -eq 4 ]   # absent, created, then two polls
  assert_output_has "Vault $vault is still provisioning (state RegisteringDns); waiting..."
  assert_output_has "Vault $vault is ready: https://$vault.vault.azure.net/"
}

@test "status on a vault still provisioning says to wait and exits non-zero" {
  signed_in
  given_vault RegisteringDns
  run "$script" status
  assert_status 1
  assert_output_has "Vault: RegisteringDns, URI https://$vault.vault.azure.net/"
  assert_output_has "The vault is still provisioning: wait a moment and check again."
  assert_no_call "role assignment list"
}

@test "a vault that stays provisioning stops role with a message naming option 4" {
  signed_in
  given_vault RegisteringDns
  run "$script" role
  assert_status 1
  assert_output_has "Error: vault $vault is still provisioning (state RegisteringDns). Wait a minute, then run option 4 (status)."
  assert_no_call "role assignment create"
}

@test "create switches a vault using access policies to RBAC authorization" {
  signed_in
  given_vault
  echo false >"$FAKE_AZ_STATE/vaults/$vault/rbac"
  run "$script" create
  assert_status 0
  calls | grep -qx "keyvault update --name $vault --resource-group rg-kvlab --enable-rbac-authorization true --output none"
}

@test "create registers the Key Vault resource provider when the subscription lacks it" {
  signed_in
  mkdir -p "$FAKE_AZ_STATE/providers"
  echo NotRegistered >"$FAKE_AZ_STATE/providers/Microsoft.KeyVault"
  run "$script" create
  assert_status 0
  calls | grep -qx "provider register --namespace Microsoft.KeyVault --wait --output none"
}

@test "a failing az command stops with its own error, a hint and exit status 1" {
  signed_in
  FAKE_AZ_FAIL="keyvault create" FAKE_AZ_FAIL_MESSAGE="(VaultAlreadyExists) The vault name '$vault' is already in use." \
    run "$script" all
  assert_status 1
  [ "${lines[-1]}" = "Error: az keyvault create failed: (VaultAlreadyExists) The vault name '$vault' is already in use. Vault names are global: choose another with --vault-name." ]
  [ "$(calls | tail -n1)" = "keyvault create --name $vault --resource-group rg-kvlab --location eastus --enable-rbac-authorization true --tags kvlab=$vault --output none" ]
  [ ! -e "$KVLAB_ENV_DIR/.env" ]
}

@test "a vault in another resource group is reported with the option to pick it" {
  signed_in
  given_vault
  run "$script" --resource-group rg-other status
  assert_status 1
  [ "${lines[-1]}" = "Error: vault $vault belongs to resource group rg-kvlab, not rg-other. Pass --resource-group rg-kvlab, or --vault-name another name." ]
}

@test "a vault whose resource group Azure reports in another case is the same vault" {
  signed_in
  given_vault
  echo RG-KVLAB >"$FAKE_AZ_STATE/vaults/$vault/group"
  run "$script" create
  assert_status 0
  assert_output_has "Vault $vault exists."
}

@test "role when already assigned changes nothing" {
  signed_in
  given_vault
  given_role
  run "$script" role
  assert_status 0
  assert_output_has "You already have Key Vault Secrets Officer on $vault."
  assert_no_call "role assignment create"
}

@test "role accepts an assignment that appeared since it looked (RoleAssignmentExists)" {
  signed_in
  given_vault
  FAKE_AZ_FAIL="role assignment create" FAKE_AZ_FAIL_MESSAGE="(RoleAssignmentExists) The role assignment already exists." \
    run "$script" role
  assert_status 0
  assert_output_has "Role assigned."
}

@test "role for a service principal sign-in looks it up and assigns it as a ServicePrincipal" {
  signed_in servicePrincipal
  given_vault
  run "$script" role
  assert_status 0
  calls | grep -qx "ad sp show --id learner@contoso.com --query id -o tsv"
  calls | grep -qx "role assignment create --role \"Key Vault Secrets Officer\" --assignee-object-id $object_id --assignee-principal-type ServicePrincipal --scope $vault_id --output none"
}

@test "role, secrets and env without a vault name option 1" {
  signed_in
  for command in role secrets env; do
    run "$script" "$command"
    assert_status 1
    [ "$output" = "Error: vault $vault not found. Run option 1 (create) first." ]
  done
}

@test "secrets without the role names option 2, not another one" {
  signed_in
  given_vault
  run "$script" secrets
  assert_status 1
  [ "${lines[-1]}" = "Error: you may not read secrets in $vault. Run option 2 (role) first." ]
  assert_no_call "keyvault secret set"
}

@test "secrets waits while a new role assignment has not reached the vault yet" {
  signed_in
  given_vault
  given_role
  FAKE_AZ_FAIL="keyvault secret list --vault-name" FAKE_AZ_FAIL_TIMES=2 \
    FAKE_AZ_FAIL_MESSAGE="(Forbidden) Caller is not authorized to perform action on resource." \
    run "$script" secrets
  assert_status 0
  [ "$(calls | grep -c '^keyvault secret list ')" -eq 3 ]
  assert_output_has "Waiting for your role on $vault to take effect..."
  assert_output_has "Stored secret cosmosdb-connection-string"
}

@test "secrets gives up with option 3 when the role never takes effect" {
  signed_in
  given_vault
  given_role
  FAKE_AZ_FAIL="keyvault secret list --vault-name" FAKE_AZ_FAIL_MESSAGE="(Forbidden) Caller is not authorized." \
    run "$script" secrets
  assert_status 1
  [ "${lines[-1]}" = "Error: your role on $vault has not taken effect yet. Wait a few minutes, then run option 3 (secrets) again." ]
}

@test "secrets recovers a soft-deleted sample secret instead of overwriting it" {
  signed_in
  given_vault
  given_role
  given_deleted_secret openai-api-key application/x-api-key
  run "$script" secrets
  assert_status 0
  calls | grep -qx "keyvault secret recover --vault-name $vault --name openai-api-key --output none"
  [ "$(calls | grep -c '^keyvault secret set ')" -eq 1 ]
  [ "$(cat "$FAKE_AZ_STATE/secrets/$vault/openai-api-key/value")" = "rotated-by-the-learner" ]
}

@test "status of a deployed lab shows the vault, the role and the secrets and exits 0" {
  signed_in
  given_deployed
  run "$script" status
  assert_status 0
  assert_output_has "Signed in as learner@contoso.com, subscription Lab Subscription."
  assert_output_has "Vault: Succeeded, URI https://$vault.vault.azure.net/, RBAC authorization true, firewall default action Allow."
  assert_output_has "Role: Key Vault Secrets Officer assigned to you."
  assert_output_has "  openai-api-key  application/x-api-key  enabled=true  expires=2026-03-01T00:00:00Z"
  assert_output_has "  cosmosdb-connection-string  application/x-connection-string  enabled=true"
}

@test "status names the option that fixes each missing piece" {
  signed_in
  run "$script" status
  assert_status 1
  assert_output_has "Vault: not created. Run option 1 (create)."
  mkdir -p "$FAKE_AZ_STATE/deleted-vaults/$vault"
  echo eastus >"$FAKE_AZ_STATE/deleted-vaults/$vault/location"
  run "$script" status
  assert_output_has "Vault: soft-deleted. Run option 1 (create) to recover it."
  rm -r "$FAKE_AZ_STATE/deleted-vaults"
  given_vault
  run "$script" status
  assert_status 1
  assert_output_has "Role: Key Vault Secrets Officer not assigned to you. Run option 2 (role)."
  given_role
  run "$script" status
  assert_status 1
  assert_output_has "Secrets: none. Run option 3 (secrets)."
}

@test "env writes setup/.env by default, and sourcing it sets KEY_VAULT_URL and drops a local identity endpoint" {
  signed_in
  given_vault
  unset KVLAB_ENV_DIR
  cp -r "$root/setup/azdeploy.sh" "$BATS_TEST_TMPDIR/"
  run "$BATS_TEST_TMPDIR/azdeploy.sh" env
  assert_status 0
  assert_output_has "Load them with: source setup/.env"
  run bash -c "export IDENTITY_ENDPOINT=https://127.0.0.1:1/token KVLAB_CA_CERT=/tmp/ca.pem
    source '$BATS_TEST_TMPDIR/.env'; echo \"\$KEY_VAULT_URL|\${IDENTITY_ENDPOINT:-unset}|\${KVLAB_CA_CERT:-unset}\""
  [ "$output" = "https://$vault.vault.azure.net/|unset|unset" ]
}

@test "the env files the script writes are ignored by git" {
  git -C "$root" rev-parse --is-inside-work-tree >/dev/null 2>&1 || skip "not a git checkout"
  run git -C "$root" check-ignore setup/.env setup/.env.ps1
  assert_status 0
}

@test "env into a folder that cannot be created says to pass another one" {
  signed_in
  given_vault
  touch "$BATS_TEST_TMPDIR/file"
  run "$script" env --env-dir "$BATS_TEST_TMPDIR/file/env"
  assert_status 1
  [ "${lines[-1]}" = "Error: could not write the env files in $BATS_TEST_TMPDIR/file/env. Pass a writable folder with --env-dir." ]
}

@test "a failed secret set leaves no temporary file behind, from a command or from the menu" {
  signed_in
  given_vault
  given_role
  FAKE_AZ_FAIL="keyvault secret set" FAKE_AZ_FAIL_MESSAGE="(BadParameter) The request is invalid." \
    run "$script" secrets
  assert_status 1
  [ "${lines[-1]}" = "Error: az keyvault secret set failed: (BadParameter) The request is invalid. Fix the cause and run this step again." ]
  [ -z "$(ls -A "$TMPDIR")" ]
  FAKE_AZ_FAIL="keyvault secret set" FAKE_AZ_FAIL_MESSAGE="(BadParameter) The request is invalid." \
    run "$script" <<<$'3\n6'
  assert_status 0
  assert_output_has "Error: az keyvault secret set failed"
  [ -z "$(ls -A "$TMPDIR")" ]
}
