// Data-plane roles for the Function App's system-assigned identity, each on the narrowest resource that
// works. Names are guid(scope, principal, role) so a redeploy finds the same assignment instead of adding one.

@description('Object ID of the Function App\'s system-assigned identity.')
param appPrincipalId string

@description('Optional user or group allowed to set the identity hash key (Key Vault Secrets Officer). Empty: none.')
param hashKeyOperatorPrincipalId string

param storageAccountName string

param keyVaultName string

param applicationInsightsName string

// Built-in role definition IDs (identical in every Azure cloud).
var roles = {
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6'
  keyVaultSecretsOfficer: 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7'
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb'
}

// Blob Data Owner (not Contributor): the host manages blob leases and the Flex deployment container, and the
// app sets blob index tags (`workflowState`), which Contributor cannot. Queue Data Contributor covers the
// `background-checks` trigger (receive, delete, move to `background-checks-poison`), the app's own sends and the
// task hub's control and work-item queues; Table Data Contributor the task hub's Instances and History tables
// and the app's tables.
var storageRoles = [
  roles.storageBlobDataOwner
  roles.storageQueueDataContributor
  roles.storageTableDataContributor
]

resource storageAccount 'Microsoft.Storage/storageAccounts@2025-06-01' existing = {
  name: storageAccountName
}

resource keyVault 'Microsoft.KeyVault/vaults@2024-11-01' existing = {
  name: keyVaultName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource storageAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for roleId in storageRoles: {
    scope: storageAccount
    name: guid(storageAccount.id, appPrincipalId, roleId)
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleId)
      principalId: appPrincipalId
      principalType: 'ServicePrincipal'
    }
  }
]

// Needed to resolve the @Microsoft.KeyVault(...) reference in Identity__HashKey.
resource keyVaultSecretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: keyVault
  name: guid(keyVault.id, appPrincipalId, roles.keyVaultSecretsUser)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsUser)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// Entra-authenticated telemetry ingestion (Application Insights has local auth disabled).
resource monitoringMetricsPublisher 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: applicationInsights
  name: guid(applicationInsights.id, appPrincipalId, roles.monitoringMetricsPublisher)
  properties: {
    roleDefinitionId: subscriptionResourceId(
      'Microsoft.Authorization/roleDefinitions',
      roles.monitoringMetricsPublisher
    )
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// With RBAC-mode Key Vault even a subscription Owner cannot write secrets; this lets the person who runs
// `azd up` in dev set the hash key. Prod leaves it empty and grants the role through PIM.
resource keyVaultSecretsOfficer 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(hashKeyOperatorPrincipalId)) {
  scope: keyVault
  name: guid(keyVault.id, hashKeyOperatorPrincipalId, roles.keyVaultSecretsOfficer)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsOfficer)
    principalId: hashKeyOperatorPrincipalId
  }
}
