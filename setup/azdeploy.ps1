# Deploys, checks and removes the Azure resources of the Key Vault Secrets Lab: a resource group, a Key Vault
# with RBAC authorization, the Key Vault Secrets Officer role for you, the two sample secrets, and setup/.env.ps1.
# Run it without a command for the menu, or with one (all, status, ...) for scripts; -Help lists them.
# The PowerShell twin of azdeploy.sh: it issues the same az commands, function for function
# (setup/test/parity.bats compares them), so keep the two in step.
[CmdletBinding()]
param(
    [Parameter(Position = 0)][string]$Command = '',
    [Alias('g')][string]$ResourceGroup = $(if ($env:KVLAB_RESOURCE_GROUP) { $env:KVLAB_RESOURCE_GROUP } else { 'rg-kvlab' }),
    [Alias('l')][string]$Location = $(if ($env:KVLAB_LOCATION) { $env:KVLAB_LOCATION } else { 'eastus' }),
    [Alias('n')][string]$VaultName = $env:KVLAB_VAULT_NAME,
    [string]$Ip = $env:KVLAB_CALLER_IP,
    [string]$EnvDir = $(if ($env:KVLAB_ENV_DIR) { $env:KVLAB_ENV_DIR } else { $PSScriptRoot }),
    [string]$StoreName = $env:KVLAB_APPCONFIG_NAME,
    [string]$Plan = '',
    [Alias('y')][switch]$Yes,
    [Alias('h')][switch]$Help
)

Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'

function Show-Usage {
    Write-Host @'
Usage: ./azdeploy.ps1 [command] [-ResourceGroup NAME] [-Location REGION] [-VaultName NAME] [-Ip ADDRESS] [-EnvDir DIR] [-StoreName NAME] [-Yes]
Usage: ./azdeploy.ps1 [command] [-ResourceGroup NAME] [-Location REGION] [-VaultName NAME] [-Ip ADDRESS] [-EnvDir DIR] [-Plan FILE] [-Yes]

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
               after listing what it holds and asking you to type the group's name (unless -Yes)
  roles        apply a role plan (-Plan FILE, as ./jbang access --plan FILE writes it): one role assignment
               per line, Key Vault roles only, at the vault or one of its secrets

Parameters (environment variable in brackets):
  -ResourceGroup NAME  resource group [KVLAB_RESOURCE_GROUP] (default rg-kvlab)
  -Location REGION     Azure region [KVLAB_LOCATION] (default eastus)
  -VaultName NAME      vault name [KVLAB_VAULT_NAME] (default kv-exercise-<hash of your sign-in>)
  -Ip ADDRESS          public IP to allow for network [KVLAB_CALLER_IP] (default: looked up)
  -EnvDir DIR          where env writes .env and .env.ps1 [KVLAB_ENV_DIR] (default: this folder)
  -StoreName NAME      App Configuration store for appconfig [KVLAB_APPCONFIG_NAME]
                       (default: the vault's name with appcs- for kv-)
  -Plan FILE           the role plan roles applies: principal, role, scope (vault or secrets/NAME) by tabs
  -Yes                 do not ask before cleanup deletes the lab's resource group
'@
}

# ---- settings ----------------------------------------------------------------------------------------------
$group = $ResourceGroup
$location = $Location
$vault = $VaultName
$ip = $Ip
$env_dir = $EnvDir
$script:store = $StoreName
# How long to wait for a vault still provisioning or a role assignment still propagating.
$poll_seconds = if ($env:KVLAB_POLL_SECONDS) { [int]$env:KVLAB_POLL_SECONDS } else { 10 }
$poll_tries = if ($env:KVLAB_POLL_TRIES) { [int]$env:KVLAB_POLL_TRIES } else { 30 }

$officer_role = 'Key Vault Secrets Officer'
$appconfig_role = 'App Configuration Data Owner'
# The roles a plan may assign: Key Vault's data-plane roles. Anything else (Owner, User Access Administrator...)
# is refused, so a plan file cannot hand out more than the vault.
$plan_roles = @('Key Vault Secrets User', 'Key Vault Secrets Officer', 'Key Vault Reader', 'Key Vault Administrator', 'Key Vault Purge Operator')
$expiry_days = 180
$alert_query = "AzureDiagnostics | where ResourceProvider == 'MICROSOFT.KEYVAULT' and OperationName == 'SecretGet' and ResultSignature in ('Unauthorized', 'Forbidden')"
# Commands that need an extension (scheduled-query) install it instead of prompting, which would hang scripts.
$env:AZURE_EXTENSION_USE_DYNAMIC_INSTALL = 'yes_without_prompt'

$script:secret_file = $null
$script:logs_file = $null
$script:az_out = ''; $script:az_err = ''; $script:az_status = 0
$commands = @('all', 'create', 'role', 'secrets', 'status', 'env', 'diagnostics', 'network', 'cleanup', 'appconfig', 'roles')

# ---- output --------------------------------------------------------------------------------------------------
function Say([string]$text) { Write-Host $text }
# Stops the current step with one line saying what went wrong and what to do.
function Fail([string]$text) { throw [System.InvalidOperationException]::new("Error: $text") }

# ---- az ------------------------------------------------------------------------------------------------------
# Runs az with its output in $script:az_out and its error text in $script:az_err; returns whether it succeeded.
function Invoke-AzQuery {
    $previous = $ErrorActionPreference
    $ErrorActionPreference = 'Continue'   # az writes warnings to stderr: they must not stop the script
    try { $lines = & az @args 2>&1 } finally { $ErrorActionPreference = $previous }
    $script:az_status = $LASTEXITCODE
    $script:az_out = (@($lines | Where-Object { $_ -isnot [System.Management.Automation.ErrorRecord] }) -join "`n").Trim()
    $script:az_err = (@($lines | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] } | ForEach-Object { "$_" }) -join "`n")
    return $script:az_status -eq 0
}

