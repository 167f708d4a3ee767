// Azure Bot (single-tenant) + Linux App Service running the bot, with the Teams channel switched on.
// Deploy:  az deployment group create -g <group> -f azure-bot.bicep \
//            -p appId=<app id> tenantId=<tenant id> appPassword=<secret> botName=<unique name>
// The secret is a @secure() parameter: it goes into the App Service's settings (Teams__AppPassword), never a file.

@description('Globally unique name of the Azure Bot resource; the web app is named after it.')
param botName string

@description('Microsoft App Id (client id) of the single-tenant Entra app registration of the bot.')
param appId string

@description('Entra tenant id where the app registration lives (and whose Teams users talk to the bot).')
param tenantId string

@secure()
@description('Client secret of the app registration. Becomes Teams__AppPassword in the App Service settings.')
param appPassword string

@description('Messaging endpoint the Bot Connector posts to. Default: the web app created here.')
param endpoint string = ''

@description('Region of the App Service. The Azure Bot resource itself is global.')
param location string = resourceGroup().location

@allowed([ 'F0', 'S1' ])
@description('Azure Bot pricing tier: F0 (free, standard channels such as Teams are free anyway) or S1.')
param botSku string = 'F0'

@description('App Service plan tier.')
param appServiceSku string = 'B1'

var webAppName = '${botName}-app'
var messagingEndpoint = empty(endpoint) ? 'https://${webAppName}.azurewebsites.net/api/messages' : endpoint

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: '${botName}-plan'
  location: location
  kind: 'linux'
  sku: { name: appServiceSku }
  properties: { reserved: true }
}

resource web 'Microsoft.Web/sites@2023-12-01' = {
  name: webAppName
  location: location
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      linuxFxVersion: 'DOTNETCORE|10.0'
      alwaysOn: true
      minTlsVersion: '1.2'
      healthCheckPath: '/healthz'
      appSettings: [
        { name: 'ASPNETCORE_ENVIRONMENT', value: 'Production' }
        { name: 'Urls', value: 'http://0.0.0.0:8080' }
        { name: 'WEBSITES_PORT', value: '8080' }
        { name: 'Storage__DataDirectory', value: '/home/data' }
        // Fewer garbage collections under load for about 50 MB more memory (deploymentTemplates/README.md, "Runtime").
        { name: 'DOTNET_GCgen0size', value: '0x4000000' }
        { name: 'Teams__AppId', value: appId }
        { name: 'Teams__TenantId', value: tenantId }
        { name: 'Teams__AppPassword', value: appPassword }
      ]
    }
  }
}

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: botName
  location: 'global'
  kind: 'azurebot'
  sku: { name: botSku }
  properties: {
    displayName: '物业客服值班助手'
    endpoint: messagingEndpoint
    msaAppId: appId
    msaAppType: 'SingleTenant' // new multi-tenant registrations are no longer possible (botframework.md §0, §3.3)
    msaAppTenantId: tenantId
  }
}

resource teams 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: { isEnabled: true }
  }
}

output messagingEndpoint string = messagingEndpoint
output webAppHost string = web.properties.defaultHostName
