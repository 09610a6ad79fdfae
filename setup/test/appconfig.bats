#!/usr/bin/env bats
# `azdeploy.sh appconfig` against the fake az: the store beside the vault, your data role, the course's sample
# settings, the Key Vault reference and the feature flag, and APP_CONFIG_ENDPOINT in the env files.

# The scenario variables ($script, $vault, ...) come from test_helper.bash through bats' load.
# shellcheck disable=SC2154,SC2030,SC2031
load test_helper
bats_require_minimum_version 1.5.0

store="appcs-exercise-666ff6cc"
store_id="/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-kvlab/providers/Microsoft.AppConfiguration/configurationStores/$store"

given_store() {
  mkdir -p "$FAKE_AZ_STATE/stores/$store"
  echo rg-kvlab >"$FAKE_AZ_STATE/stores/$store/group"
}

given_store_role() {
  echo "$object_id|App Configuration Data Owner|$store_id" >>"$FAKE_AZ_STATE/roles"
}

settings() { cat "$FAKE_AZ_STATE/stores/$store/settings"; }

@test "appconfig on a deployed vault creates the store, your role, the samples, the reference, the flag and the env line" {
  signed_in
  given_deployed
  run "$script" appconfig
  assert_status 0
  assert_calls <<EOF
account show --query "[user.name, user.type, name]" -o tsv
ad signed-in-user show --query id -o tsv
keyvault show --name $vault --query "$vault_query" -o tsv
provider show --namespace Microsoft.AppConfiguration --query registrationState -o tsv
appconfig show --name $store --resource-group rg-kvlab --query "[id, endpoint]" -o tsv
appconfig create --name $store --resource-group rg-kvlab --location eastus --sku Free --tags kvlab=$vault --output none
appconfig show --name $store --resource-group rg-kvlab --query "[id, endpoint]" -o tsv
role assignment list --assignee $object_id --role "App Configuration Data Owner" --scope $store_id --include-inherited --query [].id -o tsv
role assignment create --role "App Configuration Data Owner" --assignee-object-id $object_id --assignee-principal-type User --scope $store_id --output none
appconfig kv list --name $store --all --auth-mode login --query "[].[key, label]" -o tsv
appconfig kv set --name $store --key OpenAI:Endpoint --value https://kvlab-openai.openai.azure.com/ --tags app=kvlab --auth-mode login --yes --output none
appconfig kv set --name $store --key OpenAI:DeploymentName --value gpt-4o-mini --tags app=kvlab --auth-mode login --yes --output none
appconfig kv set --name $store --key OpenAI:DeploymentName --label production --value gpt-4o --tags app=kvlab --auth-mode login --yes --output none
appconfig kv set --name $store --key sentinel --value 1 --tags app=kvlab --auth-mode login --yes --output none
appconfig kv set-keyvault --name $store --key OpenAI:ApiKey --secret-identifier https://$vault.vault.azure.net/secrets/openai-api-key --tags app=kvlab --auth-mode login --yes --output none
appconfig feature set --name $store --feature EnableSemanticCache --description "Answer repeated prompts from the semantic cache" --auth-mode login --yes --output none
EOF
  [ "$(cat "$FAKE_AZ_STATE/stores/$store/tags")" = "kvlab=$vault" ]
  assert_output_has "Stored Key Vault reference OpenAI:ApiKey -> https://$vault.vault.azure.net/secrets/openai-api-key."
  [ "$(tail -n1 "$KVLAB_ENV_DIR/.env")" = "export APP_CONFIG_ENDPOINT=https://$store.azconfig.io" ]
  [ "$(tail -n1 "$KVLAB_ENV_DIR/.env.ps1")" = "\$env:APP_CONFIG_ENDPOINT = \"https://$store.azconfig.io\"" ]
  # The store holds the secret's address, never its value.
  run ! grep -qF "$openai_value" "$FAKE_AZ_STATE/stores/$store/settings" "$FAKE_AZ_STATE/calls"
}

@test "appconfig run again leaves the learner's settings alone and creates nothing" {
  signed_in
  given_deployed
  given_store
  given_store_role
  printf '%s\t%s\t%s\n' OpenAI:Endpoint None https://changed.example/ OpenAI:DeploymentName None gpt-4o-mini \
    OpenAI:DeploymentName production gpt-4.1 sentinel None 7 OpenAI:ApiKey None "keyvaultref pinned" \
    .appconfig.featureflag/EnableSemanticCache None "featureflag enabled=true" >"$FAKE_AZ_STATE/stores/$store/settings"
  before="$(settings)"
  run "$script" appconfig
  assert_status 0
  assert_no_call "appconfig create"
  assert_no_call "role assignment create"
  assert_no_call "appconfig kv set"
  assert_no_call "appconfig feature set"
  [ "$(settings)" = "$before" ]
  assert_output_has "Setting OpenAI:DeploymentName (production) exists; left unchanged."
  assert_output_has "You already have App Configuration Data Owner on $store."
}

@test "appconfig waits while a new role has not reached the store, then stores the samples" {
  signed_in
  given_deployed
  export FAKE_AZ_FAIL="appconfig kv list" FAKE_AZ_FAIL_TIMES=2 FAKE_AZ_FAIL_MESSAGE="Operation returned an invalid status code 'Forbidden'"
  run "$script" appconfig
  assert_status 0
  [ "$(grep -c "^Waiting for your role on $store to take effect" <<<"$output")" -eq 2 ]
  [ "$(wc -l <"$FAKE_AZ_STATE/stores/$store/settings")" -eq 6 ]
}

@test "appconfig gives up with one line when the role never takes effect" {
  signed_in
  given_deployed
  export FAKE_AZ_FAIL="appconfig kv list" FAKE_AZ_FAIL_MESSAGE="Operation returned an invalid status code 'Forbidden'"
  run "$script" appconfig
  assert_status 1
  assert_output_has "Error: your role on $store has not taken effect yet. Wait a few minutes, then run appconfig again."
  assert_no_call "appconfig kv set"
}

@test "appconfig without a vault names option 1, and a bad store name is refused before anything is created" {
  signed_in
  run "$script" appconfig
  assert_status 1
  assert_output_has "Run option 1 (create)"
  given_deployed
  run "$script" appconfig --store-name "-bad--name"
  assert_status 1
  assert_output_has "is not a valid App Configuration store name"
  assert_no_call "appconfig create"
  run "$script" appconfig --store-name
  assert_status 2
}

@test "a free store the subscription already has stops with Azure's own error and a hint" {
  signed_in
  given_deployed
  export FAKE_AZ_FAIL="appconfig create" FAKE_AZ_FAIL_MESSAGE="(Conflict) The subscription has reached its limit of 1 free configuration store."
  run "$script" appconfig
  assert_status 1
  assert_output_has "Error: az appconfig create failed: (Conflict) The subscription has reached its limit of 1 free configuration store."
}

@test "env written again keeps the store's endpoint, and sourcing it drops the local store's connection string" {
  signed_in
  given_deployed
  run "$script" appconfig
  assert_status 0
  run "$script" env
  assert_status 0
  assert_output_has "APP_CONFIG_ENDPOINT=https://$store.azconfig.io"
  run bash -c "export APP_CONFIG_CONNECTION_STRING='Endpoint=https://kvlab-config.localhost:1;Id=x;Secret=y'
    source '$KVLAB_ENV_DIR/.env'; echo \"\$APP_CONFIG_ENDPOINT|\${APP_CONFIG_CONNECTION_STRING:-unset}\""
  [ "$output" = "https://$store.azconfig.io|unset" ]
}
