using LiveCommerce.Domain;
using LiveCommerce.Domain.KeyRooms;
using LiveCommerce.Http.Json;
using LiveCommerce.Http.Problems;
using NodaTime;
using NodaTime.Text;

namespace LiveCommerce.Http.KeyRooms;

/// <summary>
/// Turns the wire's sessions and inspectors into the scheduler's types, collecting every field error. A field that
/// does not parse gets a placeholder, so the lists keep their indexes and <see cref="ScheduleRequest.Validate"/> can
/// still check the rest; its findings on a field already reported are dropped.
/// </summary>
internal static class InspectionRequestReader
{
    public const int MaxSessions = 20_000;
    public const int MaxInspectors = 2_000;
    public const int MinSlotMinutes = 5;
    public const int MaxSlotMinutes = 240;
    public const int DefaultSlotMinutes = 15;
    public const int MaxShifts = 50;
    public const int MaxSkills = 100;
    public const int MaxConcurrentRooms = 100;
    public const int MaxIdLength = 64;

    /// <summary>A schedule window spans at most a week.</summary>
    public static readonly Duration MaxWindow = Duration.FromDays(7);

    private static readonly string[] TierIds = ["key", "standard"];

    /// <summary>413 when a list is longer than a request may carry; null when both fit.</summary>
    public static Problem? TooLarge(int sessions, int inspectors) =>
        sessions > MaxSessions
            ? Problem.PayloadTooLarge($"A schedule takes at most {MaxSessions:N0} sessions; this one has {sessions:N0}. Split the window.")
            : inspectors > MaxInspectors
                ? Problem.PayloadTooLarge($"A schedule takes at most {MaxInspectors:N0} inspectors; this one has {inspectors:N0}.")
                : null;

    public static List<LiveSession> ReadSessions(IReadOnlyList<SessionBody>? bodies, string field, RequestValidator v)
    {
        var list = v.RequiredList(bodies, field, MaxSessions, allowEmpty: true);
        var sessions = new List<LiveSession>(list.Count);
        for (var k = 0; k < list.Count; k++)
        {
            sessions.Add(ReadSession(list[k], $"{field}[{k}]", v));
        }

        return sessions;
    }

    public static List<Inspector> ReadInspectors(IReadOnlyList<InspectorBody>? bodies, string field, RequestValidator v)
    {
        var list = v.RequiredList(bodies, field, MaxInspectors, allowEmpty: true);
        var inspectors = new List<Inspector>(list.Count);
        for (var k = 0; k < list.Count; k++)
        {
            inspectors.Add(ReadInspector(list[k], $"{field}[{k}]", v));
        }

        return inspectors;
    }

    public static LiveSession ReadSession(SessionBody? body, string at, RequestValidator v)
    {
        if (body is null)
        {
            v.Add(at, "REQUIRED", $"'{at}' must be an object.");
            return new LiveSession(string.Empty, string.Empty, default, default, Tier.Standard, string.Empty);
        }

        Tier? tier = body.Tier switch
        {
            "key" => Tier.Key,
            "standard" => Tier.Standard,
            _ => null,
        };
        if (tier is null)
        {
            v.Add($"{at}.tier", body.Tier is null ? "REQUIRED" : "INVALID_VALUE",
                body.Tier is null ? $"'{at}.tier' is required." : $"'{body.Tier}' is not one of: {string.Join(", ", TierIds)}.");
        }

        return new LiveSession(
            v.RequiredString(body.SessionId, $"{at}.sessionId", MaxIdLength),
            v.RequiredString(body.RoomId, $"{at}.roomId", MaxIdLength),
            v.Time(body.Start, $"{at}.start", required: true) ?? default,
            v.Time(body.End, $"{at}.end", required: true) ?? default,
            tier ?? Tier.Standard,
            v.RequiredString(body.Category, $"{at}.category", MaxIdLength));
    }

    public static Inspector ReadInspector(InspectorBody? body, string at, RequestValidator v)
    {
        if (body is null)
        {
            v.Add(at, "REQUIRED", $"'{at}' must be an object.");
            return new Inspector(string.Empty, [], [], 0);
        }

        var shifts = v.RequiredList(body.Shifts, $"{at}.shifts", MaxShifts, allowEmpty: true);
        var readShifts = new List<InspectorShift>(shifts.Count);
        for (var j = 0; j < shifts.Count; j++)
        {
            var path = $"{at}.shifts[{j}]";
            if (shifts[j] is not { } shift)
            {
                v.Add(path, "REQUIRED", $"'{path}' must be an object.");
                readShifts.Add(new InspectorShift(default, Instant.MaxValue));
                continue;
            }

            readShifts.Add(new InspectorShift(
                v.Time(shift.Start, $"{path}.start", required: true) ?? default,
                v.Time(shift.End, $"{path}.end", required: true) ?? default));
        }

        var skills = v.RequiredList(body.Skills, $"{at}.skills", MaxSkills, allowEmpty: true);
        var readSkills = new List<string>(skills.Count);
        for (var j = 0; j < skills.Count; j++)
        {
            readSkills.Add(v.RequiredString(skills[j], $"{at}.skills[{j}]", MaxIdLength));
        }

        return new Inspector(
            v.RequiredString(body.InspectorId, $"{at}.inspectorId", MaxIdLength),
            readShifts,
            readSkills,
            (int)v.Range(body.MaxConcurrentRooms, $"{at}.maxConcurrentRooms", 0, MaxConcurrentRooms));
    }