# Runs az and stops the step with az's own error message and a hint when it fails.
function Invoke-AzMust {
    if (-not (Invoke-AzQuery @args)) {
        $name = 'az'
        foreach ($word in $args) { if ("$word".StartsWith('-')) { break }; $name += " $word" }
        Fail "$name failed: $(Get-AzError)$(Get-AzHint)"
    }
}

# The first line of az's last error, without its "ERROR: " prefix.
function Get-AzError {
    $line = @($script:az_err -split "`n" | Where-Object { $_.Trim() }) | Select-Object -First 1
    if (-not $line) { return '' }
    return ($line -replace '^ERROR: ', '')
}

function Get-AzHint {
    if ($script:az_err -match 'VaultAlreadyExists') { return ' Vault names are global: choose another with -VaultName.' }
    if ($script:az_err -match 'AuthorizationFailed') { return " Your account lacks permission in this subscription: ask its owner, or pick another with 'az account set --subscription'." }
    if ($script:az_err -match 'Forbidden') { return ' Run option 2 (role) and wait a minute for the role to take effect.' }
    return ' Fix the cause and run this step again.'
}

function Test-AzNotFound { return ($script:az_status -eq 3) -or ($script:az_err -match 'not ?found') }
function Test-AzForbidden { return $script:az_err -match 'Forbidden' }

function Get-Lines([string]$text) { return @($text -split "`n" | ForEach-Object { $_.TrimEnd("`r") }) }

# ---- prerequisites -------------------------------------------------------------------------------------------
function Check-Az {
    if (-not (Get-Command az -ErrorAction SilentlyContinue)) {
        Fail "the Azure CLI (az) is not installed. Install it from https://learn.microsoft.com/cli/azure/install-azure-cli and run 'az login'."
    }
}

$script:user_name = ''
$script:user_type = ''
$script:subscription = ''
function Get-Account {
    if ($script:user_name) { return }
    if (-not (Invoke-AzQuery account show --query "[user.name, user.type, name]" -o tsv)) {
        Fail "you are not signed in to Azure. Run 'az login' (and 'az account set --subscription NAME' to pick one), then run this again."
    }
    $rows = Get-Lines $script:az_out
    $script:user_name, $script:user_type, $script:subscription = $rows[0], $rows[1], $rows[2]
}

$script:object_id = ''
# The signed-in principal's object id: the role's assignee and the seed of the default vault name.
function Get-SignedInUser {
    if ($script:object_id) { return }
    Get-Account
    if ($script:user_type -eq 'servicePrincipal') {
        Invoke-AzMust ad sp show --id $script:user_name --query id -o tsv
    } else {
        Invoke-AzMust ad signed-in-user show --query id -o tsv
    }
    $script:object_id = $script:az_out
    if (-not $script:object_id) { Fail "could not read the object id of $($script:user_name). Run 'az login' again." }
}

# kv-exercise-<8 hex>: stable for one user, different between users, within the 24-character limit.
# The same digest as azdeploy.sh (sha256 of the object id), so both scripts find the same vault.
function Get-VaultName {
    if ($script:vault) { return }
    Get-SignedInUser
    $sha = [System.Security.Cryptography.SHA256]::Create()
    $digest = -join ($sha.ComputeHash([System.Text.Encoding]::UTF8.GetBytes($script:object_id)) | ForEach-Object { $_.ToString('x2') })
    $script:vault = "kv-exercise-$($digest.Substring(0, 8))"
}

function Ensure-Provider([string]$namespace) {
    Invoke-AzMust provider show --namespace $namespace --query registrationState -o tsv
    if ($script:az_out -eq 'Registered') { return }
    Say "Registering the $namespace resource provider (once per subscription; takes a minute)..."
    Invoke-AzMust provider register --namespace $namespace --wait --output none
}

# Reads the vault into $script:vault_* variables; returns $false when there is no vault of that name.
$script:vault_group = ''; $script:vault_state = ''; $script:vault_id = ''; $script:vault_uri = ''
$script:vault_rbac = ''; $script:vault_firewall = ''
function Find-Vault {
    Get-VaultName
    $vault = $script:vault
    if (-not (Invoke-AzQuery keyvault show --name $vault --query "[resourceGroup, properties.provisioningState, id, properties.vaultUri, properties.enableRbacAuthorization, properties.networkAcls.defaultAction]" -o tsv)) {
        if (Test-AzNotFound) { return $false }
        Fail "could not read vault ${vault}: $(Get-AzError)$(Get-AzHint)"
    }
    # tsv prints a missing value as None.
    $rows = @(Get-Lines $script:az_out | ForEach-Object { if ($_ -eq 'None') { '' } else { $_ } })
    $script:vault_group, $script:vault_state, $script:vault_id, $script:vault_uri, $script:vault_rbac, $script:vault_firewall = $rows[0..5]
    # Resource group names are case-insensitive (as is -ne), and Azure does not always return them as typed.
    if ($script:vault_group -ne $group) {
        Fail "vault $vault belongs to resource group $($script:vault_group), not $group. Pass -ResourceGroup $($script:vault_group), or -VaultName another name."
    }
    return $true
}

