// The API and its workflows run as one .NET 10 isolated-worker Function App on the Flex Consumption plan.
// Every connection is identity-based (system-assigned identity); no secret appears in an app setting.

import { ResourceTags } from 'types.bicep'

param planName string

param appName string

param location string

param tags ResourceTags

param storageAccountName string

@description('Blob container URL the plan deploys the app package from.')
param deploymentContainerUrl string

param applicationInsightsConnectionString string

@description('Versionless Key Vault secret URI of the identity hash key.')
param identityHashKeySecretUri string

@description('Upper bound on scale-out; caps cost and the load the app can put on storage during a big live sale.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int

@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int

@description('Instances kept warm for HTTP triggers, so pre-live checks do not wait on a cold start. 0 = none.')
@minValue(0)
param alwaysReadyHttpInstances int

resource plan 'Microsoft.Web/serverfarms@2024-11-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

// Flex Consumption rejects FUNCTIONS_WORKER_RUNTIME, FUNCTIONS_EXTENSION_VERSION, WEBSITE_RUN_FROM_PACKAGE and
// the WEBSITE_CONTENT* settings: the runtime and the package location live in functionAppConfig instead.
@description('Auth:Authority: the Entra ID tenant that issues the platforms\' bearer tokens (OIDC metadata).')
param authAuthority string

@description('Auth:Audience: this API\'s Application ID URI or client id.')
param authAudience string

var appSettings = {
  // Host storage over the app's identity: the Durable task hub (tables, queues, blob leases), timer and
  // singleton locks, and the `background-checks` queue trigger, which binds to AzureWebJobsStorage. `credential`
  // without a `clientId` selects the system-assigned identity.
  AzureWebJobsStorage__accountName: storageAccountName
  AzureWebJobsStorage__credential: 'managedidentity'
  Storage__AccountName: storageAccountName
  Identity__HashKey: '@Microsoft.KeyVault(SecretUri=${identityHashKeySecretUri})'
  APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsightsConnectionString
  // Application Insights has local auth disabled: the host sends telemetry with an Entra token of the
  // system-assigned identity (role: Monitoring Metrics Publisher).
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'Authorization=AAD'
  Disputes__ResponseWorkingDays: '7'
  DurableTask__HubName: 'LiveCommerceHub'
  // Bearer tokens from Entra ID only: no Auth__DevelopmentSigningKey here (the app refuses to start with one).
  Auth__Authority: authAuthority
  Auth__Audience: authAudience
}

resource app 'Microsoft.Web/sites@2025-03-01' = {
  name: appName
  location: location
  // azd finds the deployment target of service `api` by this tag.
  tags: union(tags, { 'azd-service-name': 'api' })
  kind: 'functionapp,linux'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    publicNetworkAccess: 'Enabled'
    siteConfig: {
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      appSettings: [
        for setting in items(appSettings): {
          name: setting.key
          value: setting.value
        }
      ]
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: deploymentContainerUrl
          authentication: {
            type: 'SystemAssignedIdentity'
          }
        }
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
        alwaysReady: alwaysReadyHttpInstances > 0
          ? [
              {
                name: 'http'
                instanceCount: alwaysReadyHttpInstances
              }
            ]
          : []
      }
    }
  }
}

// Deployments authenticate with Entra ID (azd uses the signed-in identity); publishing passwords stay off.
resource ftpCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: app
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: app
  name: 'scm'
  properties: {
    allow: false
  }
}

output name string = app.name
output principalId string = app.identity.principalId
output defaultHostName string = app.properties.defaultHostName
