#!/usr/bin/env bash
# Deploys, checks and removes the Azure resources of the Key Vault Secrets Lab: a resource group, a Key Vault
# with RBAC authorization, the Key Vault Secrets Officer role for you, the two sample secrets, and setup/.env.
# Run it without a command for the menu, or with one (`all`, `status`, ...) for scripts; `--help` lists them.
# azdeploy.ps1 issues the same az commands; setup/test/ checks both.
set -euo pipefail

script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

usage() {
  cat <<'EOF'
Usage: azdeploy.sh [options] [command]

Without a command, shows the menu. Commands:
  all          create, role, secrets and env, in that order
  create       1. resource group and Key Vault (RBAC authorization; recovers a soft-deleted vault of the same name)
  role         2. assign Key Vault Secrets Officer on the vault to you
  secrets      3. store the two sample secrets (content types, tags, expiry 180 days out)
  status       4. show the vault, its URI, your role and the secrets
  env          5. write setup/.env and setup/.env.ps1 with KEY_VAULT_URL
  diagnostics  send the vault's AuditEvent logs to Log Analytics and alert on unauthorized SecretGet
  network      allow only this machine's public IP through the vault firewall
  appconfig    an App Configuration store beside the vault: App Configuration Data Owner for you, the sample
               settings, a Key Vault reference, a feature flag, and APP_CONFIG_ENDPOINT in setup/.env
  cleanup      delete the resource group and everything in it: only a group this script created (tag kvlab),
               after listing what it holds and asking you to type the group's name (unless --yes)
  roles        apply a role plan (--plan FILE, as ./jbang access --plan FILE writes it): one role assignment
               per line, Key Vault roles only, at the vault or one of its secrets

Options (environment variable in brackets):
  -g, --resource-group NAME  resource group [KVLAB_RESOURCE_GROUP] (default rg-kvlab)
  -l, --location REGION      Azure region [KVLAB_LOCATION] (default eastus)
  -n, --vault-name NAME      vault name [KVLAB_VAULT_NAME] (default kv-exercise-<hash of your sign-in>)
      --ip ADDRESS           public IP to allow for `network` [KVLAB_CALLER_IP] (default: looked up)
      --store-name NAME      App Configuration store for `appconfig` [KVLAB_APPCONFIG_NAME]
                             (default: the vault's name with appcs- for kv-)
      --env-dir DIR          where `env` writes .env and .env.ps1 [KVLAB_ENV_DIR] (default: this folder)
  -y, --yes                  do not ask before `cleanup` deletes the lab's resource group
      --plan FILE            the role plan `roles` applies: principal, role, scope (vault or secrets/NAME) by tabs
  -h, --help                 show this help
EOF
}

# ---- settings ----------------------------------------------------------------------------------------------
group="${KVLAB_RESOURCE_GROUP:-rg-kvlab}"
location="${KVLAB_LOCATION:-eastus}"
vault="${KVLAB_VAULT_NAME:-}"
ip="${KVLAB_CALLER_IP:-}"
store="${KVLAB_APPCONFIG_NAME:-}"
env_dir="${KVLAB_ENV_DIR:-$script_dir}"
assume_yes=false
plan_file=""
# How long to wait for a vault still provisioning or a role assignment still propagating (tests set 0).
poll_seconds="${KVLAB_POLL_SECONDS:-10}"
poll_tries="${KVLAB_POLL_TRIES:-30}"

officer_role="Key Vault Secrets Officer"
appconfig_role="App Configuration Data Owner"
# The roles a plan may assign: Key Vault's data-plane roles. Anything else (Owner, User Access Administrator...)
# is refused, so a plan file cannot hand out more than the vault.
plan_roles="Key Vault Secrets User|Key Vault Secrets Officer|Key Vault Reader|Key Vault Administrator|Key Vault Purge Operator"
expiry_days=180
alert_query="AzureDiagnostics | where ResourceProvider == 'MICROSOFT.KEYVAULT' and OperationName == 'SecretGet' and ResultSignature in ('Unauthorized', 'Forbidden')"
# Commands that need an extension (scheduled-query) install it instead of prompting, which would hang scripts.
export AZURE_EXTENSION_USE_DYNAMIC_INSTALL=yes_without_prompt

# ---- output --------------------------------------------------------------------------------------------------
say() { printf '%s\n' "$*"; }
# Lower case without ${x,,}: macOS still ships bash 3.2.
lower() { printf '%s' "$1" | tr '[:upper:]' '[:lower:]'; }
# Prints one line saying what went wrong and what to do, then stops the current step.
fail() { printf 'Error: %s\n' "$*" >&2; exit 1; }

# Temporary files: az's error text, and the private file a secret value passes through. Removed on any exit,
# including Ctrl+C, and by each menu option's subshell, which has its own copy of these variables.
stderr_file="$(mktemp)"
secret_file=""
logs_file=""
remove_step_files() { rm -f "$secret_file" "$logs_file"; }
trap 'remove_step_files; rm -f "$stderr_file"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ---- az ------------------------------------------------------------------------------------------------------
# Runs az with its output in az_out and its error text kept for az_error; the caller decides what a failure
# means. Never called inside $(...): a failure must stop the script itself, not a subshell.
az_out=""
az_query() { az_out="$(az "$@" 2>"$stderr_file")"; }

# Runs az and stops the step with az's own error message and a hint when it fails.
az_must() { az_query "$@" || fail "$(az_command "$@") failed: $(az_error)$(az_hint)"; }

# "az keyvault secret set" for an error message: the words before the first option.
az_command() {
  local words="az"
  while [ $# -gt 0 ] && [[ "$1" != -* ]]; do words+=" $1"; shift; done
  printf '%s' "$words"
}

# The first line of az's last error, without its "ERROR: " prefix.
az_error() {
  local line
  line="$(grep -m1 -v '^\s*$' "$stderr_file" || true)"
  printf '%s' "${line#ERROR: }"
}

az_hint() {
  case "$(cat "$stderr_file")" in
    *VaultAlreadyExists*) printf '%s' " Vault names are global: choose another with --vault-name." ;;
    *AuthorizationFailed*) printf '%s' " Your account lacks permission in this subscription: ask its owner, or pick another with 'az account set --subscription'." ;;
    *Forbidden*) printf '%s' " Run option 2 (role) and wait a minute for the role to take effect." ;;
    *) printf '%s' " Fix the cause and run this step again." ;;
  esac
}