# The vault must exist and have finished provisioning before anything is done in it.
function Require-Vault {
    if ($script:vault_state -eq 'Succeeded') { return }   # read earlier in this run
    if (-not (Find-Vault)) { Fail "vault $($script:vault) not found. Run option 1 (create) first." }
    for ($try = 1; ; $try++) {
        if ($script:vault_state -eq 'Succeeded') { return }
        if ($try -ge $poll_tries) {
            Fail "vault $($script:vault) is still provisioning (state $($script:vault_state)). Wait a minute, then run option 4 (status)."
        }
        Say "Vault $($script:vault) is still provisioning (state $($script:vault_state)); waiting..."
        Start-Sleep -Seconds $poll_seconds
        if (-not (Find-Vault)) { Fail "vault $($script:vault) disappeared while provisioning. Run option 1 (create) again." }
    }
}

# Whether you hold Key Vault Secrets Officer on the vault (directly, or inherited from the group or subscription).
$script:role_assigned = $false
function Find-Role {
    if ($script:role_assigned) { return $true }
    Get-SignedInUser
    $object_id = $script:object_id; $vault_id = $script:vault_id
    Invoke-AzMust role assignment list --assignee $object_id --role $officer_role --scope $vault_id --include-inherited --query "[].id" -o tsv
    $script:role_assigned = [bool]$script:az_out
    return $script:role_assigned
}

# The kvlab tag marks what this script created (its value is the vault's name): create adopts, and cleanup
# deletes, only a resource group that carries it, so a typo in -ResourceGroup cannot take over or delete
# somebody else's group.
$script:group_tag = ''
function Read-GroupTag {
    Invoke-AzMust group show --name $group --query tags.kvlab -o tsv
    $script:group_tag = $(if ($script:az_out -eq 'None') { '' } else { $script:az_out })
}

# ---- 1. create -----------------------------------------------------------------------------------------------
function New-Vault {
    Get-VaultName
    $vault = $script:vault
    Invoke-AzMust group exists --name $group
    if ($script:az_out -eq 'true') {
        Read-GroupTag
        if (-not $script:group_tag) {
            Fail "resource group $group exists but was not created by this lab (no kvlab tag), so it is left alone. Pass -ResourceGroup with a new name; or, if it is yours, tag it first: az group update --name $group --set tags.kvlab=$vault"
        }
        Say "Resource group $group exists (kvlab=$($script:group_tag))."
    } else {
        Say "Creating resource group $group in $location..."
        Invoke-AzMust group create --name $group --location $location --tags "kvlab=$vault" --output none
    }
    Ensure-Provider Microsoft.KeyVault

    if (Find-Vault) {
        Say "Vault $vault exists."
    } else {
        Invoke-AzMust keyvault list-deleted --resource-type vault --query "[?name=='$vault'].properties.location" -o tsv
        $deleted_location = $script:az_out
        if ($deleted_location) {
            # A deleted vault keeps its name for the retention period: creating it again would fail, so recover it.
            Say "Recovering soft-deleted vault $vault (its secrets come back with it)..."
            Invoke-AzMust keyvault recover --name $vault --resource-group $group --location $deleted_location --output none
        } else {
            Say "Creating vault $vault with RBAC authorization (takes a minute)..."
            Invoke-AzMust keyvault create --name $vault --resource-group $group --location $location --enable-rbac-authorization true --tags "kvlab=$vault" --output none
        }
        if (-not (Find-Vault)) { Fail "vault $vault was not found after creating it. Run option 4 (status) in a minute." }
    }
    if ($script:vault_rbac -ne 'true') {
        Say "Switching vault $vault to RBAC authorization..."
        Invoke-AzMust keyvault update --name $vault --resource-group $group --enable-rbac-authorization true --output none
    }
    Require-Vault
    Say "Vault $vault is ready: $($script:vault_uri)"
}

# ---- 2. role -------------------------------------------------------------------------------------------------
function Add-Role {
    Require-Vault
    $vault = $script:vault
    if (Find-Role) {
        Say "You already have $officer_role on $vault."
        return
    }
    $principal_type = if ($script:user_type -eq 'servicePrincipal') { 'ServicePrincipal' } else { 'User' }
    $object_id = $script:object_id; $vault_id = $script:vault_id
    Say "Assigning $officer_role on $vault to $($script:user_name)..."
    if (-not (Invoke-AzQuery role assignment create --role $officer_role --assignee-object-id $object_id --assignee-principal-type $principal_type --scope $vault_id --output none)) {
        if ($script:az_err -notmatch 'RoleAssignmentExists') { Fail "az role assignment create failed: $(Get-AzError)$(Get-AzHint)" }
    }
    $script:role_assigned = $true
    Say "Role assigned. It can take a few minutes to take effect; option 3 waits for it."
}

