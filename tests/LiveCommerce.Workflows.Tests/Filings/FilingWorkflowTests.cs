using System.Text.Json;
using Azure.Storage.Queues;
using LiveCommerce.Domain;
using LiveCommerce.Domain.Filings;
using LiveCommerce.Storage;
using LiveCommerce.Storage.Filings;
using LiveCommerce.Storage.Idempotency;
using LiveCommerce.Workflows.Filings;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace LiveCommerce.Workflows.Tests.Filings;

/// <summary>
/// The filing workflow on the local runner with a fake clock: reminders and the escalation go out at their instants
/// (09:00 Asia/Shanghai on the reminder dates; midnight after the deadline), not a second earlier.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class FilingWorkflowTests(AzuriteFixture fixture) : IAsyncLifetime
{
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(300);

    private readonly RuntimeHarness _harness = new(fixture.Azurite);
    private readonly PlatformId _platform = PlatformId.TryParse("p-" + Guid.NewGuid().ToString("N")[..12], out var p) ? p : default;

    private QueueClient Queue => new(fixture.Azurite.ConnectionString, StorageNames.FilingEscalationsQueue, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });

    public async Task InitializeAsync() => await _harness.Storage.EnsureCreatedAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Reminders_fire_at_9_on_the_reminder_dates_and_the_escalation_at_midnight_after_the_deadline()
    {
        // National Day 2026: event 10-16, deadline Sunday 09-20 (a make-up workday); reminders 09-14, 09-17, 09-20.
        var (input, _) = await RecordAsync("nd", "2026-10-16");
        Assert.Equal(["2026-09-14", "2026-09-17", "2026-09-20"], input.Reminders.Select(r => r.On));
        await using var runtime = await StartAsync();
        var id = FilingWorkflow.InstanceIdFor(_platform.Value, "nd");
        await StartedAsync(runtime, id, input);

        var expected = new List<string>();
        foreach (var reminder in input.Reminders)
        {
            await AtAsync(reminder.At.AddSeconds(-1));
            await NothingNewAsync(expected);

            await AtAsync(reminder.At);
            expected.Add($"reminder:{reminder.WorkingDaysLeft}:{reminder.At.ToOffset(TimeSpan.FromHours(8)):yyyy-MM-dd'T'HH:mm:sszzz}");
            await MessagesAreAsync(expected);
        }

        Assert.Equal(new DateTimeOffset(2026, 9, 20, 16, 0, 0, TimeSpan.Zero), input.LateFrom); // 09-21 00:00 +08:00
        await AtAsync(input.LateFrom.AddSeconds(-1));
        await NothingNewAsync(expected);
        Assert.Equal(FilingStatus.Open, (await Filings.FindAsync(_platform, "nd", default))!.Status);

        await AtAsync(input.LateFrom);
        expected.Add("escalation::2026-09-21T00:00:00+08:00");
        await MessagesAreAsync(expected);
        var done = await runtime.WaitForCompletionAsync(id);
        AssertResult(FilingWorkflowResult.Escalated, [5, 2, 0], done);
        Assert.Equal(FilingStatus.Late, (await Filings.FindAsync(_platform, "nd", default))!.Status);
    }

    [Fact]
    public async Task A_receipt_ends_the_workflow_and_nothing_more_is_sent()
    {
        var (input, _) = await RecordAsync("sf", "2026-10-16");
        await using var runtime = await StartAsync();
        var id = FilingWorkflow.InstanceIdFor(_platform.Value, "sf");
        await StartedAsync(runtime, id, input);

        await AtAsync(input.Reminders[0].At);
        await MessagesCountAsync(1);
        await runtime.Client.RaiseEventAsync(id, FilingWorkflow.ReceiptEvent, new FilingReceiptEvent("R-1", input.Reminders[0].At, "filed"));
        var done = await runtime.WaitForCompletionAsync(id);
        AssertResult(FilingWorkflowResult.Filed, [5], done);

        await AtAsync(input.LateFrom.AddDays(1));
        await Task.Delay(Quiet);
        Assert.Single(await MessagesAsync());
    }

    [Fact]
    public async Task A_filing_recorded_after_its_deadline_is_escalated_at_once_without_late_reminders()
    {
        // Spring Festival 2026: event 03-03, deadline 02-04; the clock already reads May.
        var (input, _) = await RecordAsync("past", "2026-03-03");
        await using var runtime = await StartAsync();
        var id = FilingWorkflow.InstanceIdFor(_platform.Value, "past");
        await runtime.Client.ScheduleNewAsync(FilingWorkflow.Name, input, id);

        var done = await runtime.WaitForCompletionAsync(id);
        AssertResult(FilingWorkflowResult.Escalated, [], done);
        Assert.Equal(["escalation::2026-02-05T00:00:00+08:00"], await MessagesAsync());
    }

    private FilingStore Filings => new(_harness.Storage);

    private static void AssertResult(string outcome, int[] remindersSent, WorkflowInstance done)
    {
        var result = done.ReadOutputAs<FilingWorkflowResult>()!;
        Assert.Equal(outcome, result.Outcome);
        Assert.Equal(remindersSent, result.RemindersSent);
    }

    /// <summary>Starts the workflow and waits until its first episode ran (its clock reading is then recorded).</summary>
    private static async Task StartedAsync(RunningRuntime runtime, string id, FilingWorkflowInput input)
    {
        await runtime.Client.ScheduleNewAsync(FilingWorkflow.Name, input, id);
        await RuntimeHarness.Eventually(async () => (await runtime.Client.GetInstanceAsync(id))?.SerializedCustomStatus is not null, "the workflow started");
    }

    private Task<RunningRuntime> StartAsync() => _harness.StartAsync(s =>
    {
        s.AddSingleton<FilingStore>();
        s.AddSingleton<IFilingNotices, FilingNoticeQueue>();
        s.AddWorkflow<FilingWorkflow>();
        s.AddWorkflowActivity<SendFilingReminderActivity>();
        s.AddWorkflowActivity<EscalateLateFilingActivity>();
    });

    /// <summary>Records a filing as the POST does, and the workflow input it would start.</summary>
    private async Task<(FilingWorkflowInput Input, FilingRecord Filing)> RecordAsync(string eventId, string eventDate)
    {
        var calendar = ChinaOfficialCalendar.Builtin;
        var deadline = FilingDeadline.Compute(NodaTime.Text.LocalDatePattern.Iso.Parse(eventDate).Value, calendar).Value;
        var reminders = deadline.Reminders(calendar).Value;
        var now = Instant.FromDateTimeOffset(_harness.Time.GetUtcNow());
        var filing = new FilingRecord(eventId, "{}", deadline, FilingLifecycle.Created(deadline, now), now, null);
        await Filings.CreateAsync(_platform, filing, null, new StoredResponse(201, "{}"), default);

        var input = new FilingWorkflowInput(
            _platform.Value,
            eventId,
            NodaTime.Text.LocalDatePattern.Iso.Format(deadline.Date),
            [.. reminders.Select(r => new ReminderPlan(r.WorkingDaysLeft, NodaTime.Text.LocalDatePattern.Iso.Format(r.On), r.At.ToDateTimeOffset()))],
            deadline.LateFrom.ToDateTimeOffset());
        return (input, filing);
    }

    private Task AtAsync(DateTimeOffset at)
    {
        _harness.Time.SetUtcNow(at);
        return Task.CompletedTask;
    }

    /// <summary>This platform's messages as "kind:workingDaysLeft:at", oldest first.</summary>
    private async Task<List<string>> MessagesAsync()
    {
        var messages = await Queue.PeekMessagesAsync(32);
        return [.. messages.Value
            .Select(m => JsonDocument.Parse(m.Body.ToString()).RootElement)
            .Where(m => m.GetProperty("platform").GetString() == _platform.Value)
            .Select(m => $"{m.GetProperty("kind").GetString()}:{(m.TryGetProperty("workingDaysLeft", out var left) ? left.GetInt32().ToString() : "")}:{m.GetProperty("at").GetString()}")];
    }

    private async Task MessagesAreAsync(List<string> expected)
    {
        await RuntimeHarness.Eventually(async () => (await MessagesAsync()).Count >= expected.Count, $"{expected.Count} messages");
        Assert.Equal(expected, await MessagesAsync());
    }

    private async Task MessagesCountAsync(int count)
    {
        try
        {
            await RuntimeHarness.Eventually(async () => (await MessagesAsync()).Count == count, $"{count} messages");
        }
        catch (TimeoutException)
        {
            throw new TimeoutException(string.Join(" | ", await MessagesAsync()) + " now " + _harness.Time.GetUtcNow());
        }
    }

    private async Task NothingNewAsync(List<string> expected)
    {
        await Task.Delay(Quiet);
        Assert.Equal(expected, await MessagesAsync());
    }
}
