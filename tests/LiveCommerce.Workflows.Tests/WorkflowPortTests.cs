using FsCheck;
using FsCheck.Xunit;
using LiveCommerce.Workflows.Tests.Samples;
using Microsoft.Extensions.DependencyInjection;

namespace LiveCommerce.Workflows.Tests;

/// <summary>The port's own rules: retry waits, names and registration.</summary>
public sealed class WorkflowPortTests
{
    [Property]
    public bool Retry_waits_start_at_the_first_interval_never_shrink_and_stay_capped(
        PositiveInt firstSeconds, PositiveInt capExtraSeconds, PositiveInt coefficientHundredths, PositiveInt failedAttempt)
    {
        var first = TimeSpan.FromSeconds(firstSeconds.Get % 3600 + 1);
        var cap = first + TimeSpan.FromSeconds(capExtraSeconds.Get % 86_400);
        var policy = new WorkflowRetryPolicy(10, first, 1 + coefficientHundredths.Get % 300 / 100.0, cap);
        var attempt = failedAttempt.Get % 60 + 1;

        return policy.DelayAfterAttempt(1) == first
            && policy.DelayAfterAttempt(attempt) <= policy.DelayAfterAttempt(attempt + 1)
            && policy.DelayAfterAttempt(attempt) <= cap;
    }

    [Fact]
    public void Retry_waits_back_off_and_default_to_a_one_hour_cap_as_in_Durable()
    {
        var policy = new WorkflowRetryPolicy(maxAttempts: 20, firstRetryInterval: TimeSpan.FromSeconds(10), backoffCoefficient: 2);

        Assert.Equal(
            [TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(40), TimeSpan.FromHours(1)],
            new[] { 1, 2, 3, 12 }.Select(policy.DelayAfterAttempt));
    }

    [Fact]
    public void A_retry_policy_refuses_what_Durable_refuses()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new WorkflowRetryPolicy(0, TimeSpan.FromSeconds(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new WorkflowRetryPolicy(3, TimeSpan.Zero));
        Assert.Throws<ArgumentOutOfRangeException>(() => new WorkflowRetryPolicy(3, TimeSpan.FromSeconds(1), backoffCoefficient: 0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new WorkflowRetryPolicy(3, TimeSpan.FromSeconds(10), maxRetryInterval: TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public void Workflows_and_activities_are_registered_under_their_names()
    {
        var services = new ServiceCollection()
            .AddSingleton(new ActivityLedger())
            .AddWorkflow<SampleReview>()
            .AddWorkflowActivity<CheckStanding>();
        using var provider = services.BuildServiceProvider();

        var registry = provider.GetRequiredService<WorkflowRegistry>();

        Assert.Equal([SampleReview.Name], registry.WorkflowNames);
        Assert.Equal([CheckStanding.Name], registry.ActivityNames);
        Assert.True(registry.TryGetWorkflow(SampleReview.Name, out var workflow));
        Assert.Equal(typeof(SampleReview), workflow.ImplementationType);
        Assert.False(registry.TryGetActivity(SampleReview.Name, out _));
    }

    [Fact]
    public async Task A_registered_activity_runs_from_serialized_input_to_serialized_output()
    {
        var services = new ServiceCollection().AddSingleton(new ActivityLedger()).AddWorkflowActivity<ScreenItems>();
        await using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<WorkflowRegistry>().TryGetActivity(ScreenItems.Name, out var screenItems);

        var output = await screenItems!.RunActivityAsync(provider, "[\"tea\",\"cups\",\"pot\"]", CancellationToken.None);

        Assert.Equal("3", output);
    }

    [Fact]
    public void Two_different_workflows_may_not_share_a_name()
    {
        var services = new ServiceCollection().AddWorkflow<OrderFlowV1>().AddWorkflow<OrderFlowV2>();
        using var provider = services.BuildServiceProvider();

        var clash = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<WorkflowRegistry>());

        Assert.Contains("'OrderFlow'", clash.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_class_that_is_not_a_workflow_cannot_be_registered_as_one()
    {
        Assert.Throws<ArgumentException>(() => new ServiceCollection().AddWorkflow<CheckStanding>());
    }
}
