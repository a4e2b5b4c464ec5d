// Prod: zone-redundant storage, three-year WORM on evidence, purge-protected vault, a warm HTTP instance.
using 'main.bicep'

param environmentName = readEnvironmentVariable('AZURE_ENV_NAME', 'prod')
param location = readEnvironmentVariable('AZURE_LOCATION', 'eastasia')

param storageSku = 'Standard_ZRS'
// Order 117 Art. 16: transaction information kept >= 3 years. Lock the policy once verified; afterwards this
// number may only grow.
param evidenceImmutabilityDays = 1095
param blobSoftDeleteDays = 30
// Cybersecurity Law Art. 21 asks for network logs kept >= 6 months; one year leaves a margin.
param logRetentionDays = 365
param keyVaultPurgeProtection = true
param keyVaultSoftDeleteDays = 90

param functionMaximumInstanceCount = 100
param functionInstanceMemoryMB = 2048
// Pre-live checks are called right before a broadcast starts; one warm instance removes the cold start.
param functionAlwaysReadyHttpInstances = 1

// Normally empty: an operator sets the secret in Key Vault (see infra/README.md). Nobody gets standing
// Secrets Officer rights in prod.
param identityHashKey = readEnvironmentVariable('IDENTITY_HASH_KEY', '')
param hashKeyOperatorPrincipalId = ''

// Microsoft Entra ID: the tenant that issues the platforms' tokens and this API's audience (infra/README.md).
param authAuthority = readEnvironmentVariable('AUTH_AUTHORITY', '')
param authAudience = readEnvironmentVariable('AUTH_AUDIENCE', '')