# ---- 3. secrets ----------------------------------------------------------------------------------------------
# The secret's name, content type, service tag and sample value: the same fake values as azdeploy.sh.
$sample_secrets = @(
    @('openai-api-key', 'application/x-api-key', 'openai', 'sk-proj-kvlab7Qm2Xv9Lr4Tn8Wb3Zc6Hd1Jf5Gk0Ps2Ua7Ye9Ri4Oq'),
    @('cosmosdb-connection-string', 'application/x-connection-string', 'cosmosdb', 'AccountEndpoint=https://kvlab-cosmos.documents.azure.com:443/;AccountKey=c2VjcmV0LWxhYi1mYWtlLWtleS1kby1ub3QtdXNlLWluLXByb2R1Y3Rpb24tZXZlcg==;')
)

function Get-ExpiryDate {
    $now = if ($env:KVLAB_NOW) { [DateTimeOffset]::FromUnixTimeSeconds([long]$env:KVLAB_NOW) } else { [DateTimeOffset]::UtcNow }
    return $now.AddDays($expiry_days).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", [Globalization.CultureInfo]::InvariantCulture)
}

# Lists the vault's secrets into $script:az_out, waiting while a fresh role assignment has not reached the data plane.
function List-Secrets([bool]$has_role) {
    $vault = $script:vault
    for ($try = 1; ; $try++) {
        if (Invoke-AzQuery keyvault secret list --vault-name $vault --query "[].[name, contentType, attributes.enabled, attributes.expires]" -o tsv) { return }
        if (-not (Test-AzForbidden)) { Fail "could not list the secrets of ${vault}: $(Get-AzError)$(Get-AzHint)" }
        if (-not $has_role) { Fail "you may not read secrets in $vault. Run option 2 (role) first." }
        if ($try -ge $poll_tries) { Fail "your role on $vault has not taken effect yet. Wait a few minutes, then run option 3 (secrets) again." }
        Say "Waiting for your role on $vault to take effect..."
        Start-Sleep -Seconds $poll_seconds
    }
}

function Set-Secrets {
    Require-Vault
    $vault = $script:vault
    $has_role = Find-Role
    List-Secrets $has_role
    $existing = @(Get-Lines $script:az_out | ForEach-Object { ($_ -split "`t")[0] })
    Invoke-AzMust keyvault secret list-deleted --vault-name $vault --query "[].name" -o tsv
    $deleted = @(Get-Lines $script:az_out)
    $expires = Get-ExpiryDate
    foreach ($secret in $sample_secrets) {
        $name, $content_type, $service, $value = $secret
        if ($deleted -contains $name) {
            Say "Recovering soft-deleted secret $name..."
            Invoke-AzMust keyvault secret recover --vault-name $vault --name $name --output none
            continue
        }
        if ($existing -contains $name) {
            # Left alone: the exercises rotate these secrets, and a rerun must not undo the learner's versions.
            Say "Secret $name exists; left unchanged."
            continue
        }
        # The value goes through a private file, never the command line, where other processes could read it.
        $script:secret_file = [System.IO.Path]::GetTempFileName()
        $secret_file = $script:secret_file
        if ([System.Environment]::OSVersion.Platform -eq 'Unix') { chmod 600 $secret_file }
        [System.IO.File]::WriteAllText($secret_file, $value, [System.Text.UTF8Encoding]::new($false))
        try {
            Invoke-AzMust keyvault secret set --vault-name $vault --name $name --file $secret_file --encoding utf-8 --content-type $content_type --tags environment=development "service=$service" --expires $expires --output none
        } finally {
            Remove-Item -Force $secret_file
        }
        Say "Stored secret $name ($content_type, expires $expires)."
    }
}

# ---- 4. status -----------------------------------------------------------------------------------------------
# Returns whether everything is in place.
function Show-Status {
    Get-Account
    Get-VaultName
    $vault = $script:vault
    Say "Signed in as $($script:user_name), subscription $($script:subscription)."
    Say "Resource group $group, vault $vault."
    if (-not (Find-Vault)) {
        Invoke-AzMust keyvault list-deleted --resource-type vault --query "[?name=='$vault'].properties.location" -o tsv
        if ($script:az_out) {
            Say 'Vault: soft-deleted. Run option 1 (create) to recover it.'
        } else {
            Say 'Vault: not created. Run option 1 (create).'
        }
        return $false
    }
    $firewall = if ($script:vault_firewall) { $script:vault_firewall } else { 'Allow' }
    Say "Vault: $($script:vault_state), URI $($script:vault_uri), RBAC authorization $("$($script:vault_rbac)".ToLower()), firewall default action $firewall."
    if ($script:vault_state -ne 'Succeeded') {
        Say 'The vault is still provisioning: wait a moment and check again.'
        return $false
    }
    $ok = $true
    if (Find-Role) {
        Say "Role: $officer_role assigned to you."
    } else {
        Say "Role: $officer_role not assigned to you. Run option 2 (role)."
        $ok = $false
    }
    if (-not (Invoke-AzQuery keyvault secret list --vault-name $vault --query "[].[name, contentType, attributes.enabled, attributes.expires]" -o tsv)) {
        Say "Secrets: cannot list them ($(Get-AzError))."
        return $false
    }
    if (-not $script:az_out) {
        Say 'Secrets: none. Run option 3 (secrets).'
        return $false
    }
    Say 'Secrets:'
    foreach ($row in (Get-Lines $script:az_out)) {
        $name, $content_type, $enabled, $expires = $row -split "`t"
        Say "  $name  $content_type  enabled=$("$enabled".ToLower())  expires=$expires"
    }
    return $ok
}

