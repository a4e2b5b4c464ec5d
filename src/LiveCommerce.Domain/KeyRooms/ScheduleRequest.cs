using NodaTime;

namespace LiveCommerce.Domain.KeyRooms;

/// <summary>One live session in the planning window. <see cref="End"/> is exclusive.</summary>
public sealed record LiveSession(
    string SessionId,
    string RoomId,
    Instant Start,
    Instant End,
    Tier Tier,
    string Category);

/// <summary>A stretch of an inspector's working time, [Start, End).</summary>
public sealed record InspectorShift(Instant Start, Instant End);

/// <summary>
/// A content inspector (the NRTA notice's front-line reviewer).
/// </summary>
/// <param name="Skills">Categories the inspector is trained to patrol.</param>
/// <param name="MaxConcurrentRooms">Key sessions the inspector can patrol at the same instant; 0 means the
/// inspector only counts towards the 1:50 ratio.</param>
public sealed record Inspector(
    string InspectorId,
    IReadOnlyList<InspectorShift> Shifts,
    IReadOnlyList<string> Skills,
    int MaxConcurrentRooms);

/// <summary>
/// What to plan: the sessions live in [<see cref="From"/>, <see cref="To"/>) and the inspectors available.
/// Every key session is planned, even one that reaches outside the window; the window only frames the ratio slots.
/// </summary>
public sealed record ScheduleRequest(
    Instant From,
    Instant To,
    int SlotMinutes,
    IReadOnlyList<LiveSession> Sessions,
    IReadOnlyList<Inspector> Inspectors)
{
    /// <summary>A window may hold at most this many ratio slots (a week of 1-minute slots is ~10,000).</summary>
    public const int MaxSlots = 100_000;

    /// <summary>
    /// Problems that make the request unplannable, each with the JSON path of the field; empty when it is valid.
    /// The scheduler refuses a request with problems, so callers check this first and answer 400.
    /// </summary>
    public IReadOnlyList<Reason> Validate()
    {
        var problems = new List<Reason>();
        void Problem(string field, string message) =>
            problems.Add(new Reason(KeyRoomReasonCodes.FieldInvalid, message, field));

        if (To <= From)
        {
            Problem("to", "the window must end after it starts");
        }

        if (SlotMinutes < 1)
        {
            Problem("slotMinutes", "slots must be at least one minute long");
        }
        else if (To > From && (To - From).TotalMinutes / SlotMinutes > MaxSlots)
        {
            Problem("slotMinutes", $"the window holds more than {MaxSlots:N0} slots; use longer slots or a shorter window");
        }

        if (Sessions is null)
        {
            Problem("sessions", "sessions are required");
        }
        else
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var k = 0; k < Sessions.Count; k++)
            {
                var s = Sessions[k];
                var at = $"sessions[{k}]";
                if (s is null)
                {
                    Problem(at, "session is required");
                    continue;
                }

                if (string.IsNullOrEmpty(s.SessionId))
                {
                    Problem($"{at}.sessionId", "sessionId is required");
                }
                else if (!seen.Add(s.SessionId))
                {
                    Problem($"{at}.sessionId", $"sessionId '{s.SessionId}' appears twice");
                }

                if (string.IsNullOrEmpty(s.RoomId))
                {
                    Problem($"{at}.roomId", "roomId is required");
                }

                if (string.IsNullOrEmpty(s.Category))
                {
                    Problem($"{at}.category", "category is required");
                }

                if (s.End <= s.Start)
                {
                    Problem($"{at}.end", "a session must end after it starts");
                }

                if (!Enum.IsDefined(s.Tier))
                {
                    Problem($"{at}.tier", "tier must be key or standard");
                }
            }
        }

        if (Inspectors is null)
        {
            Problem("inspectors", "inspectors are required");
        }
        else
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var k = 0; k < Inspectors.Count; k++)
            {
                var inspector = Inspectors[k];
                var at = $"inspectors[{k}]";
                if (inspector is null)
                {
                    Problem(at, "inspector is required");
                    continue;
                }

                if (string.IsNullOrEmpty(inspector.InspectorId))
                {
                    Problem($"{at}.inspectorId", "inspectorId is required");
                }
                else if (!seen.Add(inspector.InspectorId))
                {
                    Problem($"{at}.inspectorId", $"inspectorId '{inspector.InspectorId}' appears twice");
                }

                if (inspector.MaxConcurrentRooms < 0)
                {
                    Problem($"{at}.maxConcurrentRooms", "maxConcurrentRooms cannot be negative");
                }

                if (inspector.Skills is null)
                {
                    Problem($"{at}.skills", "skills are required (may be empty)");
                }

                if (inspector.Shifts is null)
                {
                    Problem($"{at}.shifts", "shifts are required (may be empty)");
                    continue;
                }

                for (var j = 0; j < inspector.Shifts.Count; j++)
                {
                    if (inspector.Shifts[j] is not { } shift || shift.End <= shift.Start)
                    {
                        Problem($"{at}.shifts[{j}].end", "a shift must end after it starts");
                    }
                }
            }
        }

        return problems;
    }
}
