#!/usr/bin/env bats
# The command line and the menu of azdeploy.sh: options, environment variables, usage errors.

# The scenario variables ($script, $vault, ...) come from test_helper.bash through bats' load.
# shellcheck disable=SC2154
load test_helper

@test "flags choose the resource group, region and vault name" {
  signed_in
  run "$script" -g rg-mine -l westeurope -n kv-mine-01 create
  assert_status 0
  calls | grep -qx "group create --name rg-mine --location westeurope --tags kvlab=kv-mine-01 --output none"
  calls | grep -qx "keyvault create --name kv-mine-01 --resource-group rg-mine --location westeurope --enable-rbac-authorization true --tags kvlab=kv-mine-01 --output none"
  # A given vault name needs no lookup of the signed-in user.
  assert_no_call "signed-in-user"
}

@test "environment variables choose the resource group, region and vault name" {
  signed_in
  KVLAB_RESOURCE_GROUP=rg-env KVLAB_LOCATION=northeurope KVLAB_VAULT_NAME=kv-env-01 run "$script" create
  assert_status 0
  calls | grep -qx "keyvault create --name kv-env-01 --resource-group rg-env --location northeurope --enable-rbac-authorization true --tags kvlab=kv-env-01 --output none"
}

@test "flags win over environment variables" {
  signed_in
  KVLAB_VAULT_NAME=kv-env-01 run "$script" --vault-name kv-flag-01 create
  assert_status 0
  calls | grep -q "keyvault create --name kv-flag-01 "
}

@test "the default vault name is kv-exercise- and a hash of the signed-in user's object id" {
  signed_in
  run "$script" create
  assert_status 0
  [ "$vault" = "kv-exercise-$(printf '%s' "$object_id" | sha256sum | cut -c1-8)" ]
  calls | grep -q "keyvault create --name $vault "
}

@test "an invalid vault name is refused before any az call" {
  for name in kv 1kv-starts-with-digit kv--double kv-ends-with- kv-this-name-is-far-too-long-for-azure; do
    run "$script" --vault-name "$name" create
    assert_status 1
    [ "$output" = "Error: '$name' is not a valid vault name: 3-24 letters, digits and single hyphens, starting with a letter." ]
  done
  [ -z "$(calls)" ]
}

@test "usage errors exit 2 and name the problem" {
  run "$script" deploy
  assert_status 2
  [ "$output" = "Error: unknown command deploy. Run with --help to see the commands." ]
  run "$script" --colour create
  assert_status 2
  [ "$output" = "Error: unknown option --colour. Run with --help to see the options." ]
  run "$script" create role
  assert_status 2
  [ "$output" = "Error: one command at a time (got create and role)." ]
}

@test "--help lists every command and exits 0 without calling az" {
  run "$script" --help
  assert_status 0
  for command in all create role secrets status env diagnostics network cleanup; do
    assert_output_has "  $command "
  done
  [ -z "$(calls)" ]
}

@test "the menu runs the chosen options in order and exits on 6" {
  signed_in
  run "$script" <<<$'1\n2\n3\n5\n6'
  assert_status 0
  assert_output_has "Key Vault Secrets Lab: resource group rg-kvlab, region eastus, vault $vault"
  assert_output_has "Stored secret openai-api-key"
  [ -f "$KVLAB_ENV_DIR/.env" ]
}

@test "a failed option reports its error and returns to the menu" {
  signed_in
  given_group
  run "$script" <<<$'3\n9\nn\n7\n6'
  assert_status 0
  assert_output_has "Error: vault $vault not found. Run option 1 (create) first."
  assert_output_has "Cancelled: that is not rg-kvlab, so nothing was deleted."
  [ "$(grep -c '^Key Vault Secrets Lab:' <<<"$output")" -eq 4 ]
}

@test "the menu rejects an unknown choice and keeps going" {
  signed_in
  run "$script" <<<$'42\n6'
  assert_status 0
  assert_output_has "Please enter a number from 1 to 9."
}