az_not_found() { [ "$1" -eq 3 ] || grep -qiE 'not ?found' "$stderr_file"; }
az_forbidden() { grep -q 'Forbidden' "$stderr_file"; }

# ---- prerequisites -------------------------------------------------------------------------------------------
check_az() {
  command -v az >/dev/null 2>&1 \
    || fail "the Azure CLI (az) is not installed. Install it from https://learn.microsoft.com/cli/azure/install-azure-cli and run 'az login'."
}

user_name=""
user_type=""
subscription=""
get_account() {
  [ -n "$user_name" ] && return 0
  az_query account show --query "[user.name, user.type, name]" -o tsv \
    || fail "you are not signed in to Azure. Run 'az login' (and 'az account set --subscription NAME' to pick one), then run this again."
  { read -r user_name; read -r user_type; read -r subscription; } <<<"$az_out"
}

object_id=""
# The signed-in principal's object id: the role's assignee and the seed of the default vault name.
get_signed_in_user() {
  [ -n "$object_id" ] && return 0
  get_account
  if [ "$user_type" = "servicePrincipal" ]; then
    az_must ad sp show --id "$user_name" --query id -o tsv
  else
    az_must ad signed-in-user show --query id -o tsv
  fi
  object_id="$az_out"
  [ -n "$object_id" ] || fail "could not read the object id of $user_name. Run 'az login' again."
}

# kv-exercise-<8 hex>: stable for one user, different between users, within the 24-character limit.
get_vault_name() {
  [ -n "$vault" ] && return 0
  get_signed_in_user
  local digest
  if command -v sha256sum >/dev/null 2>&1; then
    digest="$(printf '%s' "$object_id" | sha256sum)"
  else
    digest="$(printf '%s' "$object_id" | shasum -a 256)"
  fi
  vault="kv-exercise-${digest:0:8}"
}

ensure_provider() {
  local namespace=$1
  az_must provider show --namespace "$namespace" --query registrationState -o tsv
  [ "$az_out" = "Registered" ] && return 0
  say "Registering the $namespace resource provider (once per subscription; takes a minute)..."
  az_must provider register --namespace "$namespace" --wait --output none
}

# Reads the vault into vault_* variables; returns 1 when there is no vault of that name in the subscription.
vault_group="" vault_state="" vault_id="" vault_uri="" vault_rbac="" vault_firewall=""
find_vault() {
  get_vault_name
  local rc=0
  az_query keyvault show --name "$vault" --query "[resourceGroup, properties.provisioningState, id, properties.vaultUri, properties.enableRbacAuthorization, properties.networkAcls.defaultAction]" -o tsv || rc=$?
  if [ "$rc" -ne 0 ]; then
    az_not_found "$rc" && return 1
    fail "could not read vault $vault: $(az_error)$(az_hint)"
  fi
  { read -r vault_group; read -r vault_state; read -r vault_id; read -r vault_uri; read -r vault_rbac; read -r vault_firewall; } <<<"$az_out"
  # tsv prints a missing value as None (an older vault has no RBAC flag, a new one no firewall rules).
  vault_rbac="${vault_rbac#None}" vault_firewall="${vault_firewall#None}"
  # Resource group names are case-insensitive, and Azure does not always return them as they were typed.
  if [ "$(lower "$vault_group")" != "$(lower "$group")" ]; then
    fail "vault $vault belongs to resource group $vault_group, not $group. Pass --resource-group $vault_group, or --vault-name another name."
  fi
}