# ---- 5. env --------------------------------------------------------------------------------------------------
function Write-Env {
    Require-Vault
    $uri = $script:vault_uri
    New-Item -ItemType Directory -Force -Path $env_dir | Out-Null
    # .NET resolves relative paths against the process's folder, not PowerShell's current location.
    $env_dir = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($env_dir)
    $utf8 = [System.Text.UTF8Encoding]::new($false)
    # The store's endpoint, once appconfig has found it, stays in the files when they are written again.
    $env_file = Join-Path $env_dir '.env'
    if (-not $script:store_endpoint -and (Test-Path $env_file)) {
        $found = Select-String -Path $env_file -Pattern '^export APP_CONFIG_ENDPOINT=(https://[a-z0-9-]+\.azconfig\.io)$' | Select-Object -First 1
        if ($found) { $script:store_endpoint = $found.Matches[0].Groups[1].Value }
    }
    $endpoint = $script:store_endpoint
    $lines = @("# The lab's real Azure Key Vault, written by setup/azdeploy. Load it with: source setup/.env",
        'unset IDENTITY_ENDPOINT IDENTITY_HEADER KVLAB_CA_CERT APP_CONFIG_CONNECTION_STRING',
        "export KEY_VAULT_URL=$uri")
    $lines_ps = @("# The lab's real Azure Key Vault, written by setup/azdeploy. Load it with: . ./setup/.env.ps1",
        'Remove-Item Env:IDENTITY_ENDPOINT, Env:IDENTITY_HEADER, Env:KVLAB_CA_CERT, Env:APP_CONFIG_CONNECTION_STRING -ErrorAction SilentlyContinue',
        "`$env:KEY_VAULT_URL = `"$uri`"")
    if ($endpoint) {
        $lines += "export APP_CONFIG_ENDPOINT=$endpoint"
        $lines_ps += "`$env:APP_CONFIG_ENDPOINT = `"$endpoint`""
    }
    # A shell that loaded the local vault's lines still has its managed-identity endpoint, CA and the local
    # store's connection string: drop them.
    [System.IO.File]::WriteAllText($env_file, ($lines -join "`n") + "`n", $utf8)
    [System.IO.File]::WriteAllText((Join-Path $env_dir '.env.ps1'), ($lines_ps -join "`n") + "`n", $utf8)
    $also = if ($endpoint) { ", APP_CONFIG_ENDPOINT=$endpoint" } else { '' }
    Say "Wrote $(Join-Path $env_dir '.env') and $(Join-Path $env_dir '.env.ps1') (KEY_VAULT_URL=$uri$also)."
    Say 'Load them with: . ./setup/.env.ps1   (bash: source setup/.env)'
}

# ---- optional hardening --------------------------------------------------------------------------------------
function Enable-Diagnostics {
    Require-Vault
    $vault = $script:vault; $vault_id = $script:vault_id
    Ensure-Provider Microsoft.OperationalInsights
    Ensure-Provider Microsoft.Insights
    $workspace = "log-$vault"
    if (-not (Invoke-AzQuery monitor log-analytics workspace show --resource-group $group --workspace-name $workspace --query id -o tsv)) {
        if (-not (Test-AzNotFound)) { Fail "az monitor log-analytics failed: $(Get-AzError)$(Get-AzHint)" }
        Say "Creating Log Analytics workspace $workspace..."
        Invoke-AzMust monitor log-analytics workspace create --resource-group $group --workspace-name $workspace --location $location --query id -o tsv
    }
    $workspace_id = $script:az_out

    Invoke-AzMust monitor diagnostic-settings list --resource $vault_id --query "[?name=='kvlab-audit'].name" -o tsv
    if ($script:az_out) {
        Say 'Diagnostic setting kvlab-audit exists.'
    } else {
        Say "Sending the vault's AuditEvent logs to $workspace..."
        # JSON goes through a file: PowerShell and cmd mangle double quotes in arguments.
        $script:logs_file = [System.IO.Path]::GetTempFileName()
        $logs_file = $script:logs_file
        [System.IO.File]::WriteAllText($logs_file, '[{"category":"AuditEvent","enabled":true}]', [System.Text.UTF8Encoding]::new($false))
        try {
            Invoke-AzMust monitor diagnostic-settings create --name kvlab-audit --resource $vault_id --workspace $workspace_id --logs "@$logs_file" --output none
        } finally {
            Remove-Item -Force $logs_file
        }
    }

    if (Invoke-AzQuery monitor scheduled-query show --name kvlab-unauthorized-secret-get --resource-group $group --query id -o tsv) {
        Say 'Alert kvlab-unauthorized-secret-get exists.'
    } else {
        if (-not (Test-AzNotFound)) { Fail "az monitor scheduled-query failed: $(Get-AzError)$(Get-AzHint)" }
        Say 'Creating alert kvlab-unauthorized-secret-get...'
        Invoke-AzMust monitor scheduled-query create --name kvlab-unauthorized-secret-get --resource-group $group --scopes $workspace_id --condition "count 'UnauthorizedSecretGet' > 0" --condition-query "UnauthorizedSecretGet=$alert_query" --evaluation-frequency 5m --window-size 5m --severity 2 --description "SecretGet on $vault refused: a caller without the right role" --output none
    }
    Say "Diagnostics on: AuditEvent logs go to $workspace (they appear after about 10 minutes); the alert fires on refused SecretGet."
}

