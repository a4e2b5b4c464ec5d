using LiveCommerce.LocalHost.Workflows;
using LiveCommerce.Workflows.Tests.Samples;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace LiveCommerce.Workflows.Tests;

/// <summary>The replay engine alone: history in, new events and awaited work out. No storage, no threads, no clock.</summary>
public sealed class WorkflowReplayTests
{
    private static readonly DateTime Start = new(2026, 5, 1, 8, 0, 0, DateTimeKind.Utc);
    private static readonly ReviewRequest Request = new("m-1", ["tea", "cups"]);

    [Fact]
    public void First_episode_schedules_the_first_activity_and_nothing_else()
    {
        var driver = new ReplayDriver(typeof(SampleReview), Request);

        var result = driver.Episode(Start);

        Assert.Null(result.Outcome);
        Assert.Equal([new EpisodeStarted(Start), new ActivityScheduled(0, CheckStanding.Name)], result.NewEvents);
        var activity = Assert.Single(result.Activities);
        Assert.Equal(new PendingActivity(0, CheckStanding.Name, "\"m-1\""), activity);
        Assert.Equal("\"checking\"", result.CustomStatus);
    }

    [Fact]
    public void Replaying_the_same_history_twice_gives_the_same_actions_and_reruns_no_finished_activity()
    {
        var driver = new ReplayDriver(typeof(SampleReview), Request);
        driver.Episode(Start);
        driver.Episode(Start.AddSeconds(1), new TaskCompleted(0, "\"good\""));
        driver.Episode(Start.AddSeconds(2), new TaskCompleted(1, "2"));

        var first = driver.Replay(Start.AddSeconds(3));
        var second = driver.Replay(Start.AddSeconds(4));

        Assert.Equal([new EpisodeStarted(Start.AddSeconds(3))], first.NewEvents);
        Assert.Equal([new EpisodeStarted(Start.AddSeconds(4))], second.NewEvents);
        Assert.Empty(first.Activities);
        Assert.Empty(second.Activities);
        Assert.Equal(first.Timers, second.Timers);
        Assert.Equal(new PendingTimer(2, Start.AddSeconds(2) + SampleReview.ApprovalTimeout), Assert.Single(first.Timers));
        Assert.False(first.IsNonDeterministic);
    }

    [Fact]
    public void Two_independent_runs_with_the_same_inputs_write_the_same_history()
    {
        static IReadOnlyList<HistoryEvent> Run()
        {
            var driver = new ReplayDriver(typeof(SampleReview), Request);
            driver.Episode(Start);
            driver.Episode(Start.AddSeconds(1), new TaskCompleted(0, "\"good\""));
            driver.Episode(Start.AddSeconds(2), new TaskCompleted(1, "2"), new EventRaised("approval", "{\"approved\":true,\"reviewer\":\"li\"}"));
            driver.Episode(Start.AddSeconds(3), new TaskCompleted(3, "\"listing-m-1\""));
            return driver.History;
        }

        Assert.Equal(Run(), Run());
    }

    [Fact]
    public void An_event_recorded_before_the_wait_is_taken_by_the_wait()
    {
        var driver = new ReplayDriver(typeof(SampleReview), Request);
        driver.Episode(Start);
        var early = driver.Episode(Start.AddSeconds(1), new EventRaised(SampleReview.ApprovalEvent, "{\"approved\":false,\"reviewer\":\"li\"}"));
        driver.Episode(Start.AddSeconds(2), new TaskCompleted(0, "\"good\""));

        var result = driver.Episode(Start.AddSeconds(3), new TaskCompleted(1, "2"));

        Assert.Contains(new EventRaised(SampleReview.ApprovalEvent, "{\"approved\":false,\"reviewer\":\"li\"}"), early.NewEvents);
        Assert.Equal(new WorkflowOutcome.Completed("{\"standing\":\"good\",\"screenedItems\":2,\"decision\":\"rejected\"}"), result.Outcome);
        Assert.Empty(result.Timers); // the timeout timer was created and cancelled in the same episode
    }

