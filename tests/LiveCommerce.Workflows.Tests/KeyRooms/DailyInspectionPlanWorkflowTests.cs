using Microsoft.DurableTask;
using LiveCommerce.Domain;
using LiveCommerce.Workflows.KeyRooms;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using NodaTime;

namespace LiveCommerce.Workflows.Tests.KeyRooms;

/// <summary>The daily inspection-plan orchestrator and its starter against mocks.</summary>
public sealed class DailyInspectionPlanWorkflowTests
{
    private static readonly DailyInspectionPlanInput Input = new("p1", "2026-05-02");

    private static readonly PlannedInspectionDay Planned = new("p1", "2026-05-02", 3, "sha", 10, 9, 9, 2);

    private static Mock<TaskOrchestrationContext> Context(InspectionDayInput? day, bool adopted = true)
    {
        var context = new Mock<TaskOrchestrationContext>(MockBehavior.Strict);
        context.Setup(c => c.CreateReplaySafeLogger<DailyInspectionPlanWorkflow>()).Returns(NullLogger.Instance);
        context.Setup(c => c.CallActivityAsync<InspectionDayInput?>(FindInspectionDayActivity.Name, new InspectionDayRef("p1", "2026-05-02"), It.IsAny<TaskOptions?>()))
            .ReturnsAsync(day);
        context.Setup(c => c.CallActivityAsync<PlannedInspectionDay>(PlanInspectionDayActivity.Name, It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .ReturnsAsync(Planned);
        context.Setup(c => c.CallActivityAsync<bool>(StoreInspectionPlanActivity.Name, Planned, It.IsAny<TaskOptions?>())).ReturnsAsync(adopted);
        return context;
    }

    [Fact]
    public async Task Plans_the_stored_input_version_and_stores_that_plan()
    {
        var context = Context(new InspectionDayInput("p1", "2026-05-02", 3, 40, 10, 5));

        var result = await new DailyInspectionPlanWorkflow().RunAsync(context.Object, Input);

        Assert.Equal(new DailyInspectionPlanResult("p1", "2026-05-02", DailyInspectionPlanResult.Planned, Planned), result);
        context.Verify(c => c.CallActivityAsync<PlannedInspectionDay>(PlanInspectionDayActivity.Name, new PlanInspectionDayRequest("p1", "2026-05-02", 3), It.IsNotNull<TaskOptions?>()), Times.Once);
        context.Verify(c => c.CallActivityAsync<bool>(StoreInspectionPlanActivity.Name, Planned, It.IsNotNull<TaskOptions?>()), Times.Once);
    }

    [Fact]
    public async Task A_day_without_stored_input_plans_and_stores_nothing()
    {
        var context = Context(day: null);

        var result = await new DailyInspectionPlanWorkflow().RunAsync(context.Object, Input);

        Assert.Equal(DailyInspectionPlanResult.NoInput, result.Status);
        Assert.Null(result.Plan);
        context.Verify(c => c.CallActivityAsync<PlannedInspectionDay>(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<TaskOptions?>()), Times.Never);
        context.Verify(c => c.CallActivityAsync<bool>(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<TaskOptions?>()), Times.Never);
    }

    [Fact]
    public async Task A_schedule_from_a_later_replan_is_kept_and_the_result_says_so()
    {
        var context = Context(new InspectionDayInput("p1", "2026-05-02", 3, 40, 10, 5), adopted: false);

        var result = await new DailyInspectionPlanWorkflow().RunAsync(context.Object, Input);

        Assert.Equal(DailyInspectionPlanResult.KeptExisting, result.Status);
        Assert.Equal(Planned, result.Plan);
    }

    [Fact]
    public void The_instance_id_is_fixed_per_platform_and_day()
    {
        Assert.Equal("keyrooms-daily:p1:2026-05-02", DailyInspectionPlanWorkflow.InstanceIdFor("p1", new LocalDate(2026, 5, 2)));
    }

    [Theory]
    [InlineData("2026-05-01T10:00:00Z", "2026-05-02")] // 18:00 in Shanghai
    [InlineData("2026-05-01T15:59:59Z", "2026-05-02")] // 23:59:59 in Shanghai
    [InlineData("2026-05-01T16:00:00Z", "2026-05-03")] // already 2 May in Shanghai
    public void The_day_planned_is_tomorrow_in_Shanghai(string now, string expected)
    {
        var date = DailyInspectionPlanStarter.PlanDateFor(Instant.FromDateTimeOffset(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(expected, NodaTime.Text.LocalDatePattern.Iso.Format(date));
    }

    [Fact]
    public async Task The_starter_starts_one_run_per_platform_with_a_stored_day_and_reports_only_new_ones()
    {
        var date = new LocalDate(2026, 5, 2);
        Assert.True(PlatformId.TryParse("p1", out var p1));
        Assert.True(PlatformId.TryParse("p2", out var p2));
        var days = new Mock<IInspectionDays>();
        days.Setup(d => d.PlatformsWithInputAsync(date, It.IsAny<CancellationToken>())).ReturnsAsync([p1, p2]);
        var workflows = new Mock<IWorkflowClient>();
        workflows.Setup(w => w.ScheduleNewAsync(It.Is<TaskName>(n => n.Name == DailyInspectionPlanWorkflow.Name), It.IsAny<object?>(), It.Is<StartOrchestrationOptions>(o => o.InstanceId == "keyrooms-daily:p1:2026-05-02"), It.IsAny<CancellationToken>())).ReturnsAsync(true);
        workflows.Setup(w => w.ScheduleNewAsync(It.Is<TaskName>(n => n.Name == DailyInspectionPlanWorkflow.Name), It.IsAny<object?>(), It.Is<StartOrchestrationOptions>(o => o.InstanceId == "keyrooms-daily:p2:2026-05-02"), It.IsAny<CancellationToken>())).ReturnsAsync(false);

        var started = await new DailyInspectionPlanStarter(days.Object).StartAsync(date, workflows.Object, CancellationToken.None);

        Assert.Equal(["keyrooms-daily:p1:2026-05-02"], started);
        workflows.Verify(w => w.ScheduleNewAsync(It.Is<TaskName>(n => n.Name == DailyInspectionPlanWorkflow.Name), new DailyInspectionPlanInput("p2", "2026-05-02"), It.Is<StartOrchestrationOptions>(o => o.InstanceId == "keyrooms-daily:p2:2026-05-02"), It.IsAny<CancellationToken>()), Times.Once);
    }
}
