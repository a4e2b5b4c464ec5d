// Key Vault holds the one secret the app needs: the key that turns resident ID numbers into stable,
// non-reversible identifiers. Access is by Azure RBAC only; no access policies.

import { ResourceTags } from 'types.bicep'

param name string

param location string

param tags ResourceTags

@description('Purge protection cannot be switched off once on; enable it for prod only.')
param enablePurgeProtection bool

@description('Days a deleted vault or secret stays recoverable (7-90).')
@minValue(7)
@maxValue(90)
param softDeleteRetentionDays int

@secure()
@description('Value for the identity-hash-key secret. Empty: the secret is not touched and an operator sets it.')
param identityHashKey string

var identityHashKeySecretName = 'identity-hash-key'

resource vault 'Microsoft.KeyVault/vaults@2024-11-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: softDeleteRetentionDays
    // ARM rejects an explicit false here, so dev leaves the property out instead.
    enablePurgeProtection: enablePurgeProtection ? true : null
    enabledForDeployment: false
    enabledForDiskEncryption: false
    enabledForTemplateDeployment: false
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
  }
}

// Created only when a value is supplied, so a redeploy without the value never overwrites the key an
// operator set (re-keying changes every pseudonymous identifier the app has stored).
resource identityHashKeySecret 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = if (!empty(identityHashKey)) {
  parent: vault
  name: identityHashKeySecretName
  properties: {
    value: identityHashKey
    contentType: 'text/plain'
  }
}

output name string = vault.name
output id string = vault.id
output uri string = vault.properties.vaultUri
// Versionless: the app setting resolves to the current version, so the secret may be set after deployment.
output identityHashKeySecretUri string = '${vault.properties.vaultUri}secrets/${identityHashKeySecretName}/'
