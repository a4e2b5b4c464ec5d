using LiveCommerce.Domain.Identity;
using NodaTime;

namespace LiveCommerce.Domain.Tests.Identity;

public class ResidentIdNumberTests
{
    private static readonly LocalDate AsOf = new(2026, 1, 1);

    [Theory]
    [InlineData("11010519491231002X", "110105", 1949, 12, 31, "002", Sex.Female)] // GB 11643 sample
    [InlineData("440524188001010014", "440524", 1880, 1, 1, "001", Sex.Male)] // GB 11643 sample
    [InlineData("110105200001011238", "110105", 2000, 1, 1, "123", Sex.Male)]
    [InlineData("440305199003150022", "440305", 1990, 3, 15, "002", Sex.Female)]
    [InlineData("310115201006060076", "310115", 2010, 6, 6, "007", Sex.Male)]
    public void Verified_examples_parse_into_their_parts(
        string raw, string region, int year, int month, int day, string sequence, Sex sex)
    {
        Assert.True(ResidentIdNumber.TryParse(raw, AsOf, out var id, out var error), error);
        Assert.Equal(raw, id.Value);
        Assert.Equal(region, id.RegionCode);
        Assert.Equal(new LocalDate(year, month, day), id.BirthDate);
        Assert.Equal(sequence, id.SequenceCode);
        Assert.Equal(sex, id.Sex);
        Assert.Empty(error);
    }

    [Theory]
    [InlineData("11010519491231002Y", "last character")] // bad check symbol
    [InlineData("110105194902300021", "not a real date")] // 30 February
    [InlineData("11010519491231002", "18 characters")]
    [InlineData("110105194912310021X", "18 characters")]
    [InlineData("11010519491231 02X", "digits")]
    [InlineData("110105194912310021", "check character")]
    [InlineData("10010519491231002X", "province")] // 10 is no province
    [InlineData("71010519491231002X", "province")] // Taiwan's 71 is not used on issued numbers
    [InlineData("110105203001010012", "future")]
    [InlineData("110105170001010012", "before 1800")]
    [InlineData("", "empty")]
    [InlineData("   ", "empty")]
    [InlineData(null, "empty")]
    public void Malformed_numbers_fail_with_a_sentence_about_the_failing_part(string? raw, string expected)
    {
        Assert.False(ResidentIdNumber.TryParse(raw, AsOf, out var id, out var error));
        Assert.Null(id);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.EndsWith(".", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Surrounding_whitespace_and_lower_case_x_are_accepted_and_normalised()
    {
        Assert.True(ResidentIdNumber.TryParse(" \t11010519491231002x \n", AsOf, out var id, out _));

        Assert.Equal("11010519491231002X", id.Value);
    }

    [Theory]
    [InlineData("810000")] // Hong Kong residents' residence permit
    [InlineData("820000")] // Macao
    [InlineData("830000")] // Taiwan
    [InlineData("931056")] // 2023 foreign permanent-residence ID
    [InlineData("512301")] // a Sichuan county code abolished since: old numbers keep it
    public void Permit_and_abolished_region_codes_are_accepted(string region)
    {
        var raw = IdNumbers.BornOn(new LocalDate(1990, 1, 1), region);

        Assert.True(ResidentIdNumber.TryParse(raw, AsOf, out _, out var error), error);
    }

    [Fact]
    public void A_birth_date_on_the_check_date_is_accepted_and_one_day_later_is_not()
    {
        Assert.True(ResidentIdNumber.TryParse(IdNumbers.BornOn(AsOf), AsOf, out _, out _));
        Assert.False(ResidentIdNumber.TryParse(IdNumbers.BornOn(AsOf.PlusDays(1)), AsOf, out _, out _));
    }

    [Theory]
    [InlineData("11010519491231002Y")]
    [InlineData("110105194902300021")]
    [InlineData("110105194912310021")]
    [InlineData("110105203001010012")]
    public void Errors_never_repeat_the_number(string raw)
    {
        ResidentIdNumber.TryParse(raw, AsOf, out _, out var error);

        Assert.DoesNotContain(raw[..10], error, StringComparison.Ordinal);
        Assert.DoesNotContain(raw[6..14], error, StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_and_Masked_show_only_the_first_three_and_last_four_characters()
    {
        ResidentIdNumber.TryParse("11010519491231002X", AsOf, out var id, out _);

        Assert.Equal("110***********002X", id!.Masked);
        Assert.Equal(id.Masked, id.ToString());
        Assert.Equal(id.Masked, $"{id}");
    }

    [Fact]
    public void The_check_character_follows_ISO_7064_MOD_11_2()
    {
        Assert.Equal('X', ResidentIdNumber.ComputeCheckCharacter("11010519491231002"));
        Assert.Equal('4', ResidentIdNumber.ComputeCheckCharacter("44052418800101001"));
        Assert.Throws<ArgumentException>(() => ResidentIdNumber.ComputeCheckCharacter("1101051949123100"));
        Assert.Throws<ArgumentException>(() => ResidentIdNumber.ComputeCheckCharacter("1101051949123100A"));
    }

    [Fact]
    public void Numbers_with_the_same_value_are_equal()
    {
        ResidentIdNumber.TryParse("11010519491231002X", AsOf, out var a, out _);
        ResidentIdNumber.TryParse(" 11010519491231002x", AsOf, out var b, out _);

        Assert.Equal(a, b);
        Assert.Equal(a!.GetHashCode(), b!.GetHashCode());
    }

    [Theory]
    [InlineData(null, "***")]
    [InlineData("", "***")]
    [InlineData("123456789", "***")] // too short to hide enough
    [InlineData("11010519491231002X", "110*************2X")]
    [InlineData("  1101051949 ", "110*****49")]
    [InlineData("张三丰李四王五赵六钱七", "***********")]
    [InlineData("ab\ncdefghij\r\n", "ab*******ij")]
    public void Mask_shows_at_most_three_leading_and_two_trailing_ascii_letters_or_digits(string? raw, string expected)
    {
        Assert.Equal(expected, ResidentIdNumber.Mask(raw));
    }

    [Fact]
    public void Mask_of_huge_input_stays_short()
    {
        Assert.Equal(21, ResidentIdNumber.Mask(new string('1', 10_000)).Length);
    }
}
