// Dev: cheap, disposable, same lifecycle rules as prod (they are in the storage module, not here).
// azd compiles this file with the azd environment's variables in scope (azure.yaml: infra.module).
using 'main.bicep'

param environmentName = readEnvironmentVariable('AZURE_ENV_NAME', 'dev')
param location = readEnvironmentVariable('AZURE_LOCATION', 'eastasia')

param storageSku = 'Standard_LRS'
// One day: the WORM policy and its append-only behaviour are exercised, and test data stops blocking
// deletes and teardown a day after it was written.
param evidenceImmutabilityDays = 1
param blobSoftDeleteDays = 7
param logRetentionDays = 30
// Without purge protection `azd down --purge` can free the vault name for the next environment.
param keyVaultPurgeProtection = false
param keyVaultSoftDeleteDays = 7

param functionMaximumInstanceCount = 40
param functionInstanceMemoryMB = 2048
param functionAlwaysReadyHttpInstances = 0

// `azd env set IDENTITY_HASH_KEY <value>` creates the secret; otherwise set it in Key Vault yourself.
param identityHashKey = readEnvironmentVariable('IDENTITY_HASH_KEY', '')
// azd provides the signed-in user's object ID, so the developer can set the hash key in dev.
param hashKeyOperatorPrincipalId = readEnvironmentVariable('AZURE_PRINCIPAL_ID', '')

// Microsoft Entra ID: the tenant that issues the platforms' tokens and this API's audience (infra/README.md).
param authAuthority = readEnvironmentVariable('AUTH_AUTHORITY', '')
param authAudience = readEnvironmentVariable('AUTH_AUDIENCE', '')
