// The compliance console (src/compliance-console): static files only, no server code and no personal data; it calls
// the Function App's API with the signed-in person's Entra ID token. azd deploys the built dist/ to it.
import { ResourceTags } from 'types.bicep'

@description('Static Web App name.')
param name string

@description('Static Web Apps regions are few (e.g. eastasia); the console holds no data, so it need not sit beside the API.')
param location string

param tags ResourceTags

@description('Free has no SLA and no custom authentication; Standard adds them.')
@allowed([
  'Free'
  'Standard'
])
param sku string

resource console 'Microsoft.Web/staticSites@2024-04-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': 'console' })
  sku: {
    name: sku
    tier: sku
  }
  properties: {
    // Deployed by azd (or a pipeline) with the site's deployment token, not from a linked repository.
    allowConfigFileUpdates: true
    stagingEnvironmentPolicy: 'Disabled'
    publicNetworkAccess: 'Enabled'
  }
}

output name string = console.name
output defaultHostName string = console.properties.defaultHostname