# The vault must exist and have finished provisioning before anything is done in it.
require_vault() {
  local try
  [ "$vault_state" = "Succeeded" ] && return 0   # read earlier in this run
  find_vault || fail "vault $vault not found. Run option 1 (create) first."
  for ((try = 1; ; try++)); do
    [ "$vault_state" = "Succeeded" ] && return 0
    [ "$try" -ge "$poll_tries" ] \
      && fail "vault $vault is still provisioning (state $vault_state). Wait a minute, then run option 4 (status)."
    say "Vault $vault is still provisioning (state $vault_state); waiting..."
    sleep "$poll_seconds"
    find_vault || fail "vault $vault disappeared while provisioning. Run option 1 (create) again."
  done
}

# Whether you hold Key Vault Secrets Officer on the vault (directly, or inherited from the group or subscription).
role_assigned=false
find_role() {
  [ "$role_assigned" = true ] && return 0
  get_signed_in_user
  az_must role assignment list --assignee "$object_id" --role "$officer_role" --scope "$vault_id" --include-inherited --query "[].id" -o tsv
  [ -n "$az_out" ] && role_assigned=true
}

# The kvlab tag marks what this script created (its value is the vault's name): create adopts, and cleanup
# deletes, only a resource group that carries it, so a typo in --resource-group cannot take over or delete
# somebody else's group.
group_tag=""
read_group_tag() {
  az_must group show --name "$group" --query tags.kvlab -o tsv
  group_tag="${az_out#None}"
}

# ---- 1. create -----------------------------------------------------------------------------------------------
new_vault() {
  get_vault_name
  az_must group exists --name "$group"
  if [ "$az_out" = "true" ]; then
    read_group_tag
    [ -n "$group_tag" ] || fail "resource group $group exists but was not created by this lab (no kvlab tag), so it is left alone. Pass --resource-group with a new name; or, if it is yours, tag it first: az group update --name $group --set tags.kvlab=$vault"
    say "Resource group $group exists (kvlab=$group_tag)."
  else
    say "Creating resource group $group in $location..."
    az_must group create --name "$group" --location "$location" --tags "kvlab=$vault" --output none
  fi
  ensure_provider Microsoft.KeyVault

  if find_vault; then
    say "Vault $vault exists."
  else
    local deleted_location
    az_must keyvault list-deleted --resource-type vault --query "[?name=='$vault'].properties.location" -o tsv
    deleted_location="$az_out"
    if [ -n "$deleted_location" ]; then
      # A deleted vault keeps its name for the retention period: creating it again would fail, so recover it.
      say "Recovering soft-deleted vault $vault (its secrets come back with it)..."
      az_must keyvault recover --name "$vault" --resource-group "$group" --location "$deleted_location" --output none
    else
      say "Creating vault $vault with RBAC authorization (takes a minute)..."
      az_must keyvault create --name "$vault" --resource-group "$group" --location "$location" --enable-rbac-authorization true --tags "kvlab=$vault" --output none
    fi
    find_vault || fail "vault $vault was not found after creating it. Run option 4 (status) in a minute."
  fi
  if [ "$(lower "$vault_rbac")" != "true" ]; then
    say "Switching vault $vault to RBAC authorization..."
    az_must keyvault update --name "$vault" --resource-group "$group" --enable-rbac-authorization true --output none
  fi
  require_vault
  say "Vault $vault is ready: $vault_uri"
}

# ---- 2. role -------------------------------------------------------------------------------------------------
add_role() {
  require_vault
  if find_role; then
    say "You already have $officer_role on $vault."
    return 0
  fi
  local principal_type=User
  [ "$user_type" = "servicePrincipal" ] && principal_type=ServicePrincipal
  say "Assigning $officer_role on $vault to $user_name..."
  if ! az_query role assignment create --role "$officer_role" --assignee-object-id "$object_id" --assignee-principal-type "$principal_type" --scope "$vault_id" --output none; then
    grep -q 'RoleAssignmentExists' "$stderr_file" || fail "az role assignment create failed: $(az_error)$(az_hint)"
  fi
  role_assigned=true
  say "Role assigned. It can take a few minutes to take effect; option 3 waits for it."
}

# ---- 3. secrets ----------------------------------------------------------------------------------------------
# The secret's name, content type, service tag and sample value: fake values, the same the local vault is
# seeded with (vault/src/main/java/dev/kvlab/vault/Seed.java), so exercises print the same masked values on both.
sample_secrets() {
  printf '%s\n' \
    "openai-api-key application/x-api-key openai sk-proj-kvlab7Qm2Xv9Lr4Tn8Wb3Zc6Hd1Jf5Gk0Ps2Ua7Ye9Ri4Oq" \
    "cosmosdb-connection-string application/x-connection-string cosmosdb AccountEndpoint=https://kvlab-cosmos.documents.azure.com:443/;AccountKey=c2VjcmV0LWxhYi1mYWtlLWtleS1kby1ub3QtdXNlLWluLXByb2R1Y3Rpb24tZXZlcg==;"
}

