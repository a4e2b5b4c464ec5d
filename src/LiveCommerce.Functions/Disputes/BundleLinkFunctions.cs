using LiveCommerce.Http.Disputes;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace LiveCommerce.Functions.Disputes;

/// <summary>A read-only link to a ready evidence bundle, minted on request and recorded in the chain of custody.</summary>
public sealed class BundleLinkFunctions(BundleEndpoints bundles)
{
    [Function("EvidenceBundleLink")]
    public Task<IResult> MintLink(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "disputes/{disputeId}/evidence-bundles/links")] HttpRequest request,
        string disputeId) => bundles.MintLink(request, disputeId);
}
