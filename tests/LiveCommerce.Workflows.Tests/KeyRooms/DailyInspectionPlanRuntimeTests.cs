using LiveCommerce.Domain;
using LiveCommerce.Domain.KeyRooms;
using LiveCommerce.LocalHost.KeyRooms;
using LiveCommerce.Storage.KeyRooms;
using LiveCommerce.Workflows.KeyRooms;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using NodaTime;

namespace LiveCommerce.Workflows.Tests.KeyRooms;

/// <summary>
/// The evening run end to end on the local runner and Azurite: the local host's timer on a fake clock starts the
/// workflow, whose activities read the stored day and store tomorrow's plan.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class DailyInspectionPlanRuntimeTests(AzuriteFixture fixture)
{
    // The harness clock starts at 2026-05-01 08:00 UTC, 16:00 in Shanghai: tomorrow is 2 May.
    private static readonly LocalDate Tomorrow = new(2026, 5, 2);

    private readonly RuntimeHarness _harness = new(fixture.Azurite);

    private static PlatformId NewPlatform() =>
        PlatformId.TryParse("p-" + Guid.NewGuid().ToString("N")[..12], out var platform) ? platform : throw new InvalidOperationException();

    // Greedy by start time covers one of the two sessions; the plan covers both.
    private static ScheduleRequest DayOf(LocalDate date)
    {
        var midnight = ChinaTime.StartOf(date);
        Instant At(int hour, int minute = 0) => midnight + Duration.FromHours(hour) + Duration.FromMinutes(minute);
        InspectorShift[] day = [new(At(8), At(20))];
        return new ScheduleRequest(
            midnight,
            ChinaTime.StartOf(date.PlusDays(1)),
            15,
            [new LiveSession("general", "r1", At(10), At(12), Tier.Key, "general"), new LiveSession("food", "r2", At(10, 30), At(11, 30), Tier.Key, "food")],
            [new Inspector("ann", day, ["food", "general"], 1), new Inspector("bob", day, ["general"], 1)]);
    }

    private Task<RunningRuntime> StartRuntimeAsync(InspectionDayStore days) =>
        _harness.StartAsync(services =>
        {
            services.AddSingleton(days);
            services.AddSingleton<IInspectionDays>(days);
            services.AddDailyInspectionPlanning();
        });

    private DailyInspectionPlanSchedule Timer(InspectionDayStore days, RunningRuntime runtime) =>
        new(new DailyInspectionPlanStarter(days), runtime.Client, new DailyInspectionPlanTime(DailyInspectionPlanTime.Default), _harness.Time, NullLogger<DailyInspectionPlanSchedule>.Instance);

    [Fact]
    public async Task At_18_00_in_Shanghai_the_timer_plans_tomorrow_and_stores_the_plan()
    {
        await _harness.Storage.EnsureCreatedAsync();
        var days = new InspectionDayStore(_harness.Storage);
        var platform = NewPlatform();
        await days.SaveInputAsync(platform, Tomorrow, DayOf(Tomorrow), _harness.Time.GetUtcNow(), CancellationToken.None);
        var later = NewPlatform();
        await days.SaveInputAsync(later, Tomorrow.PlusDays(1), DayOf(Tomorrow.PlusDays(1)), _harness.Time.GetUtcNow(), CancellationToken.None);
        await using var runtime = await StartRuntimeAsync(days);
        using var timer = Timer(days, runtime);
        await timer.StartAsync(CancellationToken.None);
        var instanceId = DailyInspectionPlanWorkflow.InstanceIdFor(platform.Value, Tomorrow);

        await Task.Delay(200);
        var before = await runtime.Client.GetInstanceAsync(instanceId);
        _harness.Time.Advance(TimeSpan.FromHours(2)); // 18:00 in Shanghai
        await RuntimeHarness.Eventually(async () => await runtime.Client.GetInstanceAsync(instanceId) is not null, "the evening run started");
        var done = await runtime.WaitForCompletionAsync(instanceId);
        await timer.StopAsync(CancellationToken.None);

        Assert.Null(before);
        Assert.Equal(WorkflowStatus.Completed, done.Status);
        var result = done.ReadOutputAs<DailyInspectionPlanResult>()!;
        Assert.Equal(DailyInspectionPlanResult.Planned, result.Status);
        Assert.Equal(2, result.Plan!.KeySessionsCovered);

        var day = await days.FindDayAsync(platform, Tomorrow, CancellationToken.None);
        Assert.Equal(new InspectionScheduleInfo(1, result.Plan.PlanId, StoreInspectionPlanActivity.Trigger, _harness.Time.GetUtcNow()), day!.Schedule);
        var plan = await days.LoadPlanAsync(platform, Tomorrow, day.Schedule!.PlanId, CancellationToken.None);
        Assert.Equal(
            new Dictionary<string, string> { ["food"] = "ann", ["general"] = "bob" },
            plan.Assignments.ToDictionary(a => a.SessionId, a => a.InspectorId));
        Assert.True(plan.Coverage.ProvenOptimal);

        // Only tomorrow is planned: the platform whose day is the day after has no run yet.
        Assert.Null(await runtime.Client.GetInstanceAsync(DailyInspectionPlanWorkflow.InstanceIdFor(later.Value, Tomorrow.PlusDays(1))));
        Assert.Null(await runtime.Client.GetInstanceAsync(DailyInspectionPlanWorkflow.InstanceIdFor(later.Value, Tomorrow)));
    }

    [Fact]
    public async Task A_host_started_after_18_00_catches_up_at_once_and_a_second_start_runs_nothing_again()
    {
        await _harness.Storage.EnsureCreatedAsync();
        var days = new InspectionDayStore(_harness.Storage);
        var platform = NewPlatform();
        await days.SaveInputAsync(platform, Tomorrow, DayOf(Tomorrow), _harness.Time.GetUtcNow(), CancellationToken.None);
        _harness.Time.Advance(TimeSpan.FromHours(3)); // 19:00 in Shanghai: the host missed 18:00
        await using var runtime = await StartRuntimeAsync(days);
        var instanceId = DailyInspectionPlanWorkflow.InstanceIdFor(platform.Value, Tomorrow);

        using (var first = Timer(days, runtime))
        {
            await first.StartAsync(CancellationToken.None);
            await RuntimeHarness.Eventually(async () => await runtime.Client.GetInstanceAsync(instanceId) is not null, "the catch-up run started");
            await first.StopAsync(CancellationToken.None);
        }

        var done = await runtime.WaitForCompletionAsync(instanceId);
        using (var second = Timer(days, runtime))
        {
            await second.StartAsync(CancellationToken.None); // a restart: the same instance id starts nothing
            await Task.Delay(200);
            await second.StopAsync(CancellationToken.None);
        }

        var after = await runtime.Client.GetInstanceAsync(instanceId);
        Assert.Equal(DailyInspectionPlanResult.Planned, done.ReadOutputAs<DailyInspectionPlanResult>()!.Status);
        Assert.Equal(done.CreatedAt, after!.CreatedAt);
        Assert.Equal(done.LastUpdatedAt, after.LastUpdatedAt);
    }

    [Fact]
    public async Task A_schedule_a_replan_made_from_the_same_input_is_not_overwritten()
    {
        await _harness.Storage.EnsureCreatedAsync();
        var days = new InspectionDayStore(_harness.Storage);
        var platform = NewPlatform();
        var input = DayOf(Tomorrow);
        await days.SaveInputAsync(platform, Tomorrow, input, _harness.Time.GetUtcNow(), CancellationToken.None);
        var day = await days.FindDayAsync(platform, Tomorrow, CancellationToken.None);
        var replanned = await days.TryCommitReplanAsync(platform, day!, null, InspectionScheduler.Plan(input), _harness.Time.GetUtcNow(), CancellationToken.None);
        await using var runtime = await StartRuntimeAsync(days);
        var instanceId = DailyInspectionPlanWorkflow.InstanceIdFor(platform.Value, Tomorrow);

        await runtime.Client.ScheduleNewAsync(DailyInspectionPlanWorkflow.Name, new DailyInspectionPlanInput(platform.Value, "2026-05-02"), instanceId);
        var done = await runtime.WaitForCompletionAsync(instanceId);

        Assert.Equal(DailyInspectionPlanResult.KeptExisting, done.ReadOutputAs<DailyInspectionPlanResult>()!.Status);
        var schedule = (await days.FindDayAsync(platform, Tomorrow, CancellationToken.None))!.Schedule;
        Assert.Equal(InspectionDayStore.ReplanTrigger, schedule!.Trigger);
        Assert.Equal(replanned!.Schedule, schedule);
    }
}
