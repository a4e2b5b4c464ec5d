using LiveCommerce.Domain;
using LiveCommerce.Functions.Schedules;
using LiveCommerce.Http.Schedules;
using LiveCommerce.Workflows.Schedules;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moq;
using NodaTime;

namespace LiveCommerce.Functions.Tests.Schedules;

/// <summary>The daily timer only ensures today's singleton run of each job, under the instance id both hosts use.</summary>
public sealed class ScheduledJobFunctionsTests
{
    private static readonly DateTimeOffset Now = new(2027, 1, 4, 16, 1, 0, TimeSpan.Zero); // 00:01 on 5 January in Shanghai

    private static readonly JobCalendar Calendar = new(
        [new(ReverificationSweepJob.JobName, new LocalTime(2, 0), false), new(InspectionPlansJob.JobName, new LocalTime(18, 0), false)],
        new FakeTimeProvider(Now));

    [Fact]
    public async Task The_timer_starts_todays_run_of_each_job_due_at_its_time_in_Shanghai()
    {
        var durable = new Mock<DurableTaskClient>("LiveCommerceHub");
        var started = new List<(string Id, ScheduledRun Run)>();
        durable.Setup(c => c.ScheduleNewOrchestrationInstanceAsync(new TaskName(ScheduledJobWorkflow.Name), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()))
            .Callback((TaskName _, object? input, StartOrchestrationOptions? options, CancellationToken _) => started.Add((options!.InstanceId!, (ScheduledRun)input!)))
            .ReturnsAsync("started");

        await new ScheduledJobFunctions(Calendar, NullLogger<ScheduledJobFunctions>.Instance).EnsureToday(new(), durable.Object, CancellationToken.None);

        Assert.Equal(
            [ScheduledJobWorkflow.InstanceIdFor(ReverificationSweepJob.JobName, "2027-01-05"), ScheduledJobWorkflow.InstanceIdFor(InspectionPlansJob.JobName, "2027-01-05")],
            started.Select(s => s.Id));
        // Due at 02:00 and 18:00 Shanghai time, as instants on the engine's (real) clock: the calendar moves each back by
        // the shift of the host's clock (here the fake one), so compare with that shift added back.
        var shift = Now - DateTimeOffset.UtcNow;
        Assert.InRange(started[0].Run.DueAt + shift - new DateTimeOffset(2027, 1, 4, 18, 0, 0, TimeSpan.Zero), TimeSpan.FromSeconds(-30), TimeSpan.FromSeconds(30));
        Assert.InRange(started[1].Run.DueAt - started[0].Run.DueAt - TimeSpan.FromHours(16), TimeSpan.FromSeconds(-30), TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task A_run_that_exists_already_is_not_started_again()
    {
        var durable = new Mock<DurableTaskClient>("LiveCommerceHub");
        durable.Setup(c => c.GetInstanceAsync(It.IsAny<string>(), It.IsAny<bool>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string id, bool _, CancellationToken _) => new OrchestrationMetadata(ScheduledJobWorkflow.Name, id));

        await new ScheduledJobFunctions(Calendar, NullLogger<ScheduledJobFunctions>.Instance).EnsureToday(new(), durable.Object, CancellationToken.None);

        durable.Verify(c => c.ScheduleNewOrchestrationInstanceAsync(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public void The_schedule_is_just_after_midnight_in_Shanghai()
    {
        Assert.Equal("0 1 16 * * *", ScheduledJobFunctions.Schedule);
        Assert.Equal(new LocalTime(0, 1), Instant.FromUtc(2027, 1, 4, 16, 1).InZone(ChinaTime.Zone).TimeOfDay);
    }
}