expiry_date() {
  local at=$(( ${KVLAB_NOW:-$(date +%s)} + expiry_days * 86400 ))
  date -u -d "@$at" +%Y-%m-%dT%H:%M:%SZ 2>/dev/null || date -u -r "$at" +%Y-%m-%dT%H:%M:%SZ
}

# Lists the vault's secrets into az_out, waiting while a fresh role assignment has not reached the data plane.
list_secrets() {
  local try has_role=$1
  for ((try = 1; ; try++)); do
    az_query keyvault secret list --vault-name "$vault" --query "[].[name, contentType, attributes.enabled, attributes.expires]" -o tsv && return 0
    az_forbidden || fail "could not list the secrets of $vault: $(az_error)$(az_hint)"
    [ "$has_role" = true ] || fail "you may not read secrets in $vault. Run option 2 (role) first."
    [ "$try" -ge "$poll_tries" ] \
      && fail "your role on $vault has not taken effect yet. Wait a few minutes, then run option 3 (secrets) again."
    say "Waiting for your role on $vault to take effect..."
    sleep "$poll_seconds"
  done
}

set_secrets() {
  require_vault
  local has_role=false rows deleted expires name content_type service value
  find_role && has_role=true
  list_secrets "$has_role"
  rows="$az_out"
  az_must keyvault secret list-deleted --vault-name "$vault" --query "[].name" -o tsv
  deleted="$az_out"
  expires="$(expiry_date)"
  # The list comes in on descriptor 3, so that nothing in the loop can read it from standard input.
  while read -r name content_type service value <&3; do
    if grep -qxF "$name" <<<"$deleted"; then
      say "Recovering soft-deleted secret $name..."
      az_must keyvault secret recover --vault-name "$vault" --name "$name" --output none
      continue
    fi
    if cut -f1 <<<"$rows" | grep -qxF "$name"; then
      # Left alone: the exercises rotate these secrets, and a rerun must not undo the learner's versions.
      say "Secret $name exists; left unchanged."
      continue
    fi
    # The value goes through a private file, never the command line, where other processes could read it.
    if ! secret_file="$(umask 077 && mktemp)" || ! printf '%s' "$value" >"$secret_file"; then
      fail "could not write a temporary file in ${TMPDIR:-/tmp}. Check that it exists and is writable."
    fi
    az_must keyvault secret set --vault-name "$vault" --name "$name" --file "$secret_file" --encoding utf-8 --content-type "$content_type" --tags environment=development "service=$service" --expires "$expires" --output none
    rm -f "$secret_file"
    say "Stored secret $name ($content_type, expires $expires)."
  done 3< <(sample_secrets)
}

# ---- 4. status -----------------------------------------------------------------------------------------------
show_status() {
  get_account
  get_vault_name
  say "Signed in as $user_name, subscription $subscription."
  say "Resource group $group, vault $vault."
  if ! find_vault; then
    az_must keyvault list-deleted --resource-type vault --query "[?name=='$vault'].properties.location" -o tsv
    if [ -n "$az_out" ]; then
      say "Vault: soft-deleted. Run option 1 (create) to recover it."
    else
      say "Vault: not created. Run option 1 (create)."
    fi
    return 1
  fi
  say "Vault: $vault_state, URI $vault_uri, RBAC authorization $(lower "$vault_rbac"), firewall default action ${vault_firewall:-Allow}."
  if [ "$vault_state" != "Succeeded" ]; then
    say "The vault is still provisioning: wait a moment and check again."
    return 1
  fi
  local ok=0 rows name content_type enabled expires
  if find_role; then
    say "Role: $officer_role assigned to you."
  else
    say "Role: $officer_role not assigned to you. Run option 2 (role)."
    ok=1
  fi
  if ! az_query keyvault secret list --vault-name "$vault" --query "[].[name, contentType, attributes.enabled, attributes.expires]" -o tsv; then
    say "Secrets: cannot list them ($(az_error))."
    return 1
  fi
  rows="$az_out"
  if [ -z "$rows" ]; then
    say "Secrets: none. Run option 3 (secrets)."
    return 1
  fi
  say "Secrets:"
  while IFS=$'\t' read -r name content_type enabled expires; do
    say "  $name  $content_type  enabled=$(lower "$enabled")  expires=$expires"
  done <<<"$rows"
  return "$ok"
}