    [Fact]
    public void The_event_timeout_fires_when_its_timer_does()
    {
        var driver = new ReplayDriver(typeof(SampleReview), Request);
        driver.Episode(Start);
        driver.Episode(Start.AddSeconds(1), new TaskCompleted(0, "\"good\""));
        driver.Episode(Start.AddSeconds(2), new TaskCompleted(1, "2"));

        var result = driver.Episode(Start.AddMinutes(31), new TimerFired(2));

        Assert.Equal(new WorkflowOutcome.Completed("{\"standing\":\"good\",\"screenedItems\":2,\"decision\":\"timed-out\"}"), result.Outcome);
    }

    [Fact]
    public void A_changed_orchestrator_fails_with_the_step_and_both_versions()
    {
        var driver = new ReplayDriver(typeof(OrderFlowV1), Request);
        driver.Episode(Start);
        driver.Episode(Start.AddSeconds(1), new TaskCompleted(0, "\"good\""));

        var result = driver.With(typeof(OrderFlowV2)).Replay(Start.AddSeconds(2));

        Assert.True(result.IsNonDeterministic);
        var failure = Assert.IsType<WorkflowOutcome.Failed>(result.Outcome).Failure;
        Assert.Equal(typeof(NonDeterministicWorkflowException).FullName, failure.ErrorType);
        Assert.Equal("Non-deterministic workflow 'OrderFlow' at step 2: the code scheduled activity 'Publish' but history has activity 'ScreenItems'.", failure.ErrorMessage);
        Assert.Equal([new EpisodeStarted(Start.AddSeconds(2)), new WorkflowFailed(failure)], result.NewEvents);
    }

    [Fact]
    public void Code_that_no_longer_takes_a_step_of_its_history_fails_where_history_has_it()
    {
        var driver = new ReplayDriver(typeof(OrderFlowV1), Request);
        driver.Episode(Start);

        var result = driver.With(typeof(OrderFlowWaitingFirst)).Replay(Start.AddSeconds(1));

        var failure = Assert.IsType<WorkflowOutcome.Failed>(result.Outcome).Failure;
        Assert.Equal("Non-deterministic workflow 'OrderFlow' at step 1: history has activity 'CheckStanding' but the code did not schedule it.", failure.ErrorMessage);
    }

    [Fact]
    public void Time_ids_and_logs_come_from_history_on_replay()
    {
        var logs = new ListLogger();
        var driver = new ReplayDriver(typeof(SampleReview), Request, logs);
        driver.Episode(Start);
        driver.Episode(Start.AddSeconds(1), new TaskCompleted(0, "\"good\""));
        driver.Episode(Start.AddSeconds(2), new TaskCompleted(1, "2"));

        var result = driver.Replay(Start.AddHours(5));

        Assert.Equal(new PendingTimer(2, Start.AddSeconds(2) + SampleReview.ApprovalTimeout), Assert.Single(result.Timers));
        Assert.Equal(["Reviewing merchant m-1"], logs.Messages); // four replays, one log line
    }

    [Fact]
    public void New_guids_are_the_same_on_every_replay_and_differ_from_each_other()
    {
        var driver = new ReplayDriver(typeof(TwoGuids), "\"m-1\"");

        var first = Assert.IsType<WorkflowOutcome.Completed>(driver.Replay(Start).Outcome).Output;
        var again = Assert.IsType<WorkflowOutcome.Completed>(driver.Replay(Start).Outcome).Output;
        var later = Assert.IsType<WorkflowOutcome.Completed>(driver.Replay(Start.AddSeconds(1)).Outcome).Output;

        Assert.Equal(first, again);
        Assert.NotEqual(first, later);
        var guids = WorkflowJson.Deserialize<Guid[]>(first)!;
        Assert.NotEqual(guids[0], guids[1]);
        Assert.All(guids, g => Assert.Equal(8, g.Version));
    }

    [Fact]
    public void Retries_wait_on_durable_timers_between_attempts()
    {
        var driver = new ReplayDriver(typeof(RetriedCheck), "\"m-1\"");
        driver.Episode(Start);
        var failure = new Workflows.WorkflowFailureDetails("System.InvalidOperationException", "down");

        var afterFirst = driver.Episode(Start.AddSeconds(1), new TaskFailed(0, failure));
        var secondAttempt = driver.Episode(Start.AddSeconds(11), new TimerFired(1));
        var afterSecond = driver.Episode(Start.AddSeconds(12), new TaskFailed(2, failure));
        driver.Episode(Start.AddSeconds(32), new TimerFired(3));
        var exhausted = driver.Episode(Start.AddSeconds(33), new TaskFailed(4, failure));

        Assert.Equal(new PendingTimer(1, Start.AddSeconds(11)), Assert.Single(afterFirst.Timers));
        Assert.Equal(new PendingActivity(2, CheckStanding.Name, "\"m-1\""), Assert.Single(secondAttempt.Activities));
        Assert.Equal(new PendingTimer(3, Start.AddSeconds(32)), Assert.Single(afterSecond.Timers));
        var failed = Assert.IsType<WorkflowOutcome.Failed>(exhausted.Outcome).Failure;
        Assert.Equal(typeof(WorkflowTaskFailedException).FullName, failed.ErrorType);
        Assert.Equal("Task 'CheckStanding' (#4) failed with an unhandled exception: down", failed.ErrorMessage);
    }