function Get-CallerIp {
    if ($script:ip) { return }
    try { $script:ip = "$(Invoke-RestMethod -Uri https://api.ipify.org -TimeoutSec 10)".Trim() } catch { $script:ip = '' }
    if (-not $script:ip) { Fail "could not look up this machine's public IP. Pass it with -Ip ADDRESS." }
}

function Protect-Network {
    Require-Vault
    Get-CallerIp
    $vault = $script:vault; $ip = $script:ip
    if ($ip -notmatch '^[0-9]{1,3}(\.[0-9]{1,3}){3}$') { Fail "'$ip' is not an IPv4 address. Pass one with -Ip ADDRESS." }
    # Allow the caller before denying the rest, so that this machine never locks itself out.
    Invoke-AzMust keyvault network-rule list --name $vault --resource-group $group --query "ipRules[].value" -o tsv
    $rules = @(Get-Lines $script:az_out)
    if ($rules -contains $ip -or $rules -contains "$ip/32") {
        Say "The firewall already allows $ip."
    } else {
        Say "Allowing $ip through the firewall of $vault..."
        Invoke-AzMust keyvault network-rule add --name $vault --resource-group $group --ip-address "$ip/32" --output none
    }
    if ($script:vault_firewall -eq 'Deny') {
        Say 'The firewall already denies other addresses.'
    } else {
        Say 'Denying every other address...'
        Invoke-AzMust keyvault update --name $vault --resource-group $group --default-action Deny --bypass AzureServices --output none
    }
    Say "Only $ip (and trusted Azure services) can reach $vault. If your IP changes, run option 8 (network) again."
}

# ---- App Configuration ---------------------------------------------------------------------------------------
$script:store_id = ''
$script:store_endpoint = ''
function Get-StoreName {
    Get-VaultName
    if (-not $script:store) { $script:store = 'appcs-' + ($script:vault -replace '^kv-', '') }
}

function Find-Store {
    $store = $script:store
    if (-not (Invoke-AzQuery appconfig show --name $store --resource-group $group --query "[id, endpoint]" -o tsv)) {
        if (Test-AzNotFound) { return $false }
        Fail "az appconfig show failed: $(Get-AzError)$(Get-AzHint)"
    }
    $rows = Get-Lines $script:az_out
    $script:store_id, $script:store_endpoint = $rows[0], $rows[1]
    return $true
}

# The course's sample app, as the local store is seeded: key, label ('' for none), value. The Key Vault
# reference and the feature flag have commands of their own.
$sample_settings = @(
    @('OpenAI:Endpoint', '', 'https://kvlab-openai.openai.azure.com/'),
    @('OpenAI:DeploymentName', '', 'gpt-4o-mini'),
    @('OpenAI:DeploymentName', 'production', 'gpt-4o'),
    @('sentinel', '', '1')
)

# Lists the store's keys and labels into $script:az_out, waiting while a fresh role assignment has not reached it.
function List-Settings {
    $store = $script:store
    for ($try = 1; ; $try++) {
        if (Invoke-AzQuery appconfig kv list --name $store --all --auth-mode login --query "[].[key, label]" -o tsv) { return }
        if (-not (Test-AzForbidden)) { Fail "could not list the settings of ${store}: $(Get-AzError)$(Get-AzHint)" }
        if ($try -ge $poll_tries) { Fail "your role on $store has not taken effect yet. Wait a few minutes, then run appconfig again." }
        Say "Waiting for your role on $store to take effect..."
        Start-Sleep -Seconds $poll_seconds
    }
}

