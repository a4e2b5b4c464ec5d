using NodaTime;

namespace LiveCommerce.Domain.Identity;

/// <summary>
/// Age in whole years as civil law counts it (Civil Code art. 1259: "年满16周岁" is met on the 16th birthday). A
/// 29 February birthday is taken as 1 March in non-leap years, so nobody is counted older than they are.
/// </summary>
public static class CivilAge
{
    /// <summary>Full age under the Minors Protection Law art. 2: a minor is a citizen under 18.</summary>
    public const int Majority = 18;

    /// <summary>Whole years from <paramref name="birthDate"/> to <paramref name="date"/>; negative before the birth date.</summary>
    public static int On(LocalDate birthDate, LocalDate date)
    {
        var years = date.Year - birthDate.Year;
        return date < BirthdayIn(birthDate, date.Year) ? years - 1 : years;
    }

    public static bool IsMinorOn(LocalDate birthDate, LocalDate date) => On(birthDate, date) < Majority;

    private static LocalDate BirthdayIn(LocalDate birthDate, int year) =>
        birthDate is { Month: 2, Day: 29 } && !CalendarSystem.Iso.IsLeapYear(year)
            ? new LocalDate(year, 3, 1)
            : new LocalDate(year, birthDate.Month, birthDate.Day);
}
