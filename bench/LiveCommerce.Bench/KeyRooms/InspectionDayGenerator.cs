using LiveCommerce.Domain;
using LiveCommerce.Domain.KeyRooms;
using NodaTime;

namespace LiveCommerce.Bench.KeyRooms;

/// <summary>
/// A seeded, plausible day of live commerce in Asia/Shanghai: most sessions in the evening, one to three hours
/// long, about a fifth of them key (far more often in food, drug, device and cosmetics rooms); inspectors on early,
/// day, late or split shifts with two to four category skills and room for two to five concurrent key sessions.
/// </summary>
public static class InspectionDayGenerator
{
    private static readonly (string Category, int Weight, double KeyShare)[] Categories =
    [
        ("general", 18, 0.08), ("apparel", 20, 0.08), ("electronics", 10, 0.10), ("publications", 3, 0.05),
        ("food", 12, 0.35), ("prepackaged_food", 10, 0.30), ("cosmetics", 12, 0.30), ("special_cosmetics", 4, 0.45),
        ("health_food", 4, 0.50), ("otc_drugs", 3, 0.60), ("medical_device_class2", 2, 0.55), ("medical_device_class3", 2, 0.70),
    ];

    private static readonly int[] SessionMinutes = [30, 60, 60, 90, 120, 120, 180, 240];

    // Shift patterns as (start hour, end hour) stints, with how common each is.
    private static readonly ((int From, int To)[] Stints, int Weight)[] ShiftPatterns =
    [
        ([(6, 14)], 12), ([(9, 17)], 18), ([(12, 20)], 22), ([(16, 24)], 30), ([(10, 14), (18, 24)], 10), ([(14, 22)], 8),
    ];

    public static ScheduleRequest Generate(int seed, int sessionCount, int inspectorCount, int slotMinutes)
    {
        var random = new Random(seed);
        var day = new LocalDate(2026, 3, 2);
        var from = ChinaTime.StartOf(day);
        var to = ChinaTime.StartOf(day.PlusDays(1));
        var rooms = Math.Max(1, sessionCount * 3 / 10);

        var sessions = new List<LiveSession>(sessionCount);
        for (var k = 0; k < sessionCount; k++)
        {
            var (category, keyShare) = PickCategory(random);
            var startMinute = StartMinute(random);
            var length = SessionMinutes[random.Next(SessionMinutes.Length)];
            var endMinute = Math.Min(startMinute + length, 24 * 60);
            sessions.Add(new LiveSession(
                $"s{k:D5}",
                $"r{random.Next(rooms):D5}",
                from + Duration.FromMinutes(startMinute),
                from + Duration.FromMinutes(endMinute),
                random.NextDouble() < keyShare ? Tier.Key : Tier.Standard,
                category));
        }

        var inspectors = new List<Inspector>(inspectorCount);
        for (var k = 0; k < inspectorCount; k++)
        {
            var pattern = Pick(random, ShiftPatterns.Select(p => (p.Stints, p.Weight)).ToArray());
            var shifts = pattern
                .Select(s => new InspectorShift(from + Duration.FromHours(s.From), from + Duration.FromHours(s.To)))
                .ToList();
            var skills = new SortedSet<string>(StringComparer.Ordinal);
            var skillCount = 2 + random.Next(3);
            while (skills.Count < skillCount)
            {
                skills.Add(PickCategory(random).Category);
            }

            inspectors.Add(new Inspector($"i{k:D3}", shifts, skills.ToList(), 2 + random.Next(4)));
        }

        return new ScheduleRequest(from, to, slotMinutes, sessions, inspectors);
    }

    // Minutes after midnight, on a 5-minute grid: a little in the morning, more in the afternoon, most at night.
    private static int StartMinute(Random random)
    {
        var (fromHour, toHour) = random.NextDouble() switch
        {
            < 0.05 => (0, 6),
            < 0.20 => (6, 12),
            < 0.45 => (12, 18),
            _ => (18, 23),
        };
        return (fromHour * 60) + (random.Next((toHour - fromHour) * 12) * 5);
    }

    private static (string Category, double KeyShare) PickCategory(Random random)
    {
        var (category, _, keyShare) = Pick(random, Categories.Select(c => (c, c.Weight)).ToArray());
        return (category, keyShare);
    }

    private static T Pick<T>(Random random, (T Value, int Weight)[] choices)
    {
        var roll = random.Next(choices.Sum(c => c.Weight));
        foreach (var (value, weight) in choices)
        {
            if (roll < weight)
            {
                return value;
            }

            roll -= weight;
        }

        return choices[^1].Value;
    }
}