function Set-UpAppconfig {
    Require-Vault
    Get-StoreName
    $store = $script:store; $vault = $script:vault
    if ($store -notmatch '^[A-Za-z0-9][A-Za-z0-9-]{3,48}[A-Za-z0-9]$' -or $store -match '--') {
        Fail "'$store' is not a valid App Configuration store name: 5-50 letters, digits and single hyphens. Pass one with -StoreName."
    }
    Ensure-Provider Microsoft.AppConfiguration
    if (Find-Store) {
        Say "App Configuration store $store exists."
    } else {
        Say "Creating App Configuration store $store (Free tier)..."
        Invoke-AzMust appconfig create --name $store --resource-group $group --location $location --sku Free --tags "kvlab=$vault" --output none
        if (-not (Find-Store)) { Fail "store $store was not found after creating it. Run appconfig again in a minute." }
    }

    Get-SignedInUser
    $object_id = $script:object_id; $store_id = $script:store_id
    Invoke-AzMust role assignment list --assignee $object_id --role $appconfig_role --scope $store_id --include-inherited --query "[].id" -o tsv
    if ($script:az_out) {
        Say "You already have $appconfig_role on $store."
    } else {
        $principal_type = if ($script:user_type -eq 'servicePrincipal') { 'ServicePrincipal' } else { 'User' }
        Say "Assigning $appconfig_role on $store to $($script:user_name)..."
        if (-not (Invoke-AzQuery role assignment create --role $appconfig_role --assignee-object-id $object_id --assignee-principal-type $principal_type --scope $store_id --output none)) {
            if ($script:az_err -notmatch 'RoleAssignmentExists') { Fail "az role assignment create failed: $(Get-AzError)$(Get-AzHint)" }
        }
    }

    List-Settings
    $existing = @(Get-Lines $script:az_out)
    # Settings the learner may have changed since are left alone, like the sample secrets.
    foreach ($setting in $sample_settings) {
        $key, $label, $value = $setting
        $shown = if ($label) { "$key ($label)" } else { $key }
        if ($existing -contains "$key`t$(if ($label) { $label } else { 'None' })") {
            Say "Setting $shown exists; left unchanged."
        } elseif (-not $label) {
            Invoke-AzMust appconfig kv set --name $store --key $key --value $value --tags app=kvlab --auth-mode login --yes --output none
            Say "Stored setting $shown."
        } else {
            Invoke-AzMust appconfig kv set --name $store --key $key --label $label --value $value --tags app=kvlab --auth-mode login --yes --output none
            Say "Stored setting $shown."
        }
    }
    if ($existing -contains "OpenAI:ApiKey`tNone") {
        Say 'Key Vault reference OpenAI:ApiKey exists; left unchanged.'
    } else {
        # A versionless reference: the app follows the secret's rotation. The store holds the secret's URI, never its value.
        $reference = "$($script:vault_uri.TrimEnd('/'))/secrets/openai-api-key"
        Invoke-AzMust appconfig kv set-keyvault --name $store --key OpenAI:ApiKey --secret-identifier $reference --tags app=kvlab --auth-mode login --yes --output none
        Say "Stored Key Vault reference OpenAI:ApiKey -> $reference."
    }
    if ($existing -contains ".appconfig.featureflag/EnableSemanticCache`tNone") {
        Say 'Feature flag EnableSemanticCache exists; left unchanged.'
    } else {
        Invoke-AzMust appconfig feature set --name $store --feature EnableSemanticCache --description "Answer repeated prompts from the semantic cache" --auth-mode login --yes --output none
        Say 'Stored feature flag EnableSemanticCache (off).'
    }
    Write-Env
}

function Remove-Group {
    Get-Account
    Invoke-AzMust group exists --name $group
    if ($script:az_out -ne 'true') {
        Say "Resource group $group does not exist: nothing to delete."
        return
    }
    Read-GroupTag
    if (-not $script:group_tag) {
        Fail "resource group $group was not created by this lab (no kvlab tag): nothing was deleted. Check -ResourceGroup; a group of your own you delete yourself (az group delete)."
    }
    Invoke-AzMust resource list --resource-group $group --query "[].[type, name]" -o tsv
    Say "Resource group $group (kvlab=$($script:group_tag)) and everything in it would be deleted:"
    if ($script:az_out) {
        foreach ($row in (Get-Lines $script:az_out)) {
            $type, $name = $row -split "`t", 2
            Say "  $name ($type)"
        }
    } else {
        Say '  (no resources)'
    }
    if (-not $Yes) {
        $answer = $null
        try { $answer = Read-Host "Type the resource group name ($group) to delete it" } catch { $answer = $null }
        if ($null -eq $answer) { Fail "cleanup needs a confirmation. Type the group's name when asked, or pass -Yes to delete resource group $group without asking." }
        # -cne: the name exactly as given, not a case-insensitive look-alike
        if ($answer.Trim() -cne $group) {
            Say "Cancelled: that is not $group, so nothing was deleted."
            return
        }
    }
    Invoke-AzMust group delete --name $group --yes --no-wait
    Say "Deleting resource group $group in the background."
    Say "Its vault stays soft-deleted for 90 days: option 1 (create) recovers it, 'az keyvault purge --name NAME' frees the name."
    # The env files would point at a vault that is gone; files written by the local vault are left alone.
    foreach ($file in @((Join-Path $env_dir '.env'), (Join-Path $env_dir '.env.ps1'))) {
        if ((Test-Path $file) -and (Select-String -Quiet -Pattern '\.vault\.azure\.net' -Path $file)) {
            Remove-Item -Force $file
            Say "Removed $file."
        }
    }
}

