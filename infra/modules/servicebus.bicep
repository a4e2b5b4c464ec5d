// Service Bus carries the work that must survive restarts and be retried a bounded number of times:
// background checks on marketers and escalations of filings that are about to miss their deadline.

import { ResourceTags } from 'types.bicep'

param name string

param location string

param tags ResourceTags

var queueNames = [
  'background-checks'
  'filing-escalations'
]

resource namespace 'Microsoft.ServiceBus/namespaces@2024-01-01' = {
  name: name
  location: location
  tags: tags
  sku: {
    name: 'Standard'
    tier: 'Standard'
  }
  properties: {
    // Entra ID only: no SAS keys exist that could leak into a settings file.
    disableLocalAuth: true
    minimumTlsVersion: '1.2'
    publicNetworkAccess: 'Enabled'
  }
}

resource queues 'Microsoft.ServiceBus/namespaces/queues@2024-01-01' = [
  for queueName in queueNames: {
    parent: namespace
    name: queueName
    properties: {
      // A handler gets one minute per attempt (the trigger renews the lock while it runs) and five attempts;
      // then the message is dead-lettered for an operator instead of retrying forever.
      lockDuration: 'PT1M'
      maxDeliveryCount: 5
      // A check or escalation nobody processed in 14 days is stale; keep it in the dead-letter queue as
      // evidence of the miss rather than dropping it.
      defaultMessageTimeToLive: 'P14D'
      deadLetteringOnMessageExpiration: true
    }
  }
]

output name string = namespace.name
output id string = namespace.id
// serviceBusEndpoint is https://<host>:443/; the trigger's identity connection wants the bare host, whose
// suffix differs between clouds (servicebus.windows.net, servicebus.chinacloudapi.cn).
output fullyQualifiedNamespace string = split(split(namespace.properties.serviceBusEndpoint, '/')[2], ':')[0]
