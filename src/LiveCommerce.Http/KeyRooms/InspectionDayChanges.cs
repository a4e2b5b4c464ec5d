using LiveCommerce.Domain;
using LiveCommerce.Domain.KeyRooms;
using LiveCommerce.Http.Json;
using NodaTime;

namespace LiveCommerce.Http.KeyRooms;

/// <summary>
/// A replan's changes to a stored day: sessions and inspectors removed (first), then added. Removing what is not
/// there, or adding an id that is, is an error: a silent no-op would hide a typo in an operator's call.
/// </summary>
internal sealed record InspectionDayChanges(
    IReadOnlyList<LiveSession> AddSessions,
    IReadOnlyList<string> RemoveSessionIds,
    IReadOnlyList<Inspector> AddInspectors,
    IReadOnlyList<string> RemoveInspectorIds)
{
    public bool IsEmpty => AddSessions.Count + RemoveSessionIds.Count + AddInspectors.Count + RemoveInspectorIds.Count == 0;

    /// <summary>Reads the change set and checks it on its own (before the stored day is read).</summary>
    public static InspectionDayChanges Read(ReplanRequest body, LocalDate date, RequestValidator v)
    {
        var addSessions = body.AddSessions is null ? [] : InspectionRequestReader.ReadSessions(body.AddSessions, "addSessions", v);
        var addInspectors = body.AddInspectors is null ? [] : InspectionRequestReader.ReadInspectors(body.AddInspectors, "addInspectors", v);
        var removeSessionIds = Ids(body.RemoveSessionIds, "removeSessionIds", InspectionRequestReader.MaxSessions, v);
        var removeInspectorIds = Ids(body.RemoveInspectorIds, "removeInspectorIds", InspectionRequestReader.MaxInspectors, v);
        InspectionRequestReader.RequireStartOn(date, addSessions, "addSessions", v);
        var additions = new ScheduleRequest(
            ChinaTime.StartOf(date), ChinaTime.StartOf(date.PlusDays(1)), InspectionRequestReader.DefaultSlotMinutes, addSessions, addInspectors);
        InspectionRequestReader.AddSchedulerProblems(additions, v, "addSessions", "addInspectors");
        return new InspectionDayChanges(addSessions, removeSessionIds, addInspectors, removeInspectorIds);
    }

    /// <summary>
    /// The stored day with the changes applied; errors name the change that does not fit the day. Ids that did not
    /// read (empty) were reported already and are skipped here.
    /// </summary>
    public ScheduleRequest ApplyTo(ScheduleRequest stored, RequestValidator v)
    {
        var sessions = stored.Sessions.ToDictionary(s => s.SessionId, StringComparer.Ordinal);
        var inspectors = stored.Inspectors.ToDictionary(i => i.InspectorId, StringComparer.Ordinal);
        Remove(sessions, RemoveSessionIds, "removeSessionIds", "session", v);
        Remove(inspectors, RemoveInspectorIds, "removeInspectorIds", "inspector", v);
        for (var k = 0; k < AddSessions.Count; k++)
        {
            if (AddSessions[k].SessionId.Length > 0 && !sessions.TryAdd(AddSessions[k].SessionId, AddSessions[k]))
            {
                v.Add($"addSessions[{k}].sessionId", "DUPLICATE", $"Session '{AddSessions[k].SessionId}' is already planned that day; remove it in the same call to replace it.");
            }
        }

        for (var k = 0; k < AddInspectors.Count; k++)
        {
            if (AddInspectors[k].InspectorId.Length > 0 && !inspectors.TryAdd(AddInspectors[k].InspectorId, AddInspectors[k]))
            {
                v.Add($"addInspectors[{k}].inspectorId", "DUPLICATE", $"Inspector '{AddInspectors[k].InspectorId}' is already on that day's roster; remove them in the same call to replace them.");
            }
        }

        if (sessions.Count > InspectionRequestReader.MaxSessions)
        {
            v.Add("addSessions", "TOO_MANY_ITEMS", $"A day holds at most {InspectionRequestReader.MaxSessions:N0} sessions.");
        }

        if (inspectors.Count > InspectionRequestReader.MaxInspectors)
        {
            v.Add("addInspectors", "TOO_MANY_ITEMS", $"A day holds at most {InspectionRequestReader.MaxInspectors:N0} inspectors.");
        }

        // Stored order first, additions after: the plan does not depend on order, the stored document reads better.
        return stored with
        {
            Sessions = Kept(stored.Sessions.Concat(AddSessions), sessions, s => s.SessionId),
            Inspectors = Kept(stored.Inspectors.Concat(AddInspectors), inspectors, i => i.InspectorId),
        };
    }

    // The objects still on the day, in order: a removed-and-re-added id keeps only its new object.
    private static List<T> Kept<T>(IEnumerable<T> candidates, Dictionary<string, T> present, Func<T, string> id)
        where T : class =>
        [.. candidates.Where(x => present.TryGetValue(id(x), out var kept) && ReferenceEquals(kept, x))];

    private static void Remove<T>(Dictionary<string, T> present, IReadOnlyList<string> ids, string field, string what, RequestValidator v)
    {
        for (var k = 0; k < ids.Count; k++)
        {
            if (ids[k].Length > 0 && !present.Remove(ids[k]))
            {
                v.Add($"{field}[{k}]", "INVALID_VALUE", $"There is no {what} '{ids[k]}' on that day.");
            }
        }
    }

    private static IReadOnlyList<string> Ids(IReadOnlyList<string>? ids, string field, int max, RequestValidator v)
    {
        var list = v.OptionalList(ids, field, max);
        return [.. list.Select((id, k) => v.RequiredString(id, $"{field}[{k}]", InspectionRequestReader.MaxIdLength))];
    }
}
