// Workspace-based Application Insights. Local (instrumentation-key) ingestion is disabled: telemetry must
// carry an Entra token, which is why the app is granted Monitoring Metrics Publisher on this component.

import { ResourceTags } from 'types.bicep'

param logAnalyticsName string

param applicationInsightsName string

param location string

param tags ResourceTags

@description('Log Analytics retention. Prod keeps >= 6 months of logs (Cybersecurity Law Art. 21).')
@minValue(30)
@maxValue(730)
param logRetentionDays int

resource workspace 'Microsoft.OperationalInsights/workspaces@2025-02-01' = {
  name: logAnalyticsName
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: logRetentionDays
    features: {
      // Queries must go through Entra RBAC on the workspace or resource, not workspace keys.
      disableLocalAuth: true
      enableLogAccessUsingOnlyResourcePermissions: true
    }
  }
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: applicationInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    IngestionMode: 'LogAnalytics'
    DisableLocalAuth: true
  }
}

output applicationInsightsName string = applicationInsights.name
output applicationInsightsId string = applicationInsights.id
// A connection string identifies the resource; with local auth disabled it grants nothing on its own.
output applicationInsightsConnectionString string = applicationInsights.properties.ConnectionString
output logAnalyticsWorkspaceId string = workspace.id
