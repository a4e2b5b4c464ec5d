using LiveCommerce.Workflows;

namespace LiveCommerce.LocalHost.Workflows;

/// <summary>What instances wait on: activities (bounded, in DI scopes), durable timers, sub-workflows.</summary>
public sealed partial class LocalWorkflowRuntime
{
    /// <summary>Runs what the code waits on and is not yet running; forgets what has its result.</summary>
    private void StartAwaitedWork(RunningInstance instance, ReplayResult result)
    {
        var activities = result.Activities.Select(a => a.TaskId).ToHashSet();
        instance.RunningActivities.RemoveWhere(id => !activities.Contains(id));
        foreach (var activity in result.Activities.Where(a => instance.RunningActivities.Add(a.TaskId)))
        {
            RunInBackground(() => RunActivityAsync(instance, activity));
        }

        var timers = result.Timers.Select(t => t.TaskId).ToHashSet();
        foreach (var done in instance.ArmedTimers.Keys.Where(id => !timers.Contains(id)).ToList())
        {
            instance.ArmedTimers.Remove(done, out var timer);
            timer?.Dispose();
        }

        foreach (var timer in result.Timers.Where(t => !instance.ArmedTimers.ContainsKey(t.TaskId)))
        {
            instance.ArmedTimers[timer.TaskId] = Arm(instance, timer);
        }

        var children = result.SubWorkflows.Select(c => c.TaskId).ToHashSet();
        instance.StartedSubWorkflows.RemoveWhere(id => !children.Contains(id));
        foreach (var child in result.SubWorkflows.Where(c => instance.StartedSubWorkflows.Add(c.TaskId)))
        {
            RunInBackground(() => StartSubWorkflowAsync(instance, child));
        }
    }

    private async Task RunActivityAsync(RunningInstance instance, PendingActivity activity)
    {
        try
        {
            await _activitySlots.WaitAsync(_stopping.Token);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        HistoryEvent outcome;
        try
        {
            if (!_registry.TryGetActivity(activity.Name, out var registration))
            {
                outcome = new TaskFailed(activity.TaskId, new WorkflowFailureDetails(
                    typeof(InvalidOperationException).FullName!, $"No activity named '{activity.Name}' is registered in this host."));
            }
            else
            {
                await using var scope = _scopes.CreateAsyncScope();
                outcome = new TaskCompleted(activity.TaskId, await registration.RunActivityAsync(scope.ServiceProvider, activity.Input, _stopping.Token));
            }
        }
        catch (Exception) when (_stopping.IsCancellationRequested)
        {
            return; // not recorded: the activity runs again when the instance resumes
        }
        catch (Exception ex)
        {
            outcome = new TaskFailed(activity.TaskId, WorkflowFailureDetails.FromException(ex));
        }
        finally
        {
            _activitySlots.Release();
        }

        Deliver(instance, new Delivery(outcome));
    }

    private ITimer? Arm(RunningInstance instance, PendingTimer timer)
    {
        var due = timer.FireAt - _time.GetUtcNow().UtcDateTime;
        if (due <= TimeSpan.Zero)
        {
            Deliver(instance, new Delivery(new TimerFired(timer.TaskId)));
            return null;
        }

        ITimer? handle = null;
        handle = _time.CreateTimer(
            _ =>
            {
                var remaining = timer.FireAt - _time.GetUtcNow().UtcDateTime;
                if (remaining > TimeSpan.Zero)
                {
                    handle?.Change(Min(remaining, LongestTimerWait), Timeout.InfiniteTimeSpan); // a long timer, in steps
                    return;
                }

                Deliver(instance, new Delivery(new TimerFired(timer.TaskId)));
            },
            null,
            Min(due, LongestTimerWait),
            Timeout.InfiniteTimeSpan);
        return handle;
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private async Task StartSubWorkflowAsync(RunningInstance parent, PendingSubWorkflow child)
    {
        try
        {
            if (!IsValidInstanceId(child.InstanceId))
            {
                throw new ArgumentException($"'{child.InstanceId}' is not a valid instance id for a sub-workflow.");
            }

            if (!await CreateInstanceAsync(child.Name, child.Input, child.InstanceId, (parent.InstanceId, child.TaskId), _stopping.Token)
                && await GetLiveAsync(child.InstanceId, _stopping.Token) is { Record: { IsFinished: true } finished })
            {
                // Started before a restart, and finished while this parent was not listening.
                Deliver(parent, new Delivery(ResultFor(child.TaskId, finished)));
            }
        }
        catch (Exception) when (_stopping.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            Deliver(parent, new Delivery(new TaskFailed(child.TaskId, WorkflowFailureDetails.FromException(ex))));
        }
    }

    private static HistoryEvent ResultFor(int taskId, InstanceRecord child) => child switch
    {
        { Status: WorkflowStatus.Completed, Output: var output } => new TaskCompleted(taskId, output),
        { Failure: { } failure } => new TaskFailed(taskId, failure),
        _ => new TaskFailed(taskId, new WorkflowFailureDetails(typeof(OperationCanceledException).FullName!, $"Sub-workflow {child.InstanceId} was {child.Status}.")),
    };
}
