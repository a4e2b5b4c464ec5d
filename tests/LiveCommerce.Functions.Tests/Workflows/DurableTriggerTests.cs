using LiveCommerce.Functions.Workflows;
using LiveCommerce.Workflows;
using Microsoft.Azure.Functions.Worker.Extensions.DurableTask.Execution;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Moq;

namespace LiveCommerce.Functions.Tests.Workflows;

/// <summary>
/// The orchestration and activity triggers are the shared classes: the app registers exactly the local host's list
/// (<see cref="LiveCommerceTasks"/>), and each class can be made from an invocation's services as the Durable
/// extension makes it, with the invocation's Durable client where an activity needs one.
/// </summary>
[Collection(FunctionsAppCollection.Name)]
public sealed class DurableTriggerTests(FunctionsAppFixture app)
{
    private DurableTaskRegistry AppRegistry => app.Services.GetRequiredService<IOptions<DurableTaskRegistry>>().Value;

    [Fact]
    public void The_app_registers_the_same_orchestrators_and_activities_as_the_local_host()
    {
        var shared = new DurableTaskRegistry().AddLiveCommerceTasks();

        Assert.Equal(shared.GetOrchestrators().Select(o => o.Key.Name).Order(StringComparer.Ordinal), AppRegistry.GetOrchestrators().Select(o => o.Key.Name).Order(StringComparer.Ordinal));
        Assert.Equal(shared.GetActivities().Select(a => a.Key.Name).Order(StringComparer.Ordinal), AppRegistry.GetActivities().Select(a => a.Key.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_orchestrator_and_activity_is_made_from_an_invocations_services_as_its_shared_class()
    {
        foreach (var (name, create) in AppRegistry.GetOrchestrators())
        {
            using var scope = app.Services.CreateScope();
            var orchestrator = create(scope.ServiceProvider);
            Assert.Equal(name.Name, DurableTaskName(orchestrator.GetType()));
        }

        foreach (var (name, create) in AppRegistry.GetActivities())
        {
            using var scope = app.Services.CreateScope();
            scope.ServiceProvider.GetRequiredService<InvocationDurableClient>().Client = new Mock<DurableTaskClient>("LiveCommerceHub").Object;
            var activity = create(scope.ServiceProvider);
            Assert.Equal(name.Name, DurableTaskName(activity.GetType()));
        }
    }

    [Fact]
    public async Task An_activity_that_starts_orchestrations_uses_the_invocations_durable_client()
    {
        using var scope = app.Services.CreateScope();
        var durable = new Mock<DurableTaskClient>("LiveCommerceHub");
        durable.Setup(c => c.ScheduleNewOrchestrationInstanceAsync(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((TaskName _, object? _, StartOrchestrationOptions? o, CancellationToken _) => o!.InstanceId!);
        scope.ServiceProvider.GetRequiredService<InvocationDurableClient>().Client = durable.Object;

        await scope.ServiceProvider.GetRequiredService<IWorkflowClient>()
            .ScheduleNewAsync("ScheduledJob", null, new StartOrchestrationOptions("schedule:test:2027-01-04"));

        durable.Verify(c => c.ScheduleNewOrchestrationInstanceAsync(new TaskName("ScheduledJob"), null, It.Is<StartOrchestrationOptions?>(o => o!.InstanceId == "schedule:test:2027-01-04"), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public void Without_a_durable_client_binding_the_invocation_says_so()
    {
        using var scope = app.Services.CreateScope();

        var failure = Assert.Throws<InvalidOperationException>(() => scope.ServiceProvider.GetRequiredService<IWorkflowClient>());

        Assert.Contains("durableClient", failure.Message, StringComparison.Ordinal);
    }

    private static string DurableTaskName(Type type) =>
        ((DurableTaskAttribute)Attribute.GetCustomAttribute(type, typeof(DurableTaskAttribute))!).Name.Name;
}
