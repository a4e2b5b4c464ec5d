using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using LiveCommerce.Domain.Identity;
using NodaTime;

namespace LiveCommerce.Domain.Tests.Identity;

public class ResidentIdNumberProperties
{
    [Property]
    public Property Every_number_with_a_computed_check_character_parses() =>
        Prop.ForAll(IdentityGen.ValidIdNumbers.ToArbitrary(), raw =>
            ResidentIdNumber.TryParse(raw, IdentityGen.AsOf, out var id, out _) && id.Value == raw);

    [Property]
    public Property Every_single_character_change_of_a_valid_number_fails() =>
        Prop.ForAll(
            IdentityGen.SingleCharacterChanges(IdentityGen.ValidIdNumbers, "0123456789X").ToArbitrary(),
            change => !ResidentIdNumber.TryParse(change.Changed, IdentityGen.AsOf, out _, out _));

    [Property]
    public Property The_masked_form_never_contains_the_middle_characters() =>
        Prop.ForAll(IdentityGen.ValidIdNumbers.ToArbitrary(), raw =>
        {
            ResidentIdNumber.TryParse(raw, IdentityGen.AsOf, out var id, out _);
            var masked = id!.Masked;
            return masked.Length == 18
                && masked[..3] == raw[..3]
                && masked[3..14] == new string('*', 11)
                && masked[14..] == raw[14..]
                && id.ToString() == masked;
        });

    [Property]
    public Property Mask_never_reveals_more_than_three_leading_and_two_trailing_characters() =>
        Prop.ForAll(ArbMap.Default.ArbFor<string>(), raw =>
        {
            var masked = ResidentIdNumber.Mask(raw);
            return masked == "***" || (masked.Length >= 10 && masked[3..^2].All(c => c == '*'));
        });

    [Property]
    public Property A_person_is_16_on_the_16th_birthday_and_15_the_day_before() =>
        Prop.ForAll(IdentityGen.BirthDates.Where(b => b.Year <= 2009).ToArbitrary(), birth =>
        {
            var id = Parse(IdNumbers.BornOn(birth));
            var birthday = SixteenthBirthday(birth);
            return id.AgeOn(birthday) == 16 && id.AgeOn(birthday.PlusDays(-1)) == 15;
        });

    [Property]
    public Property Age_counts_whole_years_since_birth() =>
        Prop.ForAll(
            IdentityGen.BirthDates.Zip(Gen.Choose(0, 120)).ToArbitrary(),
            x =>
            {
                var (birth, years) = x;
                var id = Parse(IdNumbers.BornOn(birth, sequence: "001"));
                var anniversary = birth.PlusYears(years);
                // PlusYears moves 29 February to 28 February; the age rule waits for 1 March.
                var reached = birth is { Month: 2, Day: 29 } && anniversary.Day == 28
                    ? anniversary.PlusDays(1)
                    : anniversary;
                return id.AgeOn(reached) == years && id.AgeOn(reached.PlusDays(-1)) == years - 1;
            });

    [Theory]
    [InlineData(2008, 2024, 2, 29)] // 2024 is a leap year: the birthday itself
    [InlineData(1884, 1900, 3, 1)] // 1900 is not: 1 March, never 28 February
    public void A_29_February_birth_reaches_16_on_29_February_or_else_1_March(
        int birthYear, int year, int month, int day)
    {
        var id = Parse(IdNumbers.BornOn(new LocalDate(birthYear, 2, 29)));
        var birthday = new LocalDate(year, month, day);

        Assert.Equal(16, id.AgeOn(birthday));
        Assert.Equal(15, id.AgeOn(birthday.PlusDays(-1)));
    }

    [Fact]
    public void A_29_February_birth_is_still_17_on_28_February_of_a_common_year()
    {
        var id = Parse(IdNumbers.BornOn(new LocalDate(2008, 2, 29)));

        Assert.Equal(17, id.AgeOn(new LocalDate(2026, 2, 28)));
        Assert.Equal(18, id.AgeOn(new LocalDate(2026, 3, 1)));
    }

    private static LocalDate SixteenthBirthday(LocalDate birth) =>
        birth is { Month: 2, Day: 29 } && !CalendarSystem.Iso.IsLeapYear(birth.Year + 16)
            ? new LocalDate(birth.Year + 16, 3, 1)
            : new LocalDate(birth.Year + 16, birth.Month, birth.Day);

    private static ResidentIdNumber Parse(string raw) =>
        ResidentIdNumber.TryParse(raw, IdentityGen.AsOf, out var id, out var error)
            ? id
            : throw new InvalidOperationException(error);
}