    /// <summary>
    /// The window [from, to), at most <see cref="MaxWindow"/> long. When a bound is missing or the window too long,
    /// an error is recorded and a one-day (or clamped) placeholder returned, so the scheduler's checks do not
    /// report the same fault again under another field.
    /// </summary>
    public static (Instant From, Instant To) ReadWindow(string? fromText, string? toText, RequestValidator v)
    {
        var from = v.Time(fromText, "from", required: true);
        var to = v.Time(toText, "to", required: true);
        var windowFrom = from ?? (to is { } end ? end - Duration.FromDays(1) : Instant.FromUnixTimeSeconds(0));
        var windowTo = to ?? windowFrom + Duration.FromDays(1);
        if (windowTo - windowFrom > MaxWindow)
        {
            v.Add("to", "OUT_OF_RANGE", $"A schedule window spans at most {MaxWindow.Days} days.");
            windowTo = windowFrom + MaxWindow;
        }

        return (windowFrom, windowTo);
    }

    public static int ReadSlotMinutes(int? value, RequestValidator v, bool required) =>
        value is null && !required
            ? DefaultSlotMinutes
            : (int)v.Range(value, "slotMinutes", MinSlotMinutes, MaxSlotMinutes);

    /// <summary>A planning day from a route segment: an ISO date this century.</summary>
    public static LocalDate? ReadDate(string text, RequestValidator v)
    {
        var date = v.Date(text, "date", required: true);
        if (date is { } d && (d.Year < 2000 || d.Year > 2099))
        {
            v.Add("date", "OUT_OF_RANGE", "'date' must lie between 2000-01-01 and 2099-12-31.");
            return null;
        }

        return date;
    }

    /// <summary>A day's sessions start on that day (Asia/Shanghai); they may run past its midnight.</summary>
    public static void RequireStartOn(LocalDate date, IReadOnlyList<LiveSession> sessions, string field, RequestValidator v)
    {
        var (dayStart, dayEnd) = (ChinaTime.StartOf(date), ChinaTime.StartOf(date.PlusDays(1)));
        var reported = v.Errors.Select(e => e.Field).ToHashSet(StringComparer.Ordinal);
        for (var k = 0; k < sessions.Count; k++)
        {
            var at = $"{field}[{k}].start";
            if ((sessions[k].Start < dayStart || sessions[k].Start >= dayEnd) && !Covered(at, reported))
            {
                v.Add(at, "OUT_OF_RANGE", $"'{at}' must fall on {LocalDatePattern.Iso.Format(date)} in Asia/Shanghai (sessions belong to the day they start).");
            }
        }
    }

    /// <summary>
    /// The scheduler's own checks (window order, session and shift order, unique ids), reported as field errors
    /// unless the field, or an object containing it, already has one. The lists may be named differently on the
    /// wire (a replan's <c>addSessions</c>).
    /// </summary>
    public static void AddSchedulerProblems(ScheduleRequest request, RequestValidator v, string sessionsField = "sessions", string inspectorsField = "inspectors")
    {
        var reported = v.Errors.Select(e => e.Field).ToHashSet(StringComparer.Ordinal);
        foreach (var problem in request.Validate())
        {
            var field = Renamed(problem.Field ?? "$", "sessions", sessionsField);
            field = Renamed(field, "inspectors", inspectorsField);
            if (!Covered(field, reported))
            {
                v.Add(field, "INVALID_VALUE", Sentence(problem));
            }
        }
    }

    private static string Renamed(string field, string from, string to) =>
        field.StartsWith(from, StringComparison.Ordinal) && (field.Length == from.Length || field[from.Length] is '[' or '.')
            ? to + field[from.Length..]
            : field;

    // "sessions[3].end" is covered by an error on itself, "sessions[3]" or "sessions".
    private static bool Covered(string field, HashSet<string> reported)
    {
        for (var cut = field.Length; cut > 0; cut = field.LastIndexOfAny(['.', '['], cut - 1))
        {
            if (reported.Contains(field[..cut]))
            {
                return true;
            }
        }

        return false;
    }

    private static string Sentence(Reason problem) =>
        problem.Message.Length == 0 ? problem.Message : char.ToUpperInvariant(problem.Message[0]) + problem.Message[1..] + ".";
}
