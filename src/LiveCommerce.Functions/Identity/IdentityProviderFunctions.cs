using LiveCommerce.Functions.Workflows;
using LiveCommerce.Http.Identity.Providers;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace LiveCommerce.Functions.Identity;

/// <summary>The contract's "Identity-provider results": anonymous at the host, the provider's signature is the credential.</summary>
public sealed class IdentityProviderFunctions(IdentityProviderEndpoints providers)
{
    [Function("IdentityProviderResult")]
    public Task<IResult> PostResult(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "identity-providers/{provider}/results")] HttpRequest request,
        string provider,
        [DurableClient] DurableTaskClient durable) => providers.PostResult(request, provider, new DurableWorkflowClient(durable));
}
