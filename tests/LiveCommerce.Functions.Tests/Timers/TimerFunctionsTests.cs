using LiveCommerce.Domain;
using LiveCommerce.Functions.Disputes;
using LiveCommerce.Functions.KeyRooms;
using LiveCommerce.Workflows.KeyRooms;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Moq;
using NodaTime;

namespace LiveCommerce.Functions.Tests.Timers;

/// <summary>The daily plan and evidence purge timers, as the app composes their classes.</summary>
[Collection(FunctionsAppCollection.Name)]
public sealed class TimerFunctionsTests(FunctionsAppFixture app)
{
    [Fact]
    public async Task The_evening_timer_starts_tomorrows_plan_of_each_platform_under_its_fixed_instance_id()
    {
        Assert.True(PlatformId.TryParse("p1", out var platform));
        var tomorrow = new LocalDate(2027, 1, 5);
        var days = new Mock<IInspectionDays>();
        days.Setup(d => d.PlatformsWithInputAsync(tomorrow, It.IsAny<CancellationToken>())).ReturnsAsync([platform]);
        var durable = new Mock<DurableTaskClient>("LiveCommerceHub");
        var clock = new FakeTimeProvider(new DateTimeOffset(2027, 1, 4, 10, 0, 0, TimeSpan.Zero)); // 18:00 in Shanghai
        var functions = ActivatorUtilities.CreateInstance<DailyInspectionPlanFunctions>(app.Services, new DailyInspectionPlanStarter(days.Object), (TimeProvider)clock);

        await functions.StartTomorrow(new TimerInfo(), durable.Object, CancellationToken.None);

        durable.Verify(c => c.ScheduleNewOrchestrationInstanceAsync(
            new TaskName(DailyInspectionPlanWorkflow.Name),
            It.IsAny<object?>(),
            It.Is<StartOrchestrationOptions?>(o => o!.InstanceId == DailyInspectionPlanWorkflow.InstanceIdFor("p1", tomorrow)),
            It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task The_purge_timer_runs_the_evidence_purge()
    {
        var functions = ActivatorUtilities.CreateInstance<EvidenceFunctions>(app.Services);

        await functions.Purge(new TimerInfo(), CancellationToken.None); // nothing is due in a fresh account: it must simply finish
    }
}