# ---- 5. env --------------------------------------------------------------------------------------------------
write_env() {
  require_vault
  # The store's endpoint, once `appconfig` has found it, stays in the files when they are written again.
  if [ -z "$store_endpoint" ] && [ -f "$env_dir/.env" ]; then
    store_endpoint="$(sed -n -E 's#^export APP_CONFIG_ENDPOINT=(https://[a-z0-9-]+\.azconfig\.io)$#\1#p' "$env_dir/.env" | head -n1)"
  fi
  local store_line="" store_line_ps=""
  if [ -n "$store_endpoint" ]; then
    store_line="export APP_CONFIG_ENDPOINT=$store_endpoint"
    # shellcheck disable=SC2089 # the quotes are the PowerShell line's own
    store_line_ps="\$env:APP_CONFIG_ENDPOINT = \"$store_endpoint\""
  fi
  # A shell that sourced the local vault's lines still has its managed-identity endpoint, CA and the local
  # store's connection string: drop them.
  # shellcheck disable=SC2090 # the quotes are the PowerShell line's own
  if ! mkdir -p "$env_dir" \
    || ! printf '%s\n' "# The lab's real Azure Key Vault, written by setup/azdeploy. Load it with: source setup/.env" \
      "unset IDENTITY_ENDPOINT IDENTITY_HEADER KVLAB_CA_CERT APP_CONFIG_CONNECTION_STRING" \
      "export KEY_VAULT_URL=$vault_uri" ${store_line:+"$store_line"} >"$env_dir/.env" \
    || ! printf '%s\n' "# The lab's real Azure Key Vault, written by setup/azdeploy. Load it with: . ./setup/.env.ps1" \
      "Remove-Item Env:IDENTITY_ENDPOINT, Env:IDENTITY_HEADER, Env:KVLAB_CA_CERT, Env:APP_CONFIG_CONNECTION_STRING -ErrorAction SilentlyContinue" \
      "\$env:KEY_VAULT_URL = \"$vault_uri\"" ${store_line_ps:+"$store_line_ps"} >"$env_dir/.env.ps1"; then
    fail "could not write the env files in $env_dir. Pass a writable folder with --env-dir."
  fi
  say "Wrote $env_dir/.env and $env_dir/.env.ps1 (KEY_VAULT_URL=$vault_uri${store_endpoint:+, APP_CONFIG_ENDPOINT=$store_endpoint})."
  say "Load them with: source setup/.env   (PowerShell: . ./setup/.env.ps1)"
}

# ---- optional hardening --------------------------------------------------------------------------------------
enable_diagnostics() {
  require_vault
  ensure_provider Microsoft.OperationalInsights
  ensure_provider Microsoft.Insights
  local workspace="log-$vault" workspace_id rc=0
  az_query monitor log-analytics workspace show --resource-group "$group" --workspace-name "$workspace" --query id -o tsv || rc=$?
  if [ "$rc" -ne 0 ]; then
    az_not_found "$rc" || fail "az monitor log-analytics failed: $(az_error)$(az_hint)"
    say "Creating Log Analytics workspace $workspace..."
    az_must monitor log-analytics workspace create --resource-group "$group" --workspace-name "$workspace" --location "$location" --query id -o tsv
  fi
  workspace_id="$az_out"

  az_must monitor diagnostic-settings list --resource "$vault_id" --query "[?name=='kvlab-audit'].name" -o tsv
  if [ -n "$az_out" ]; then
    say "Diagnostic setting kvlab-audit exists."
  else
    say "Sending the vault's AuditEvent logs to $workspace..."
    # JSON goes through a file: PowerShell and cmd mangle double quotes in arguments.
    logs_file="$(mktemp)"
    printf '%s' '[{"category":"AuditEvent","enabled":true}]' >"$logs_file"
    az_must monitor diagnostic-settings create --name kvlab-audit --resource "$vault_id" --workspace "$workspace_id" --logs "@$logs_file" --output none
  fi

  rc=0
  az_query monitor scheduled-query show --name kvlab-unauthorized-secret-get --resource-group "$group" --query id -o tsv || rc=$?
  if [ "$rc" -eq 0 ]; then
    say "Alert kvlab-unauthorized-secret-get exists."
  else
    az_not_found "$rc" || fail "az monitor scheduled-query failed: $(az_error)$(az_hint)"
    say "Creating alert kvlab-unauthorized-secret-get..."
    az_must monitor scheduled-query create --name kvlab-unauthorized-secret-get --resource-group "$group" --scopes "$workspace_id" --condition "count 'UnauthorizedSecretGet' > 0" --condition-query "UnauthorizedSecretGet=$alert_query" --evaluation-frequency 5m --window-size 5m --severity 2 --description "SecretGet on $vault refused: a caller without the right role" --output none
  fi
  say "Diagnostics on: AuditEvent logs go to $workspace (they appear after about 10 minutes); the alert fires on refused SecretGet."
}

caller_ip() {
  [ -n "$ip" ] && return 0
  ip="$(curl -fsS --max-time 10 https://api.ipify.org 2>/dev/null || true)"
  [ -n "$ip" ] || fail "could not look up this machine's public IP. Pass it with --ip ADDRESS."
}

