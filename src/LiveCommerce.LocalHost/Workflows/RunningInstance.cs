using Azure;
using LiveCommerce.Workflows;

namespace LiveCommerce.LocalHost.Workflows;

/// <summary>Something for an instance's next episode: an input event, or (null) just "replay and carry on".</summary>
/// <param name="Recorded">Completed once the event is stored (or dropped because the instance finished).</param>
internal sealed record Delivery(HistoryEvent? Event, TaskCompletionSource? Recorded = null);

internal enum DeliveryOutcome
{
    /// <summary>The instance was idle: the caller queues it for an episode.</summary>
    Queued,

    /// <summary>An episode is queued or running and will take it.</summary>
    Pending,

    /// <summary>The instance left memory (finished, or dropped to be reloaded): the caller redirects the delivery.</summary>
    Retired,
}

/// <summary>
/// An unfinished instance held in memory: its history, a mailbox, and the activities, timers and children it has in
/// flight. Episodes run one at a time per instance, so everything but the mailbox is touched by one thread at a time.
/// </summary>
internal sealed class RunningInstance(StoredInstance stored)
{
    private readonly object _gate = new();
    private List<Delivery> _mailbox = [];
    private bool _scheduled;
    private volatile bool _retired;
    private volatile bool _hasRun;
    private volatile InstanceRecord _record = stored.Record;

    public string InstanceId => _record.InstanceId;

    /// <summary>The instance row as stored.</summary>
    public InstanceRecord Record
    {
        get => _record;
        set => _record = value;
    }

    /// <summary>Every event executed so far: the first <see cref="StoredCount"/> are stored, the rest wait for the next write.</summary>
    public List<HistoryEvent> History { get; } = stored.History;

    public int StoredCount { get; set; } = stored.History.Count;

    public ETag ETag { get; set; } = stored.ETag;

    public HashSet<int> RunningActivities { get; } = [];

    public HashSet<int> StartedSubWorkflows { get; } = [];

    /// <summary>Armed durable timers by task id (null: it was due already and fired at once).</summary>
    public Dictionary<int, ITimer?> ArmedTimers { get; } = [];

    public TaskCompletionSource<WorkflowInstance> Finished { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool IsRetired => _retired;

    public void MarkRun() => _hasRun = true;

    /// <summary>What a client sees: the stored row, shown Running once the code has run (activities may be under way).</summary>
    public WorkflowInstance Snapshot()
    {
        var record = _record;
        return record.Status == WorkflowStatus.Pending && _hasRun
            ? (record with { Status = WorkflowStatus.Running }).ToInstance()
            : record.ToInstance();
    }

    public DeliveryOutcome Deliver(Delivery delivery)
    {
        lock (_gate)
        {
            if (_retired)
            {
                return DeliveryOutcome.Retired;
            }

            _mailbox.Add(delivery);
            if (_scheduled)
            {
                return DeliveryOutcome.Pending;
            }

            _scheduled = true;
            return DeliveryOutcome.Queued;
        }
    }

    public List<Delivery> TakeMailbox()
    {
        lock (_gate)
        {
            (var taken, _mailbox) = (_mailbox, []);
            return taken;
        }
    }

    /// <summary>Ends an episode; true when more arrived meanwhile and the instance must be queued again.</summary>
    public bool EndEpisode()
    {
        lock (_gate)
        {
            _scheduled = _mailbox.Count > 0 && !_retired;
            return _scheduled;
        }
    }

    /// <summary>Takes the instance out of service; returns what was still in its mailbox.</summary>
    public List<Delivery> Retire()
    {
        lock (_gate)
        {
            _retired = true;
            (var left, _mailbox) = (_mailbox, []);
            return left;
        }
    }

    public void DisarmTimers()
    {
        foreach (var timer in ArmedTimers.Values)
        {
            timer?.Dispose();
        }

        ArmedTimers.Clear();
    }
}
