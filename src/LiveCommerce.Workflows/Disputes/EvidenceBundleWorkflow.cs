using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace LiveCommerce.Workflows.Disputes;

/// <summary>
/// The evidence bundle of a consumer dispute (the contract's "Consumer dispute evidence"): gathers each kind of
/// evidence in parallel (one activity per <see cref="EvidenceSource"/>), writes them into one BagIt bag in Blob
/// storage, and records the outcome and what was included on the dispute and in its chain of custody.
/// </summary>
[DurableTask(Name)]
public sealed class EvidenceBundleWorkflow : TaskOrchestrator<EvidenceBundleInput, EvidenceBundleResult>
{
    public const string Name = "EvidenceBundle";

    private static readonly TaskOptions Retry = TaskOptions.FromRetryPolicy(new RetryPolicy(3, TimeSpan.FromSeconds(2), backoffCoefficient: 2));

    /// <summary>One bundle per platform and dispute: asking again starts nothing new.</summary>
    public static string InstanceIdFor(string platform, string disputeId) => $"bundle:{platform}:{disputeId}";

    public override async Task<EvidenceBundleResult> RunAsync(TaskOrchestrationContext context, EvidenceBundleInput input)
    {
        var log = context.CreateReplaySafeLogger<EvidenceBundleWorkflow>();
        context.SetCustomStatus("assembling");
        try
        {
            var gathered = await Task.WhenAll(Enum.GetValues<EvidenceSource>().Select(source =>
                context.CallActivityAsync<EvidenceGathered>(GatherEvidenceActivity.Name, new GatherRequest(input, source), Retry)));
            var request = new AssembleRequest(input, [.. gathered.SelectMany(g => g.Items)], [.. gathered.SelectMany(g => g.Missing)]);

            var bundle = await context.CallActivityAsync<AssembledBundle>(AssembleBundleActivity.Name, request, Retry);
            await context.CallActivityAsync<bool>(RecordBundleActivity.Name, new BundleOutcome(input, context.InstanceId, bundle, null), Retry);
            log.LogInformation(
                "Evidence bundle of dispute {DisputeId} on {Platform}: {Items} items, {Missing} missing, sha256 {Sha256}",
                input.DisputeId, input.Platform, bundle.Items.Count, bundle.Missing.Count, bundle.BundleSha256);
            context.SetCustomStatus(EvidenceBundleResult.Ready);
            return new EvidenceBundleResult(EvidenceBundleResult.Ready, bundle.BundleSha256);
        }
        catch (TaskFailedException failure)
        {
            log.LogWarning("Evidence bundle of dispute {DisputeId} on {Platform} failed: {Message}", input.DisputeId, input.Platform, failure.Message);
            await context.CallActivityAsync<bool>(RecordBundleActivity.Name, new BundleOutcome(input, context.InstanceId, null, failure.Message), Retry);
            context.SetCustomStatus(EvidenceBundleResult.Failed);
            return new EvidenceBundleResult(EvidenceBundleResult.Failed, null);
        }
    }
}
