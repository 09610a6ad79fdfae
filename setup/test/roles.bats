#!/usr/bin/env bats
# `roles --plan FILE`: a role plan (as ./jbang access --plan FILE writes it) applied with real az role assignment
# create lines, checked whole before anything is assigned, and refused when it asks for more than the vault.

# The scenario variables ($script, $vault, ...) come from test_helper.bash through bats' load.
# shellcheck disable=SC2154
load test_helper

# plan LINE...: writes the test's plan file, one argument a line (tabs written as \t).
plan() {
  printf '%b\n' "$@" >"$BATS_TEST_TMPDIR/roles.tsv"
}

@test "roles applies every line of the plan at the vault or at one secret" {
  signed_in
  given_vault
  plan '# principal\trole\tscope (vault or secrets/<name>): bash setup/azdeploy.sh roles --plan roles.tsv' \
    'app-mi\tKey Vault Secrets User\tsecrets/openai-api-key' \
    'app-mi\tKey Vault Secrets User\tsecrets/cosmosdb-connection-string' \
    'ci-pipeline\tKey Vault Secrets Officer\tvault' \
    '' \
    'auditor@contoso.com\tKey Vault Reader\tvault'
  run "$script" roles --plan "$BATS_TEST_TMPDIR/roles.tsv"
  assert_status 0
  calls | grep -x "role assignment create .*" >"$BATS_TEST_TMPDIR/creates"
  diff - "$BATS_TEST_TMPDIR/creates" <<EXPECTED
role assignment create --role "Key Vault Secrets User" --assignee app-mi --scope $vault_id/secrets/openai-api-key --output none
role assignment create --role "Key Vault Secrets User" --assignee app-mi --scope $vault_id/secrets/cosmosdb-connection-string --output none
role assignment create --role "Key Vault Secrets Officer" --assignee ci-pipeline --scope $vault_id --output none
role assignment create --role "Key Vault Reader" --assignee auditor@contoso.com --scope $vault_id --output none
EXPECTED
  assert_output_has "Assigned Key Vault Secrets User to app-mi at secret openai-api-key."
  assert_output_has "Assigned Key Vault Secrets Officer to ci-pipeline at vault $vault."
  assert_output_has "Role plan applied to $vault: 4 assigned, 0 already there."
}

@test "roles run again keeps what exists and says so" {
  signed_in
  given_vault
  plan 'ci-pipeline\tKey Vault Secrets Officer\tvault' 'app-mi\tKey Vault Secrets User\tsecrets/openai-api-key'
  run "$script" roles --plan "$BATS_TEST_TMPDIR/roles.tsv"
  assert_status 0
  run "$script" roles --plan "$BATS_TEST_TMPDIR/roles.tsv"
  assert_status 0
  assert_output_has "ci-pipeline already has Key Vault Secrets Officer at vault $vault."
  assert_output_has "Role plan applied to $vault: 0 assigned, 2 already there."
}

@test "roles reads a plan saved with Windows line endings and without a last newline" {
  signed_in
  given_vault
  printf '# comment\r\nci-pipeline\tKey Vault Secrets Officer\tvault\r\napp-mi\tKey Vault Secrets User\tsecrets/a-1' >"$BATS_TEST_TMPDIR/roles.tsv"
  run "$script" roles --plan "$BATS_TEST_TMPDIR/roles.tsv"
  assert_status 0
  calls | grep -qx "role assignment create --role \"Key Vault Secrets User\" --assignee app-mi --scope $vault_id/secrets/a-1 --output none"
  assert_output_has "2 assigned"
}

@test "roles refuses a plan that hands out a role beyond Key Vault's, and assigns nothing of it" {
  signed_in
  given_vault
  plan 'ci-pipeline\tKey Vault Secrets Officer\tvault' 'dev\tOwner\tvault'
  run "$script" roles --plan "$BATS_TEST_TMPDIR/roles.tsv"
  assert_status 1
  assert_output_has "Error: $BATS_TEST_TMPDIR/roles.tsv line 2: 'Owner' is not a Key Vault role a plan may assign"
  assert_output_has "Nothing was assigned."
  assert_no_call "role assignment create"
}

@test "roles refuses scopes outside the vault, option-like principals and malformed lines" {
  signed_in
  given_vault
  local bad
  for bad in 'app\tKey Vault Secrets User\t/subscriptions/00000000-0000-0000-0000-000000000000' \
      'app\tKey Vault Secrets User\tsecrets/../../../other' \
      'app\tKey Vault Secrets User\tsecrets/a b' \
      '--assignee-object-id\tKey Vault Secrets User\tvault' \
      'app Key Vault Secrets User vault' \
      'app\tKey Vault Secrets User\tvault\textra' \
      'app\tkey vault secrets user\tvault'; do
    plan "$bad"
    run "$script" roles --plan "$BATS_TEST_TMPDIR/roles.tsv"
    assert_status 1
    assert_output_has "line 1:"
    assert_no_call "role assignment create"
  done
}

@test "roles needs --plan, and --plan goes with roles only (usage errors, nothing called)" {
  run "$script" roles
  assert_status 2
  assert_output_has "Error: roles needs the plan: --plan FILE"
  run "$script" status --plan x.tsv
  assert_status 2
  assert_output_has "Error: --plan goes with the roles command"
  run "$script" roles --plan
  assert_status 2
  [ -z "$(calls)" ]
}

@test "roles with a plan that is not there says how to write one" {
  signed_in
  given_vault
  run "$script" roles --plan "$BATS_TEST_TMPDIR/missing.tsv"
  assert_status 1
  assert_output_has "Error: cannot read the plan $BATS_TEST_TMPDIR/missing.tsv. Write it with ./jbang access --plan"
}

@test "roles without a vault names option 1, before assigning anything" {
  signed_in
  plan 'ci-pipeline\tKey Vault Secrets Officer\tvault'
  run "$script" roles --plan "$BATS_TEST_TMPDIR/roles.tsv"
  assert_status 1
  assert_output_has "Run option 1 (create) first."
  assert_no_call "role assignment create"
}

@test "roles stops at a failed assignment and says how many were made" {
  signed_in
  given_vault
  plan 'ci-pipeline\tKey Vault Secrets Officer\tvault' 'ghost\tKey Vault Reader\tvault'
  FAKE_AZ_FAIL="role assignment create --role \"Key Vault Reader\"" \
    FAKE_AZ_FAIL_MESSAGE="Cannot find user or service principal in graph database for 'ghost'." \
    run "$script" roles --plan "$BATS_TEST_TMPDIR/roles.tsv"
  assert_status 1
  assert_output_has "Error: az role assignment create for ghost (Key Vault Reader) failed: Cannot find user or service principal"
  assert_output_has "1 of 2 assignments were made"
}

@test "an empty plan assigns nothing and says so" {
  signed_in
  given_vault
  plan '# nothing yet'
  run "$script" roles --plan "$BATS_TEST_TMPDIR/roles.tsv"
  assert_status 0
  assert_output_has "assigns nothing"
  assert_no_call "role assignment create"
}
