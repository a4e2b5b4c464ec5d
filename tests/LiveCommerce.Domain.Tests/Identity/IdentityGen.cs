using FsCheck;
using FsCheck.Fluent;
using LiveCommerce.Domain.Identity;
using NodaTime;

namespace LiveCommerce.Domain.Tests.Identity;

/// <summary>FsCheck generators for the identity domain.</summary>
internal static class IdentityGen
{
    /// <summary>Every check in these properties is made on this date.</summary>
    public static readonly LocalDate AsOf = new(2026, 3, 10);

    private static readonly int[] Provinces =
    [
        11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54,
        61, 62, 63, 64, 65, 81, 82, 83,
    ];

    private static readonly LocalDate Earliest = new(1900, 1, 1);

    /// <summary>Any day from 1900 to <see cref="AsOf"/>, and often 29 February of a leap year since 1800.</summary>
    public static Gen<LocalDate> BirthDates { get; } = Gen.Frequency(
        (5, Gen.Choose(0, Period.Between(Earliest, AsOf, PeriodUnits.Days).Days).Select(Earliest.PlusDays)),
        (1, Gen.Choose(1800, 2024).Where(CalendarSystem.Iso.IsLeapYear).Select(year => new LocalDate(year, 2, 29))));

    private static Gen<string> Regions { get; } = Gen.OneOf(
        from province in Gen.Elements(Provinces)
        from county in Gen.Choose(0, 9999)
        select $"{province:00}{county:0000}",
        Gen.Choose(0, 99999).Select(rest => $"9{rest:00000}"));

    /// <summary>Valid ID numbers: real regions and birth dates, every sequence code, the computed check.</summary>
    public static Gen<string> ValidIdNumbers { get; } =
        from region in Regions
        from birth in BirthDates
        from sequence in Gen.Choose(0, 999)
        select IdNumbers.BornOn(birth, region, $"{sequence:000}");

    private static Gen<char> CreditCodeChars { get; } = Gen.Elements(CreditCode.Charset.ToCharArray());

    /// <summary>Valid credit codes: any symbols of the set, digits at positions 3-8, the computed check.</summary>
    public static Gen<string> ValidCreditCodes { get; } =
        from head in CreditCodeChars.Two()
        from region in Gen.Choose(0, 999999)
        from subject in Gen.ArrayOf(CreditCodeChars, 9)
        select CreditCodes.WithCheck($"{head.Item1}{head.Item2}{region:000000}{new string(subject)}");

    /// <summary>A position in an identifier and a replacement character different from the one there.</summary>
    public static Gen<(string Original, string Changed)> SingleCharacterChanges(Gen<string> valid, string alphabet) =>
        from original in valid
        from position in Gen.Choose(0, original.Length - 1)
        from replacement in Gen.Elements(alphabet.Where(c => c != original[position]).ToArray())
        select (original, string.Concat(original.AsSpan(0, position), [replacement], original.AsSpan(position + 1)));
}
