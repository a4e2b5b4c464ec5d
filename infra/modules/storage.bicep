// One StorageV2 account holds the Functions host state (Durable task hub, deployment package) and the
// application's own tables, blob containers and queues. Only Entra ID can reach it: shared keys are off.

import { ResourceTags } from 'types.bicep'

@description('Storage account name (3-24 lowercase letters and digits).')
@minLength(3)
@maxLength(24)
param name string

param location string

param tags ResourceTags

@description('Standard_LRS for dev; Standard_ZRS keeps prod evidence available through a zone outage.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
])
param skuName string

@description('Time-based retention on the evidence container, in days since each blob was created.')
@minValue(1)
@maxValue(146000)
param evidenceImmutabilityDays int

@description('Days a deleted blob or container can still be restored.')
@minValue(1)
@maxValue(365)
param softDeleteDays int

@description('Blob container the Flex Consumption plan deploys the app package from.')
param deploymentContainerName string

// Tables the application owns. Azure Tables have no lifecycle management: rows the law says to keep
// (verification records, Order 117 Arts 27-28: >= 3 years after the live) are swept by the app, not here.
var tableNames = [
  'qualification'
  'subjects'
  'livesessions'
  'screening'
  'workflows'
  'keyrooms'
  'disputes'
  'filings'
  'calendars'
  'idempotency'
  'listings'
  'identitychallenges'
]

// `live-content` is not WORM-protected on purpose: its `standard/` prefix must be deletable after 60 days,
// which a container-level retention policy would forbid.
var containerNames = [
  'negative-lists'
  'evidence'
  'bundles'
  'workflow-payloads'
  'idempotency'
  'live-content'
  'inspection-days'
  deploymentContainerName
]

// `background-checks-poison` is created up front (the queue trigger would create it on first poison message)
// so that an alert can watch it from day one.
var queueNames = [
  'background-checks'
  'background-checks-poison'
  'filing-escalations'
]

// Three years is the longest statutory minimum that applies to what this account stores:
// Order 117 Art. 16 (transaction info incl. replay and interaction, >= 3 years from transaction completion),
// Arts 27/28/31 (verification and correction records, >= 3 years after the live), E-Commerce Law Art. 31.
var threeYearsInDays = 1095

// Blob age in lifecycle rules counts from the last write, which for transaction evidence is the capture
// during or right after the live, before the transaction completes (delivery, 7-day returns, after-sales).
// The margin keeps "3 years from completion" true for transactions that close up to 180 days after capture.
var transactionCompletionMarginDays = 180

resource account 'Microsoft.Storage/storageAccounts@2025-06-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: skuName
  }
  properties: {
    accessTier: 'Hot'
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowCrossTenantReplication: false
    // Flex Consumption without VNet integration reaches the account over its public endpoint; access is
    // still Entra-only. Private endpoints are a follow-up (see infra/README.md).
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
    // Queue and table keys are account-scoped so a customer-managed key can later cover them too; the key
    // type can only be chosen when the account is created.
    encryption: {
      keySource: 'Microsoft.Storage'
      services: {
        blob: {
          enabled: true
        }
        file: {
          enabled: true
        }
        queue: {
          enabled: true
          keyType: 'Account'
        }
        table: {
          enabled: true
          keyType: 'Account'
        }
      }
    }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2025-06-01' = {
  parent: account
  name: 'default'
  properties: {
    deleteRetentionPolicy: {
      enabled: true
      days: softDeleteDays
    }
    containerDeleteRetentionPolicy: {
      enabled: true
      days: softDeleteDays
    }
  }
}

resource containers 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-06-01' = [
  for containerName in containerNames: {
    parent: blobService
    name: containerName
    properties: {
      publicAccess: 'None'
    }
  }
]

// Container-level rather than version-level immutability:
// - version-level WORM needs blob versioning on the whole account, so every overwrite of workflow payloads or
//   negative lists would be kept as a version and billed; evidence blobs are written once anyway;
// - one container-level policy is a single object to audit and, once verified, to lock
//   (`az storage container immutability-policy lock`); ARM deploys it unlocked.
// Version-level WORM would allow a per-blob expiry set at transaction completion, which matches Order 117
// Art. 16 more exactly; that is the upgrade path if the fixed margin below proves too coarse.
// After the policy is locked, ARM can only extend the period: raise evidenceImmutabilityDays, never lower it.
resource evidenceImmutability 'Microsoft.Storage/storageAccounts/blobServices/containers/immutabilityPolicies@2025-06-01' = {
  parent: containers[indexOf(containerNames, 'evidence')]
  name: 'default'
  properties: {
    immutabilityPeriodSinceCreationInDays: evidenceImmutabilityDays
    // Chat/barrage and live interaction logs are append blobs: new blocks may be appended, nothing
    // already written can change or be deleted.
    allowProtectedAppendWrites: true
  }
}