protect_network() {
  require_vault
  caller_ip
  [[ "$ip" =~ ^[0-9]{1,3}(\.[0-9]{1,3}){3}$ ]] || fail "'$ip' is not an IPv4 address. Pass one with --ip ADDRESS."
  # Allow the caller before denying the rest, so that this machine never locks itself out.
  az_must keyvault network-rule list --name "$vault" --resource-group "$group" --query "ipRules[].value" -o tsv
  if grep -qxF -e "$ip" -e "$ip/32" <<<"$az_out"; then
    say "The firewall already allows $ip."
  else
    say "Allowing $ip through the firewall of $vault..."
    az_must keyvault network-rule add --name "$vault" --resource-group "$group" --ip-address "$ip/32" --output none
  fi
  if [ "$vault_firewall" = "Deny" ]; then
    say "The firewall already denies other addresses."
  else
    say "Denying every other address..."
    az_must keyvault update --name "$vault" --resource-group "$group" --default-action Deny --bypass AzureServices --output none
  fi
  say "Only $ip (and trusted Azure services) can reach $vault. If your IP changes, run option 8 (network) again."
}

# ---- App Configuration ---------------------------------------------------------------------------------------
store_id=""
store_endpoint=""
get_store_name() {
  get_vault_name
  [ -n "$store" ] || store="appcs-${vault#kv-}"
}

find_store() {
  local rc=0
  az_query appconfig show --name "$store" --resource-group "$group" --query "[id, endpoint]" -o tsv || rc=$?
  if [ "$rc" -ne 0 ]; then
    az_not_found "$rc" && return 1
    fail "az appconfig show failed: $(az_error)$(az_hint)"
  fi
  { read -r store_id; read -r store_endpoint; } <<<"$az_out"
}

# The course's sample app, as the local store is seeded (appconfig/.../ConfigSeed.java): key, label (- for
# none), value. The Key Vault reference and the feature flag have commands of their own.
sample_settings() {
  printf '%s\n' \
    "OpenAI:Endpoint - https://kvlab-openai.openai.azure.com/" \
    "OpenAI:DeploymentName - gpt-4o-mini" \
    "OpenAI:DeploymentName production gpt-4o" \
    "sentinel - 1"
}

# Lists the store's keys and labels into az_out, waiting while a fresh role assignment has not reached it.
list_settings() {
  local try
  for ((try = 1; ; try++)); do
    az_query appconfig kv list --name "$store" --all --auth-mode login --query "[].[key, label]" -o tsv && return 0
    az_forbidden || fail "could not list the settings of $store: $(az_error)$(az_hint)"
    [ "$try" -ge "$poll_tries" ] \
      && fail "your role on $store has not taken effect yet. Wait a few minutes, then run appconfig again."
    say "Waiting for your role on $store to take effect..."
    sleep "$poll_seconds"
  done
}

set_up_appconfig() {
  require_vault
  get_store_name
  [[ "$store" =~ ^[A-Za-z0-9][A-Za-z0-9-]{3,48}[A-Za-z0-9]$ && "$store" != *--* ]] \
    || fail "'$store' is not a valid App Configuration store name: 5-50 letters, digits and single hyphens. Pass one with --store-name."
  ensure_provider Microsoft.AppConfiguration
  if find_store; then
    say "App Configuration store $store exists."
  else
    say "Creating App Configuration store $store (Free tier)..."
    az_must appconfig create --name "$store" --resource-group "$group" --location "$location" --sku Free --tags "kvlab=$vault" --output none
    find_store || fail "store $store was not found after creating it. Run appconfig again in a minute."
  fi

  get_signed_in_user
  az_must role assignment list --assignee "$object_id" --role "$appconfig_role" --scope "$store_id" --include-inherited --query "[].id" -o tsv
  if [ -n "$az_out" ]; then
    say "You already have $appconfig_role on $store."
  else
    local principal_type=User
    [ "$user_type" = "servicePrincipal" ] && principal_type=ServicePrincipal
    say "Assigning $appconfig_role on $store to $user_name..."
    if ! az_query role assignment create --role "$appconfig_role" --assignee-object-id "$object_id" --assignee-principal-type "$principal_type" --scope "$store_id" --output none; then
      grep -q 'RoleAssignmentExists' "$stderr_file" || fail "az role assignment create failed: $(az_error)$(az_hint)"
    fi
  fi

  list_settings
  local existing="$az_out" key label value shown
  # Settings the learner may have changed since are left alone, like the sample secrets.
  while read -r key label value <&3; do
    shown="$key"
    [ "$label" = "-" ] || shown="$key ($label)"
    if grep -qxF "$key"$'\t'"${label/#-/None}" <<<"$existing"; then
      say "Setting $shown exists; left unchanged."
    elif [ "$label" = "-" ]; then
      az_must appconfig kv set --name "$store" --key "$key" --value "$value" --tags app=kvlab --auth-mode login --yes --output none
      say "Stored setting $shown."
    else
      az_must appconfig kv set --name "$store" --key "$key" --label "$label" --value "$value" --tags app=kvlab --auth-mode login --yes --output none
      say "Stored setting $shown."
    fi
  done 3< <(sample_settings)
  if grep -qxF "OpenAI:ApiKey"$'\t'"None" <<<"$existing"; then
    say "Key Vault reference OpenAI:ApiKey exists; left unchanged."
  else
    # A versionless reference: the app follows the secret's rotation. The store holds the secret's URI, never its value.
    local reference="${vault_uri%/}/secrets/openai-api-key"
    az_must appconfig kv set-keyvault --name "$store" --key OpenAI:ApiKey --secret-identifier "$reference" --tags app=kvlab --auth-mode login --yes --output none
    say "Stored Key Vault reference OpenAI:ApiKey -> $reference."
  fi
  if grep -qxF ".appconfig.featureflag/EnableSemanticCache"$'\t'"None" <<<"$existing"; then
    say "Feature flag EnableSemanticCache exists; left unchanged."
  else
    az_must appconfig feature set --name "$store" --feature EnableSemanticCache --description "Answer repeated prompts from the semantic cache" --auth-mode login --yes --output none
    say "Stored feature flag EnableSemanticCache (off)."
  fi
  write_env
}