    [Fact]
    public void A_sub_workflow_is_scheduled_with_its_instance_id_and_answered_by_its_output()
    {
        var driver = new ReplayDriver(typeof(ParentReview), Request);

        var first = driver.Episode(Start);
        var done = driver.Episode(Start.AddSeconds(1), new TaskCompleted(0, "2"));

        Assert.Equal(new PendingSubWorkflow(0, ChildScreening.Name, "i-1-screening", "[\"tea\",\"cups\"]"), Assert.Single(first.SubWorkflows));
        Assert.Equal(new WorkflowOutcome.Completed("\"m-1: 2 screened\""), done.Outcome);
    }

    [Fact]
    public void A_result_for_a_task_that_already_has_one_is_ignored()
    {
        var driver = new ReplayDriver(typeof(SampleReview), Request);
        driver.Episode(Start);
        driver.Episode(Start.AddSeconds(1), new TaskCompleted(0, "\"good\""));

        var duplicate = driver.Episode(Start.AddSeconds(2), new TaskCompleted(0, "\"good\""));

        Assert.Equal([new EpisodeStarted(Start.AddSeconds(2))], duplicate.NewEvents);
    }

    [WorkflowName("TwoGuids")]
    private sealed class TwoGuids : IWorkflow<string, Guid[]>
    {
        public Task<Guid[]> RunAsync(WorkflowContext context, string input) => Task.FromResult(new[] { context.NewGuid(), context.NewGuid() });
    }

    /// <summary>A version of the order flow that waits for approval before doing anything.</summary>
    [WorkflowName(OrderFlowV1.Name)]
    private sealed class OrderFlowWaitingFirst : IWorkflow<ReviewRequest, string>
    {
        public async Task<string> RunAsync(WorkflowContext context, ReviewRequest input)
        {
            var approval = await context.WaitForExternalEvent<Approval>("Approval");
            await context.CallActivityAsync<string>(CheckStanding.Name, input.MerchantId);
            return approval.Reviewer;
        }
    }

    /// <summary>Runs episodes the way the runner does, keeping the history in memory.</summary>
    private sealed class ReplayDriver(Type workflow, object input, ILogger? logger = null)
    {
        private readonly string _input = input as string ?? WorkflowJson.Serialize(input);

        public List<HistoryEvent> History { get; } = [];

        public ReplayResult Episode(DateTime now, params HistoryEvent[] inputs)
        {
            var result = Replay(now, inputs);
            History.AddRange(result.NewEvents);
            return result;
        }

        public ReplayResult Replay(DateTime now, params HistoryEvent[] inputs)
        {
            var services = new ServiceCollection();
            var registration = WorkflowRegistration.ForWorkflow(workflow);
            services.AddTransient(workflow);
            using var provider = services.BuildServiceProvider();
            var loggers = logger is null ? (ILoggerFactory)NullLoggerFactory.Instance : new SingleLoggerFactory(logger);
            return WorkflowReplay.Run(new ReplayRequest("i-1", registration.Name, _input, History, now, inputs), registration, provider, loggers);
        }

        public ReplayDriver With(Type changed)
        {
            var driver = new ReplayDriver(changed, _input, logger);
            driver.History.AddRange(History);
            return driver;
        }
    }

    private sealed class SingleLoggerFactory(ILogger logger) : ILoggerFactory
    {
        public ILogger CreateLogger(string categoryName) => logger;

        public void AddProvider(ILoggerProvider provider)
        {
        }

        public void Dispose()
        {
        }
    }

    private sealed class ListLogger : ILogger
    {
        public List<string> Messages { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Messages.Add(formatter(state, exception));
    }
}