// Lifecycle rules delete data once its legal minimum has passed; they never delete earlier. Rules here must
// use disjoint prefixes: when two rules match one blob, the cheapest action (delete) wins.
resource lifecycle 'Microsoft.Storage/storageAccounts/managementPolicies@2025-06-01' = {
  parent: account
  name: 'default'
  properties: {
    policy: {
      rules: [
        {
          // Non-commerce live content and its logs: 60 days is the floor of the 2016 CAC Provisions on
          // Internet Live-Streaming Services Art. 16. Live content of a room that sells goods is transaction
          // information (Order 117 Art. 16) and belongs in `evidence`, not here.
          name: 'live-content-60-days'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: {
              blobTypes: [
                'blockBlob'
                'appendBlob'
              ]
              prefixMatch: [
                'live-content/standard/'
              ]
            }
            actions: {
              baseBlob: {
                delete: {
                  daysAfterModificationGreaterThan: 60
                }
              }
            }
          }
        }
        {
          // Key rooms: the 2021 Measures Art. 11 asks for "extended" retention without a number; three years
          // aligns them with Order 117 Art. 16 so a key room's content outlives any dispute over its sales.
          name: 'key-room-content-3-years'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: {
              blobTypes: [
                'blockBlob'
                'appendBlob'
              ]
              prefixMatch: [
                'live-content/keyrooms/'
              ]
            }
            actions: {
              baseBlob: {
                delete: {
                  daysAfterModificationGreaterThan: threeYearsInDays
                }
              }
            }
          }
        }
        {
          // Transaction evidence (replay, interaction, order snapshot, payment, logistics, after-sales):
          // Order 117 Art. 16 and E-Commerce Law Art. 31, >= 3 years from transaction completion, plus the
          // completion margin. The immutability policy blocks any earlier delete regardless of this rule.
          name: 'transaction-evidence-3-years-after-completion'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: {
              blobTypes: [
                'blockBlob'
                'appendBlob'
              ]
              prefixMatch: [
                'evidence/'
              ]
            }
            actions: {
              baseBlob: {
                delete: {
                  daysAfterModificationGreaterThan: threeYearsInDays + transactionCompletionMarginDays
                }
              }
            }
          }
        }
        {
          // Dispute bundles are copies assembled from evidence for a consumer or platform (Order 117 Art. 18);
          // they are kept as long as the evidence they were built from must be.
          name: 'dispute-bundles-3-years'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: {
              blobTypes: [
                'blockBlob'
              ]
              prefixMatch: [
                'bundles/'
              ]
            }
            actions: {
              baseBlob: {
                delete: {
                  daysAfterModificationGreaterThan: threeYearsInDays
                }
              }
            }
          }
        }
        {
          // Workflow payloads are working copies, not records. Lifecycle rules cannot see when a workflow
          // completes, so the app must tag a payload `workflowState=completed` when its workflow ends; untagged
          // payloads (running workflows, or an app that never tags) are never deleted. Age still counts from
          // the blob's last write, not from the tagging: a payload last written N days before completion goes
          // N days before "90 days after completion". Writing the final payload at completion removes the gap.
          name: 'workflow-payloads-90-days-after-completion'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: {
              blobTypes: [
                'blockBlob'
              ]
              prefixMatch: [
                'workflow-payloads/'
              ]
              blobIndexMatch: [
                {
                  name: 'workflowState'
                  op: '=='
                  value: 'completed'
                }
              ]
            }
            actions: {
              baseBlob: {
                delete: {
                  daysAfterModificationGreaterThan: 90
                }
              }
            }
          }
        }
      ]
    }
  }
}

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2025-06-01' = {
  parent: account
  name: 'default'
}

resource tables 'Microsoft.Storage/storageAccounts/tableServices/tables@2025-06-01' = [
  for tableName in tableNames: {
    parent: tableService
    name: tableName
  }
]

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2025-06-01' = {
  parent: account
  name: 'default'
}

resource queues 'Microsoft.Storage/storageAccounts/queueServices/queues@2025-06-01' = [
  for queueName in queueNames: {
    parent: queueService
    name: queueName
  }
]

output name string = account.name
output id string = account.id
output blobEndpoint string = account.properties.primaryEndpoints.blob
output deploymentContainerUrl string = '${account.properties.primaryEndpoints.blob}${deploymentContainerName}'
