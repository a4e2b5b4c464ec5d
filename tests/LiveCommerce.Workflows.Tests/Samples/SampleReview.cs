using LiveCommerce.Workflows;
using Microsoft.Extensions.Logging;

namespace LiveCommerce.Workflows.Tests.Samples;

public sealed record ReviewRequest(string MerchantId, IReadOnlyList<string> Items);

public sealed record Approval(bool Approved, string Reviewer);

public sealed record ReviewOutcome(string Standing, int ScreenedItems, string Decision);

/// <summary>
/// The shape of a pre-live check: two activities, a human approval (an external event with a durable-timer timeout),
/// then a last activity. Used by the replay, Moq and runner tests.
/// </summary>
[WorkflowName(Name)]
public sealed class SampleReview : IWorkflow<ReviewRequest, ReviewOutcome>
{
    public const string Name = "SampleReview";
    public const string ApprovalEvent = "Approval";
    public static readonly TimeSpan ApprovalTimeout = TimeSpan.FromMinutes(30);

    public async Task<ReviewOutcome> RunAsync(WorkflowContext context, ReviewRequest input)
    {
        var log = context.CreateReplaySafeLogger<SampleReview>();
        log.LogInformation("Reviewing merchant {MerchantId}", input.MerchantId);
        context.SetCustomStatus("checking");

        var standing = await context.CallActivityAsync<string>(CheckStanding.Name, input.MerchantId);
        var screened = await context.CallActivityAsync<int>(ScreenItems.Name, input.Items);

        context.SetCustomStatus("awaiting-approval");
        Approval approval;
        try
        {
            approval = await context.WaitForExternalEvent<Approval>(ApprovalEvent, ApprovalTimeout);
        }
        catch (TaskCanceledException)
        {
            return new ReviewOutcome(standing, screened, "timed-out");
        }

        if (!approval.Approved)
        {
            return new ReviewOutcome(standing, screened, "rejected");
        }

        var listing = await context.CallActivityAsync<string>(Publish.Name, input.MerchantId);
        return new ReviewOutcome(standing, screened, $"published {listing}");
    }
}
