using LiveCommerce.Functions.Workflows;
using LiveCommerce.Workflows;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Moq;

namespace LiveCommerce.Functions.Tests.Workflows;

/// <summary>The Durable adapter passes calls through unchanged, and Durable's failures reach orchestrators as the port's.</summary>
public sealed class DurableWorkflowAdapterTests
{
    private static readonly DateTime Now = new(2026, 5, 1, 8, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task An_activity_call_keeps_its_name_input_and_retry_policy()
    {
        var durable = new Mock<TaskOrchestrationContext>();
        TaskOptions? passed = null;
        durable.Setup(c => c.CallActivityAsync<string>(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .Callback<TaskName, object?, TaskOptions?>((_, _, options) => passed = options)
            .ReturnsAsync("good");
        var retry = new WorkflowRetryPolicy(maxAttempts: 3, firstRetryInterval: TimeSpan.FromSeconds(10), backoffCoefficient: 2);

        var result = await new DurableWorkflowContext(durable.Object).CallActivityAsync<string>("CheckStanding", "m-1", WorkflowTaskOptions.FromRetryPolicy(retry));

        Assert.Equal("good", result);
        durable.Verify(c => c.CallActivityAsync<string>(new TaskName("CheckStanding"), "m-1", It.IsAny<TaskOptions?>()), Times.Once);
        var policy = passed!.Retry!.Policy!;
        Assert.Equal((3, TimeSpan.FromSeconds(10), 2.0), (policy.MaxNumberOfAttempts, policy.FirstRetryInterval, policy.BackoffCoefficient));
    }

    [Fact]
    public async Task A_sub_workflow_gets_its_instance_id_through_sub_orchestration_options()
    {
        var durable = new Mock<TaskOrchestrationContext>();
        TaskOptions? passed = null;
        durable.Setup(c => c.CallSubOrchestratorAsync<int>(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .Callback<TaskName, object?, TaskOptions?>((_, _, options) => passed = options)
            .ReturnsAsync(2);

        var screened = await new DurableWorkflowContext(durable.Object).CallSubWorkflowAsync<int>("ChildScreening", null, new SubWorkflowOptions(InstanceId: "i-1-screening"));

        Assert.Equal(2, screened);
        Assert.Equal("i-1-screening", Assert.IsType<SubOrchestrationOptions>(passed).InstanceId);
    }

    [Fact]
    public async Task A_failed_durable_task_surfaces_as_the_ports_failure()
    {
        var durable = new Mock<TaskOrchestrationContext>();
        durable.Setup(c => c.CallActivityAsync<string>(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .ThrowsAsync(new TaskFailedException("CheckStanding", 0, new TimeoutException("registry down")));

        var failure = await Assert.ThrowsAsync<WorkflowTaskFailedException>(
            () => new DurableWorkflowContext(durable.Object).CallActivityAsync<string>("CheckStanding", "m-1"));

        Assert.Equal(("CheckStanding", 0), (failure.TaskName, failure.TaskId));
        Assert.True(failure.FailureDetails.IsCausedBy<TimeoutException>());
        Assert.Equal("registry down", failure.FailureDetails.ErrorMessage);
    }

    [Fact]
    public async Task An_event_wait_with_a_timeout_races_a_durable_timer_and_is_cancelled_when_it_fires()
    {
        var durable = new Mock<TaskOrchestrationContext>();
        durable.Setup(c => c.CurrentUtcDateTime).Returns(Now);
        durable.Setup(c => c.CreateTimer(It.IsAny<DateTime>(), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);
        durable.Setup(c => c.WaitForExternalEvent<bool>("Approved", It.IsAny<CancellationToken>()))
            .Returns<string, CancellationToken>((_, cancellationToken) =>
            {
                var waiting = new TaskCompletionSource<bool>();
                cancellationToken.Register(() => waiting.TrySetCanceled(cancellationToken));
                return waiting.Task;
            });

        await Assert.ThrowsAsync<TaskCanceledException>(
            () => new DurableWorkflowContext(durable.Object).WaitForExternalEvent<bool>("Approved", TimeSpan.FromMinutes(10)));

        durable.Verify(c => c.CreateTimer(Now.AddMinutes(10), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task Starting_an_existing_instance_again_starts_nothing()
    {
        var durable = new Mock<DurableTaskClient>("test");
        durable.Setup(c => c.GetInstanceAsync("review-m-1", It.IsAny<bool>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new OrchestrationMetadata("Review", "review-m-1") { RuntimeStatus = OrchestrationRuntimeStatus.Completed });

        var started = await new DurableWorkflowClient(durable.Object).ScheduleNewAsync("Review", "m-1", "review-m-1");

        Assert.False(started);
        durable.Verify(
            c => c.ScheduleNewOrchestrationInstanceAsync(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()),
            Times.Never);
    }

    [Fact]
    public async Task A_new_instance_is_scheduled_under_the_given_id()
    {
        var durable = new Mock<DurableTaskClient>("test");
        durable.Setup(c => c.GetInstanceAsync("review-m-1", It.IsAny<bool>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((OrchestrationMetadata?)null);
        durable.Setup(c => c.ScheduleNewOrchestrationInstanceAsync(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync("review-m-1");

        var started = await new DurableWorkflowClient(durable.Object).ScheduleNewAsync("Review", "m-1", "review-m-1");

        Assert.True(started);
        durable.Verify(c => c.ScheduleNewOrchestrationInstanceAsync(
            new TaskName("Review"), "m-1", It.Is<StartOrchestrationOptions?>(o => o!.InstanceId == "review-m-1"), It.IsAny<CancellationToken>()));
    }

    [Fact]
    public void Instance_metadata_maps_to_the_ports_statuses()
    {
        var metadata = new OrchestrationMetadata("Review", "review-m-1")
        {
            RuntimeStatus = OrchestrationRuntimeStatus.Suspended,
            CreatedAt = new DateTimeOffset(Now),
            LastUpdatedAt = new DateTimeOffset(Now.AddMinutes(1)),
            SerializedCustomStatus = "\"awaiting-approval\"",
        };

        var instance = DurableWorkflowClient.ToInstance(metadata);

        Assert.Equal(WorkflowStatus.Running, instance.Status);
        Assert.Equal("awaiting-approval", instance.ReadCustomStatusAs<string>());
        Assert.Equal(new DateTimeOffset(Now), instance.CreatedAt);
    }
}