remove_group() {
  get_account
  az_must group exists --name "$group"
  if [ "$az_out" != "true" ]; then
    say "Resource group $group does not exist: nothing to delete."
    return 0
  fi
  read_group_tag
  [ -n "$group_tag" ] || fail "resource group $group was not created by this lab (no kvlab tag): nothing was deleted. Check --resource-group; a group of your own you delete yourself (az group delete)."
  az_must resource list --resource-group "$group" --query "[].[type, name]" -o tsv
  say "Resource group $group (kvlab=$group_tag) and everything in it would be deleted:"
  if [ -n "$az_out" ]; then
    local type name
    while IFS=$'\t' read -r type name; do say "  $name ($type)"; done <<<"$az_out"
  else
    say "  (no resources)"
  fi
  if [ "$assume_yes" != true ]; then
    local answer
    printf 'Type the resource group name (%s) to delete it: ' "$group"
    read -r answer || { echo; fail "cleanup needs a confirmation. Type the group's name when asked, or pass --yes to delete resource group $group without asking."; }
    if [ "$answer" != "$group" ]; then
      say "Cancelled: that is not $group, so nothing was deleted."
      return 0
    fi
  fi
  az_must group delete --name "$group" --yes --no-wait
  say "Deleting resource group $group in the background."
  say "Its vault stays soft-deleted for 90 days: option 1 (create) recovers it, 'az keyvault purge --name NAME' frees the name."
  # The env files would point at a vault that is gone; files written by the local vault are left alone.
  local file
  for file in "$env_dir/.env" "$env_dir/.env.ps1"; do
    if [ -f "$file" ] && grep -q '\.vault\.azure\.net' "$file"; then rm -f "$file" && say "Removed $file."; fi
  done
}

# ---- roles --plan FILE ---------------------------------------------------------------------------------------
# A plan is one assignment a line: principal, role and scope separated by tabs; # starts a comment. The principal
# is what az role assignment create --assignee takes (an object id, a user name, an app id); the scope is `vault`
# or `secrets/<name>`, below this vault's id. Every line is read and checked before anything is assigned.
apply_roles() {
  [[ -f "$plan_file" && -r "$plan_file" ]] || fail "cannot read the plan $plan_file. Write it with ./jbang access --plan $plan_file."
  local line number=0 principal role scope extra
  local -a planned=()
  while IFS= read -r line || [ -n "$line" ]; do
    number=$((number + 1))
    line="${line%$'\r'}"
    [[ "$line" =~ ^[[:space:]]*(#|$) ]] && continue
    IFS=$'\t' read -r principal role scope extra <<<"$line"
    [[ -n "$scope" && -z "${extra:-}" ]] \
      || fail "$plan_file line $number: expected principal, role and scope separated by tabs. Nothing was assigned."
    [[ "$principal" =~ ^[A-Za-z0-9][A-Za-z0-9@._-]*$ ]] \
      || fail "$plan_file line $number: '$principal' is not a principal (an object id, user or app name). Nothing was assigned."
    [[ "|$plan_roles|" == *"|$role|"* ]] \
      || fail "$plan_file line $number: '$role' is not a Key Vault role a plan may assign (${plan_roles//|/, }). Nothing was assigned."
    [[ "$scope" == vault || "$scope" =~ ^secrets/[0-9A-Za-z-]{1,127}$ ]] \
      || fail "$plan_file line $number: scope '$scope' is neither vault nor secrets/<name>. Nothing was assigned."
    planned+=("$principal"$'\t'"$role"$'\t'"$scope")
  done <"$plan_file"
  [ "${#planned[@]}" -gt 0 ] || { say "The plan $plan_file assigns nothing."; return 0; }
  require_vault
  local entry where assigned=0 existing=0
  for entry in "${planned[@]}"; do
    IFS=$'\t' read -r principal role scope <<<"$entry"
    if [ "$scope" = vault ]; then
      scope="$vault_id" where="vault $vault"
    else
      where="secret ${scope#secrets/}" scope="$vault_id/$scope"
    fi
    if az_query role assignment create --role "$role" --assignee "$principal" --scope "$scope" --output none; then
      say "Assigned $role to $principal at $where."
      assigned=$((assigned + 1))
    elif grep -q 'RoleAssignmentExists' "$stderr_file"; then
      say "$principal already has $role at $where."
      existing=$((existing + 1))
    else
      fail "az role assignment create for $principal ($role) failed: $(az_error)$(az_hint) $assigned of ${#planned[@]} assignments were made; run roles again once fixed (made ones are kept)."
    fi
  done
  say "Role plan applied to $vault: $assigned assigned, $existing already there. Roles can take a few minutes to take effect."
}

# ---- commands and menu ---------------------------------------------------------------------------------------
run_command() {
  case "$1" in
    create) new_vault ;;
    role) add_role ;;
    secrets) set_secrets ;;
    status) show_status ;;
    env) write_env ;;
    all) new_vault; add_role; set_secrets; write_env ;;
    diagnostics) enable_diagnostics ;;
    network) protect_network ;;
    cleanup) remove_group ;;
    appconfig) set_up_appconfig ;;
    roles) apply_roles ;;
  esac
}