# ---- roles -Plan FILE ----------------------------------------------------------------------------------------
# A plan is one assignment a line: principal, role and scope separated by tabs; # starts a comment. The principal
# is what az role assignment create --assignee takes (an object id, a user name, an app id); the scope is `vault`
# or `secrets/<name>`, below this vault's id. Every line is read and checked before anything is assigned.
function Apply-Roles {
    if (-not (Test-Path -LiteralPath $Plan -PathType Leaf)) {
        Fail "cannot read the plan $Plan. Write it with ./jbang access --plan $Plan."
    }
    $planned = @()
    $number = 0
    foreach ($line in (Get-Lines ([System.IO.File]::ReadAllText((Resolve-Path -LiteralPath $Plan))))) {
        $number++
        if ($line -match '^\s*(#|$)') { continue }
        $fields = $line -split "`t"
        if ($fields.Count -ne 3 -or -not $fields[2]) {
            Fail "$Plan line ${number}: expected principal, role and scope separated by tabs. Nothing was assigned."
        }
        $principal, $role, $scope = $fields
        if ($principal -cnotmatch '^[A-Za-z0-9][A-Za-z0-9@._-]*$') {
            Fail "$Plan line ${number}: '$principal' is not a principal (an object id, user or app name). Nothing was assigned."
        }
        if ($plan_roles -cnotcontains $role) {
            Fail "$Plan line ${number}: '$role' is not a Key Vault role a plan may assign ($($plan_roles -join ', ')). Nothing was assigned."
        }
        if ($scope -cne 'vault' -and $scope -cnotmatch '^secrets/[0-9A-Za-z-]{1,127}$') {
            Fail "$Plan line ${number}: scope '$scope' is neither vault nor secrets/<name>. Nothing was assigned."
        }
        $planned += , @($principal, $role, $scope)
    }
    if ($planned.Count -eq 0) { Say "The plan $Plan assigns nothing."; return }
    Require-Vault
    $vault = $script:vault; $vault_id = $script:vault_id
    $assigned = 0; $existing = 0
    foreach ($entry in $planned) {
        $principal, $role, $scope = $entry
        if ($scope -eq 'vault') { $where = "vault $vault"; $scope = $vault_id }
        else { $where = "secret $($scope.Substring(8))"; $scope = "$vault_id/$scope" }
        if (Invoke-AzQuery role assignment create --role $role --assignee $principal --scope $scope --output none) {
            Say "Assigned $role to $principal at $where."
            $assigned++
        } elseif ($script:az_err -match 'RoleAssignmentExists') {
            Say "$principal already has $role at $where."
            $existing++
        } else {
            Fail "az role assignment create for $principal ($role) failed: $(Get-AzError)$(Get-AzHint) $assigned of $($planned.Count) assignments were made; run roles again once fixed (made ones are kept)."
        }
    }
    Say "Role plan applied to ${vault}: $assigned assigned, $existing already there. Roles can take a few minutes to take effect."
}

# ---- commands and menu ---------------------------------------------------------------------------------------
# Runs one command; returns whether it succeeded (status reports a missing piece as $false).
function Invoke-Step([string]$name) {
    switch ($name) {
        'create' { New-Vault }
        'role' { Add-Role }
        'secrets' { Set-Secrets }
        'status' { return (Show-Status) }
        'env' { Write-Env }
        'all' { New-Vault; Add-Role; Set-Secrets; Write-Env }
        'diagnostics' { Enable-Diagnostics }
        'network' { Protect-Network }
        'cleanup' { Remove-Group }
        'appconfig' { Set-UpAppconfig }
        'roles' { Apply-Roles }
    }
    return $true
}

function Show-Menu {
    $steps = @{ '1' = 'create'; '2' = 'role'; '3' = 'secrets'; '4' = 'status'; '5' = 'env'; '7' = 'diagnostics'; '8' = 'network'; '9' = 'cleanup' }
    while ($true) {
        Write-Host @"

Key Vault Secrets Lab: resource group $group, region $location, vault $($script:vault)
  1. Create Key Vault
  2. Assign role
  3. Store secrets
  4. Check deployment status
  5. Retrieve connection info (.env)
  6. Exit
  7. Enable diagnostics (audit logs and alert)
  8. Restrict network access to this machine
  9. Delete the resource group
"@
        $choice = Read-Host 'Select an option'
        if ($null -eq $choice -or $choice -eq '6') { return }
        if (-not $steps.ContainsKey($choice)) { Say 'Please enter a number from 1 to 9.'; continue }
        # A failed step reports its error and returns to the menu.
        try { Invoke-Step $steps[$choice] | Out-Null } catch { [Console]::Error.WriteLine($_.Exception.Message) }
    }
}

if ($Help) { Show-Usage; exit 0 }
if ($Command -and $commands -notcontains $Command) {
    [Console]::Error.WriteLine("Error: unknown command $Command. Run with -Help to see the commands.")
    exit 2
}
if ($Command -eq 'roles' -and -not $Plan) {
    [Console]::Error.WriteLine('Error: roles needs the plan: -Plan FILE (write one with ./jbang access --plan FILE).')
    exit 2
}
if ($Command -ne 'roles' -and $Plan) {
    [Console]::Error.WriteLine("Error: -Plan goes with the roles command: ./azdeploy.ps1 roles -Plan $Plan")
    exit 2
}
try {
    if ($vault -and ($vault -notmatch '^[A-Za-z][A-Za-z0-9-]{1,22}[A-Za-z0-9]$' -or $vault -match '--')) {
        Fail "'$vault' is not a valid vault name: 3-24 letters, digits and single hyphens, starting with a letter."
    }
    Check-Az
    Get-Account
    if (-not $Command) {
        Get-VaultName
        Show-Menu
        exit 0
    }
    if (-not (Invoke-Step $Command)) { exit 1 }
    exit 0
} catch {
    $message = $_.Exception.Message
    if (-not $message.StartsWith('Error:')) { $message = "Error: $message" }
    [Console]::Error.WriteLine($message)
    exit 1
} finally {
    foreach ($file in @($script:secret_file, $script:logs_file)) {
        if ($file -and (Test-Path $file)) { Remove-Item -Force $file }
    }
}
