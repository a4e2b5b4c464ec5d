// Entry point for `azd provision` and for pipeline deployments (`az deployment sub create`).
// Subscription scope so the resource group is part of the template and a fresh environment needs no
// manual step. Per-environment values come from main.dev.bicepparam / main.prod.bicepparam.
targetScope = 'subscription'

@description('azd environment name; part of every resource name, so several environments share a subscription.')
@minLength(1)
@maxLength(20)
param environmentName string

@description('Azure region for all resources.')
param location string

@description('Storage redundancy: Standard_LRS for dev, Standard_ZRS for prod.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
])
param storageSku string

@description('Retention lock on transaction evidence, days since creation. Prod: 1,095 (Order 117 Art. 16).')
@minValue(1)
@maxValue(146000)
param evidenceImmutabilityDays int

@description('Days deleted blobs and containers stay recoverable.')
@minValue(1)
@maxValue(365)
param blobSoftDeleteDays int

@description('Log Analytics retention in days.')
@minValue(30)
@maxValue(730)
param logRetentionDays int

@description('Key Vault purge protection; irreversible once enabled.')
param keyVaultPurgeProtection bool

@description('Days a deleted vault or secret stays recoverable.')
@minValue(7)
@maxValue(90)
param keyVaultSoftDeleteDays int

@description('Flex Consumption scale-out ceiling.')
@minValue(1)
@maxValue(1000)
param functionMaximumInstanceCount int

@description('Memory per Flex Consumption instance.')
@allowed([
  512
  2048
  4096
])
param functionInstanceMemoryMB int

@description('Always-ready instances for HTTP triggers.')
@minValue(0)
param functionAlwaysReadyHttpInstances int

@description('Entra ID authority that issues the platforms\' tokens, e.g. https://login.microsoftonline.com/<tenant>/v2.0 (21Vianet: https://login.partner.microsoftonline.cn/<tenant>/v2.0). See infra/README.md, Authentication.')
param authAuthority string = ''

@description('The audience of those tokens: this API\'s Application ID URI (api://...) or client id.')
param authAudience string = ''

@description('Region of the compliance console (Azure Static Web Apps, offered in a few regions only).')
param consoleLocation string = 'eastasia'

@description('Static Web Apps plan of the console.')
@allowed([
  'Free'
  'Standard'
])
param consoleSku string = 'Free'

@secure()
@description('Identity hash key. Empty: the Key Vault secret is left to an operator.')
param identityHashKey string = ''

@description('Object ID granted Key Vault Secrets Officer so it can set the hash key. Empty: nobody.')
param hashKeyOperatorPrincipalId string = ''

// Same environment + subscription + region always yields the same names; a new environment gets new ones.
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = {
  'azd-env-name': environmentName
  workload: 'livecommerce-functions'
}

var names = {
  resourceGroup: 'rg-livecommerce-${environmentName}'
  storage: 'stlc${resourceToken}'
  logAnalytics: 'log-lc-${resourceToken}'
  applicationInsights: 'appi-lc-${resourceToken}'
  keyVault: 'kv-lc-${resourceToken}'
  plan: 'plan-lc-${resourceToken}'
  functionApp: 'func-lc-${resourceToken}'
  deploymentContainer: 'app-package-${resourceToken}'
}

resource resourceGroup 'Microsoft.Resources/resourceGroups@2024-11-01' = {
  name: names.resourceGroup
  location: location
  tags: tags
}

module storage 'modules/storage.bicep' = {
  scope: resourceGroup
  params: {
    name: names.storage
    location: location
    tags: tags
    skuName: storageSku
    evidenceImmutabilityDays: evidenceImmutabilityDays
    softDeleteDays: blobSoftDeleteDays
    deploymentContainerName: names.deploymentContainer
  }
}

module monitoring 'modules/monitoring.bicep' = {
  scope: resourceGroup
  params: {
    logAnalyticsName: names.logAnalytics
    applicationInsightsName: names.applicationInsights
    location: location
    tags: tags
    logRetentionDays: logRetentionDays
  }
}

module keyVault 'modules/keyvault.bicep' = {
  scope: resourceGroup
  params: {
    name: names.keyVault
    location: location
    tags: tags
    enablePurgeProtection: keyVaultPurgeProtection
    softDeleteRetentionDays: keyVaultSoftDeleteDays
    identityHashKey: identityHashKey
  }
}

module functionApp 'modules/functionapp.bicep' = {
  scope: resourceGroup
  params: {
    planName: names.plan
    appName: names.functionApp
    location: location
    tags: tags
    storageAccountName: storage.outputs.name
    deploymentContainerUrl: storage.outputs.deploymentContainerUrl
    applicationInsightsConnectionString: monitoring.outputs.applicationInsightsConnectionString
    identityHashKeySecretUri: keyVault.outputs.identityHashKeySecretUri
    authAuthority: authAuthority
    authAudience: authAudience
    maximumInstanceCount: functionMaximumInstanceCount
    instanceMemoryMB: functionInstanceMemoryMB
    alwaysReadyHttpInstances: functionAlwaysReadyHttpInstances
  }
}

module roleAssignments 'modules/role-assignments.bicep' = {
  scope: resourceGroup
  params: {
    appPrincipalId: functionApp.outputs.principalId
    hashKeyOperatorPrincipalId: hashKeyOperatorPrincipalId
    storageAccountName: storage.outputs.name
    keyVaultName: keyVault.outputs.name
    applicationInsightsName: monitoring.outputs.applicationInsightsName
  }
}

module complianceConsole 'modules/staticwebapp.bicep' = {
  name: 'compliance-console'
  scope: resourceGroup
  params: {
    name: 'stapp-lc-${resourceToken}'
    location: consoleLocation
    tags: tags
    sku: consoleSku
  }
}

// azd copies these outputs into the environment (.azure/<env>/.env).
output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = resourceGroup.name
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name
output AZURE_FUNCTION_APP_URL string = 'https://${functionApp.outputs.defaultHostName}'
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output AZURE_KEY_VAULT_ENDPOINT string = keyVault.outputs.uri
output APPLICATIONINSIGHTS_CONNECTION_STRING string = monitoring.outputs.applicationInsightsConnectionString
output AZURE_CONSOLE_URL string = 'https://${complianceConsole.outputs.defaultHostName}'
