using LiveCommerce.Domain.KeyRooms;
using NodaTime;

namespace LiveCommerce.Domain.Tests.KeyRooms;

/// <summary>
/// Seeded days with too few inspectors, for the exact solver's tests (the bench has its own, plausible generator):
/// every session key, in six categories, mostly in the evening; inspectors with one or two shifts, one to three skills
/// and room for one to three rooms at once. Scarce, mismatched staff is where a greedy plan falls short.
/// </summary>
internal static class UnderstaffedDays
{
    private static readonly string[] Categories = ["food", "cosmetics", "otc_drugs", "health_food", "apparel", "general"];

    public static ScheduleRequest Generate(int seed, int sessionCount, int inspectorCount)
    {
        var random = new Random(seed);
        var from = ScheduleBuilder.Midnight;
        Instant Quarter(int k) => from + Duration.FromMinutes(15 * k);

        var sessions = new List<LiveSession>(sessionCount);
        for (var k = 0; k < sessionCount; k++)
        {
            // Quarters from 08:00; two in three start after 18:00.
            var start = random.Next(3) == 0 ? 32 + random.Next(40) : 72 + random.Next(20);
            var length = 2 + random.Next(11);
            sessions.Add(new LiveSession(
                $"s{k:D4}", $"r{random.Next(Math.Max(1, sessionCount / 2)):D4}", Quarter(start), Quarter(Math.Min(start + length, 96)),
                Tier.Key, Categories[random.Next(Categories.Length)]));
        }

        var inspectors = new List<Inspector>(inspectorCount);
        for (var k = 0; k < inspectorCount; k++)
        {
            var shifts = new List<InspectorShift>();
            var start = 32 + random.Next(48);
            shifts.Add(new InspectorShift(Quarter(start), Quarter(Math.Min(start + 16 + random.Next(17), 96))));
            if (random.Next(4) == 0 && start >= 56)
            {
                shifts.Add(new InspectorShift(Quarter(start - 24), Quarter(start - 8)));
            }

            var skills = Categories.OrderBy(_ => random.Next()).Take(1 + random.Next(3)).ToList();
            inspectors.Add(new Inspector($"i{k:D3}", shifts, skills, 1 + random.Next(3)));
        }

        return new ScheduleRequest(from, from + Duration.FromDays(1), 15, sessions, inspectors);
    }
}