# Runs a menu option in a subshell: a failed step reports its error and the menu comes back.
menu_step() { (trap remove_step_files EXIT; run_command "$1") || true; }

menu() {
  local choice
  while true; do
    cat <<EOF

Key Vault Secrets Lab: resource group $group, region $location, vault $vault
  1. Create Key Vault
  2. Assign role
  3. Store secrets
  4. Check deployment status
  5. Retrieve connection info (.env)
  6. Exit
  7. Enable diagnostics (audit logs and alert)
  8. Restrict network access to this machine
  9. Delete the resource group
EOF
    read -r -p "Select an option: " choice || return 0
    case "$choice" in
      1) menu_step create ;;
      2) menu_step role ;;
      3) menu_step secrets ;;
      4) menu_step status ;;
      5) menu_step env ;;
      6) return 0 ;;
      7) menu_step diagnostics ;;
      8) menu_step network ;;
      9) menu_step cleanup ;;
      *) say "Please enter a number from 1 to 9." ;;
    esac
  done
}

main() {
  local command=""
  while [ $# -gt 0 ]; do
    case "$1" in
      -g|--resource-group) [ $# -ge 2 ] || { usage >&2; exit 2; }; group="$2"; shift ;;
      -l|--location) [ $# -ge 2 ] || { usage >&2; exit 2; }; location="$2"; shift ;;
      -n|--vault-name) [ $# -ge 2 ] || { usage >&2; exit 2; }; vault="$2"; shift ;;
      --ip) [ $# -ge 2 ] || { usage >&2; exit 2; }; ip="$2"; shift ;;
      --env-dir) [ $# -ge 2 ] || { usage >&2; exit 2; }; env_dir="$2"; shift ;;
      --store-name) [ $# -ge 2 ] || { usage >&2; exit 2; }; store="$2"; shift ;;
      -y|--yes) assume_yes=true ;;
      --plan) [ $# -ge 2 ] || { usage >&2; exit 2; }; plan_file="$2"; shift ;;
      -h|--help) usage; exit 0 ;;
      -*) printf 'Error: unknown option %s. Run with --help to see the options.\n' "$1" >&2; exit 2 ;;
      all|create|role|secrets|status|env|diagnostics|network|cleanup|appconfig|roles)
         [ -z "$command" ] || { printf 'Error: one command at a time (got %s and %s).\n' "$command" "$1" >&2; exit 2; }
         command="$1" ;;
      *) printf 'Error: unknown command %s. Run with --help to see the commands.\n' "$1" >&2; exit 2 ;;
    esac
    shift
  done
  if [ "$command" = roles ] && [ -z "$plan_file" ]; then
    printf 'Error: roles needs the plan: --plan FILE (write one with ./jbang access --plan FILE).\n' >&2; exit 2
  fi
  if [ "$command" != roles ] && [ -n "$plan_file" ]; then
    printf 'Error: --plan goes with the roles command: azdeploy.sh roles --plan %s\n' "$plan_file" >&2; exit 2
  fi
  if [ -n "$vault" ] && [[ ! "$vault" =~ ^[A-Za-z][A-Za-z0-9-]{1,22}[A-Za-z0-9]$ || "$vault" == *--* ]]; then
    fail "'$vault' is not a valid vault name: 3-24 letters, digits and single hyphens, starting with a letter."
  fi
  check_az
  get_account
  if [ -z "$command" ]; then
    get_vault_name
    menu
  else
    run_command "$command"
  fi
}

main "$@"
