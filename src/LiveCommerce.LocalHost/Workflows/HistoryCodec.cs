using System.Buffers;
using System.Text;
using System.Text.Json;
using LiveCommerce.Workflows;

namespace LiveCommerce.LocalHost.Workflows;

/// <summary>
/// History events as compact JSON objects (payloads embedded as JSON, or named by blob when large), so a history row
/// stays readable in a storage browser.
/// </summary>
internal static class HistoryCodec
{
    private const int MaxFailureText = 8_000; // failures stay inline: a Table property holds 32K characters

    public static string Encode(HistoryEvent historyEvent, string? payloadBlob)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            switch (historyEvent)
            {
                case EpisodeStarted started:
                    writer.WriteString("type", "episode");
                    writer.WriteString("at", started.Timestamp);
                    break;
                case ActivityScheduled activity:
                    writer.WriteString("type", "activity");
                    writer.WriteNumber("task", activity.TaskId);
                    writer.WriteString("name", activity.Name);
                    break;
                case TimerCreated timer:
                    writer.WriteString("type", "timer");
                    writer.WriteNumber("task", timer.TaskId);
                    writer.WriteString("fireAt", timer.FireAt);
                    break;
                case SubWorkflowScheduled child:
                    writer.WriteString("type", "subWorkflow");
                    writer.WriteNumber("task", child.TaskId);
                    writer.WriteString("name", child.Name);
                    writer.WriteString("instanceId", child.InstanceId);
                    break;
                case TaskCompleted completed:
                    writer.WriteString("type", "taskCompleted");
                    writer.WriteNumber("task", completed.TaskId);
                    WritePayload(writer, "result", completed.Result, payloadBlob);
                    break;
                case TaskFailed failed:
                    writer.WriteString("type", "taskFailed");
                    writer.WriteNumber("task", failed.TaskId);
                    WriteFailure(writer, failed.Failure);
                    break;
                case TimerFired fired:
                    writer.WriteString("type", "timerFired");
                    writer.WriteNumber("task", fired.TaskId);
                    break;
                case EventRaised raised:
                    writer.WriteString("type", "event");
                    writer.WriteString("name", raised.Name);
                    WritePayload(writer, "payload", raised.Payload, payloadBlob);
                    break;
                case WorkflowCompleted:
                    writer.WriteString("type", "workflowCompleted");
                    break;
                case WorkflowFailed failed:
                    writer.WriteString("type", "workflowFailed");
                    WriteFailure(writer, failed.Failure);
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(historyEvent), historyEvent.GetType().Name, "Unknown history event.");
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>The events of one stored JSON array; a large payload comes back empty, with the blob that holds it.</summary>
    public static List<(HistoryEvent Event, string? PayloadBlob)> DecodeArray(string json)
    {
        using var document = JsonDocument.Parse(json);
        var events = new List<(HistoryEvent, string?)>(document.RootElement.GetArrayLength());
        foreach (var element in document.RootElement.EnumerateArray())
        {
            events.Add(Decode(element));
        }

        return events;
    }

    private static (HistoryEvent Event, string? PayloadBlob) Decode(JsonElement e)
    {
        var type = e.GetProperty("type").GetString();
        int Task() => e.GetProperty("task").GetInt32();
        string Text(string name) => e.GetProperty(name).GetString()!;
        DateTime Time(string name) => e.GetProperty(name).GetDateTimeOffset().UtcDateTime;
        string? Payload(string name) => e.TryGetProperty(name, out var payload) ? payload.GetRawText() : null;
        string? Blob(string name) => e.TryGetProperty(name + "Blob", out var blob) ? blob.GetString() : null;
        WorkflowFailureDetails Failure() => new(
            Text("errorType"), Text("message"), e.TryGetProperty("stackTrace", out var stack) ? stack.GetString() : null);

        return type switch
        {
            "episode" => (new EpisodeStarted(Time("at")), null),
            "activity" => (new ActivityScheduled(Task(), Text("name")), null),
            "timer" => (new TimerCreated(Task(), Time("fireAt")), null),
            "subWorkflow" => (new SubWorkflowScheduled(Task(), Text("name"), Text("instanceId")), null),
            "taskCompleted" => (new TaskCompleted(Task(), Payload("result")), Blob("result")),
            "taskFailed" => (new TaskFailed(Task(), Failure()), null),
            "timerFired" => (new TimerFired(Task()), null),
            "event" => (new EventRaised(Text("name"), Payload("payload")), Blob("payload")),
            "workflowCompleted" => (new WorkflowCompleted(), null),
            "workflowFailed" => (new WorkflowFailed(Failure()), null),
            _ => throw new InvalidDataException($"Unknown history event type '{type}'."),
        };
    }

    private static void WritePayload(Utf8JsonWriter writer, string name, string? payload, string? payloadBlob)
    {
        if (payloadBlob is not null)
        {
            writer.WriteString(name + "Blob", payloadBlob);
        }
        else if (payload is not null)
        {
            writer.WritePropertyName(name);
            writer.WriteRawValue(payload);
        }
    }

    private static void WriteFailure(Utf8JsonWriter writer, WorkflowFailureDetails failure)
    {
        writer.WriteString("errorType", failure.ErrorType);
        writer.WriteString("message", Shorten(failure.ErrorMessage));
        if (failure.StackTrace is not null)
        {
            writer.WriteString("stackTrace", Shorten(failure.StackTrace));
        }
    }

    internal static string Shorten(string text) => text.Length <= MaxFailureText ? text : text[..MaxFailureText] + "…";
}
