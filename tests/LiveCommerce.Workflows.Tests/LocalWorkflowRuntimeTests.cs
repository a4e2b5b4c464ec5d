using Azure.Storage.Blobs.Models;
using LiveCommerce.LocalHost.Workflows;
using LiveCommerce.Storage;
using LiveCommerce.Testing;
using LiveCommerce.Workflows.Tests.Samples;

namespace LiveCommerce.Workflows.Tests;

/// <summary>The local runner end to end on Azurite: episodes, storage, timers, events, restarts.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class LocalWorkflowRuntimeTests(AzuriteFixture fixture)
{
    private static readonly ReviewRequest Request = new("m-1", ["tea", "cups"]);

    private readonly RuntimeHarness _harness = new(fixture.Azurite);

    [Fact]
    public async Task A_review_runs_to_completion_and_each_activity_runs_once()
    {
        await using var runtime = await _harness.StartAsync(s => s.AddWorkflow<SampleReview>());
        var id = RuntimeHarness.NewInstanceId();

        Assert.True(await runtime.Client.ScheduleNewAsync(SampleReview.Name, Request, id));
        await runtime.WaitForStatusAsync(id, "awaiting-approval");
        await runtime.Client.RaiseEventAsync(id, SampleReview.ApprovalEvent, new Approval(true, "li"));
        var done = await runtime.WaitForCompletionAsync(id);

        Assert.Equal(WorkflowStatus.Completed, done.Status);
        Assert.Equal(new ReviewOutcome("good", 2, "published listing-m-1"), done.ReadOutputAs<ReviewOutcome>());
        Assert.Equal("{\"merchantId\":\"m-1\",\"items\":[\"tea\",\"cups\"]}", done.SerializedInput);
        Assert.Equal([1, 1, 1], new[] { CheckStanding.Name, ScreenItems.Name, Publish.Name }.Select(_harness.Ledger.Started));
        await RuntimeHarness.Eventually(
            async () => await fixture.Azurite.CountRowsAsync(_harness.TableName, LocalWorkflowRuntime.UnfinishedIndexPartition) == 0,
            "the finished instance left the unfinished index");
    }

    [Fact]
    public async Task A_review_costs_one_storage_write_per_step_it_waits_on()
    {
        var requests = StorageRoundTrips.BeginScope(); // flows into the runtime's workers, started below
        var id = RuntimeHarness.NewInstanceId();
        await using var runtime = await _harness.StartAsync(s => s.AddWorkflow<SampleReview>());
        var atStart = requests.Count;

        await runtime.Client.ScheduleNewAsync(SampleReview.Name, Request, id);
        await runtime.WaitForStatusAsync(id, "awaiting-approval");
        await runtime.Client.RaiseEventAsync(id, SampleReview.ApprovalEvent, new Approval(true, "li"));
        await runtime.WaitForCompletionAsync(id);
        await runtime.StopAsync(); // writes the index row's removal
        var perReview = requests.Count - atStart;

        // The index row, the instance row, one transaction per episode that stored something ("checking"; standing
        // checked; screened, waiting; approval received; published), and the index row's removal.
        Assert.Equal(8, perReview);
    }

    [Fact]
    public async Task Starting_an_existing_instance_again_starts_nothing()
    {
        await using var runtime = await _harness.StartAsync(s => s.AddWorkflow<SampleReview>());
        var id = RuntimeHarness.NewInstanceId();

        var first = await runtime.Client.ScheduleNewAsync(SampleReview.Name, Request, id);
        var second = await runtime.Client.ScheduleNewAsync(SampleReview.Name, new ReviewRequest("m-2", []), id);

        Assert.True(first);
        Assert.False(second);
        await runtime.WaitForStatusAsync(id, "awaiting-approval");
        Assert.Equal("m-1", (await runtime.Client.GetInstanceAsync(id))!.ReadInputAs<ReviewRequest>()!.MerchantId);
        Assert.Equal(1, _harness.Ledger.Started(CheckStanding.Name));
    }

    [Fact]
    public async Task An_event_raised_before_the_workflow_waits_for_it_is_kept()
    {
        _harness.Ledger.Close(CheckStanding.Name);
        await using var runtime = await _harness.StartAsync(s => s.AddWorkflow<SampleReview>());
        var id = RuntimeHarness.NewInstanceId();
        await runtime.Client.ScheduleNewAsync(SampleReview.Name, Request, id);

        await runtime.Client.RaiseEventAsync(id, SampleReview.ApprovalEvent, new Approval(false, "li"));
        var completedBeforeTheEvent = _harness.Ledger.Completed(CheckStanding.Name);
        _harness.Ledger.Open(CheckStanding.Name);
        var done = await runtime.WaitForCompletionAsync(id);

        Assert.Equal(0, completedBeforeTheEvent);
        Assert.Equal("rejected", done.ReadOutputAs<ReviewOutcome>()!.Decision);
    }

    [Fact]
    public async Task Without_an_event_the_timeout_fires_when_time_advances()
    {
        await using var runtime = await _harness.StartAsync(s => s.AddWorkflow<SampleReview>());
        var id = RuntimeHarness.NewInstanceId();
        await runtime.Client.ScheduleNewAsync(SampleReview.Name, Request, id);
        await runtime.WaitForStatusAsync(id, "awaiting-approval");

        _harness.Time.Advance(SampleReview.ApprovalTimeout - TimeSpan.FromSeconds(1));
        await Task.Delay(100);
        var beforeTimeout = await runtime.Client.GetInstanceAsync(id);
        _harness.Time.Advance(TimeSpan.FromSeconds(1));
        var done = await runtime.WaitForCompletionAsync(id);

        Assert.Equal(WorkflowStatus.Running, beforeTimeout!.Status);
        Assert.Equal("timed-out", done.ReadOutputAs<ReviewOutcome>()!.Decision);
        Assert.Equal(0, _harness.Ledger.Started(Publish.Name));
    }

    [Fact]
    public async Task A_failing_activity_is_retried_after_the_policy_intervals()
    {
        _harness.Ledger.FailuresBeforeSuccess[CheckStanding.Name] = 2;
        await using var runtime = await _harness.StartAsync(s => s.AddWorkflow<RetriedCheck>());
        var id = RuntimeHarness.NewInstanceId();
        await runtime.Client.ScheduleNewAsync(RetriedCheck.Name, "m-1", id);

        await RuntimeHarness.Eventually(() => Task.FromResult(_harness.Ledger.Started(CheckStanding.Name) == 1), "first attempt");
        await AdvanceUntil(() => _harness.Ledger.Started(CheckStanding.Name) == 2, TimeSpan.FromSeconds(10));
        await AdvanceUntil(() => _harness.Ledger.Started(CheckStanding.Name) == 3, TimeSpan.FromSeconds(20));
        var done = await runtime.WaitForCompletionAsync(id);

        Assert.Equal("good", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task An_activity_that_keeps_failing_fails_the_instance_with_its_details()
    {
        _harness.Ledger.FailuresBeforeSuccess[CheckStanding.Name] = 10;
        await using var runtime = await _harness.StartAsync(s => s.AddWorkflow<RetriedCheck>());
        var id = RuntimeHarness.NewInstanceId();
        await runtime.Client.ScheduleNewAsync(RetriedCheck.Name, "m-1", id);

        await AdvanceUntil(() => _harness.Ledger.Started(CheckStanding.Name) == 3, TimeSpan.FromSeconds(30));
        var done = await runtime.WaitForCompletionAsync(id);

        Assert.Equal(WorkflowStatus.Failed, done.Status);
        Assert.Equal(typeof(WorkflowTaskFailedException).FullName, done.FailureDetails!.ErrorType);
        Assert.Equal("Task 'CheckStanding' (#4) failed with an unhandled exception: CheckStanding failed on attempt 3", done.FailureDetails.ErrorMessage);
    }

    [Fact]
    public async Task A_sub_workflow_runs_as_its_own_instance_and_answers_its_parent()
    {
        await using var runtime = await _harness.StartAsync(s => s.AddWorkflow<ParentReview>().AddWorkflow<ChildScreening>());
        var id = RuntimeHarness.NewInstanceId();
        await runtime.Client.ScheduleNewAsync(ParentReview.Name, Request, id);

        var done = await runtime.WaitForCompletionAsync(id);
        var child = await runtime.Client.GetInstanceAsync(ParentReview.ChildId(id));

        Assert.Equal("m-1: 2 screened", done.ReadOutputAs<string>());
        Assert.Equal(WorkflowStatus.Completed, child!.Status);
        Assert.Equal(ChildScreening.Name, child.Name);
        Assert.Equal(2, child.ReadOutputAs<int>());
    }

    [Fact]
    public async Task After_a_restart_the_instance_resumes_and_finished_activities_do_not_run_again()
    {
        var id = RuntimeHarness.NewInstanceId();
        _harness.Ledger.Close(ScreenItems.Name);
        await using (var before = await _harness.StartAsync(s => s.AddWorkflow<SampleReview>()))
        {
            await before.Client.ScheduleNewAsync(SampleReview.Name, Request, id);
            await RuntimeHarness.Eventually(() => Task.FromResult(_harness.Ledger.Started(ScreenItems.Name) == 1), "screening started");
        }

        _harness.Ledger.Open(ScreenItems.Name);
        await using var after = await _harness.StartAsync(s => s.AddWorkflow<SampleReview>());
        await after.WaitForStatusAsync(id, "awaiting-approval");
        await after.Client.RaiseEventAsync(id, SampleReview.ApprovalEvent, new Approval(true, "li"));
        var done = await after.WaitForCompletionAsync(id);

        Assert.Equal(WorkflowStatus.Completed, done.Status);
        Assert.Equal((1, 1), (_harness.Ledger.Started(CheckStanding.Name), _harness.Ledger.Completed(CheckStanding.Name)));
        Assert.Equal((2, 1), (_harness.Ledger.Started(ScreenItems.Name), _harness.Ledger.Completed(ScreenItems.Name))); // interrupted, so run again
        Assert.Equal(1, _harness.Ledger.Completed(Publish.Name));
    }

    [Fact]
    public async Task A_durable_timer_survives_a_restart()
    {
        var id = RuntimeHarness.NewInstanceId();
        await using (var before = await _harness.StartAsync(s => s.AddWorkflow<CoolingOff>()))
        {
            await before.Client.ScheduleNewAsync(CoolingOff.Name, "m-1", id);
            await before.WaitForStatusAsync(id, "cooling-off");
        }

        _harness.Time.Advance(TimeSpan.FromHours(1));
        await using var after = await _harness.StartAsync(s => s.AddWorkflow<CoolingOff>());
        var done = await after.WaitForCompletionAsync(id);

        Assert.Equal("listing-m-1", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task Changing_an_orchestrator_under_running_instances_fails_them_with_where_it_diverged()
    {
        var id = RuntimeHarness.NewInstanceId();
        await using (var before = await _harness.StartAsync(s => s.AddWorkflow<OrderFlowV1>()))
        {
            await before.Client.ScheduleNewAsync(OrderFlowV1.Name, Request, id);
            await before.WaitForStatusAsync(id, "waiting");
        }

        await using var after = await _harness.StartAsync(s => s.AddWorkflow<OrderFlowV2>());
        var done = await after.WaitForCompletionAsync(id);

        Assert.Equal(WorkflowStatus.Failed, done.Status);
        Assert.Equal(typeof(NonDeterministicWorkflowException).FullName, done.FailureDetails!.ErrorType);
        Assert.Equal(
            "Non-deterministic workflow 'OrderFlow' at step 2: the code scheduled activity 'Publish' but history has activity 'ScreenItems'.",
            done.FailureDetails.ErrorMessage);
        Assert.Equal(0, _harness.Ledger.Started(Publish.Name));
    }

    [Fact]
    public async Task Large_payloads_are_kept_in_blobs_and_read_back_after_a_restart()
    {
        var id = RuntimeHarness.NewInstanceId();
        var input = new string('x', 40_000);
        await using (var runtime = await _harness.StartAsync(s => s.AddWorkflow<LargePayloads>()))
        {
            await runtime.Client.ScheduleNewAsync(LargePayloads.Name, input, id);
            await runtime.WaitForCompletionAsync(id);
        }

        await using var fresh = await _harness.StartAsync(s => s.AddWorkflow<LargePayloads>());
        var stored = await fresh.Client.GetInstanceAsync(id);
        var blobs = new List<string>();
        await foreach (var blob in _harness.Storage.Container(_harness.ContainerName).GetBlobsAsync(new GetBlobsOptions { Prefix = id + "/" }))
        {
            blobs.Add(blob.Name[(id.Length + 1)..]);
        }

        Assert.Equal(new string('x', 160_000), stored!.ReadOutputAs<string>());
        Assert.Equal(input, stored.ReadInputAs<string>());
        Assert.Contains("input.json", blobs);
        Assert.Contains("output.json", blobs);
        Assert.Equal(2, blobs.Count(b => char.IsDigit(b[0]))); // both activity results
    }

    /// <summary>Advances the fake clock a step at a time until the condition holds (retry waits are durable timers).</summary>
    private async Task AdvanceUntil(Func<bool> condition, TimeSpan atMost)
    {
        var step = TimeSpan.FromSeconds(1);
        for (var advanced = TimeSpan.Zero; !condition(); advanced += step)
        {
            Assert.True(advanced <= atMost + TimeSpan.FromSeconds(5), $"not reached after {advanced} of workflow time");
            await Task.Delay(30);
            _harness.Time.Advance(step);
        }
    }
}
