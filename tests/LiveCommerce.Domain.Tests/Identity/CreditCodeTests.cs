using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using LiveCommerce.Domain.Identity;

namespace LiveCommerce.Domain.Tests.Identity;

public class CreditCodeTests
{
    [Theory]
    [InlineData("9144030071526726XG")] // public test value
    [InlineData("91350100M000100Y43")] // public test value
    [InlineData("91110108MA01ABCD5T")] // enterprise, Beijing Haidian
    [InlineData("92440300L12345674D")] // individual business, Shenzhen
    [InlineData("523100005000012371")] // social organisation, Shanghai
    public void Verified_examples_parse_without_warnings(string raw)
    {
        Assert.True(CreditCode.TryParse(raw, out var code, out var error), error);
        Assert.Equal(raw, code.Value);
        Assert.Equal(raw, code.ToString());
        Assert.Empty(code.Warnings);
    }

    [Theory]
    [InlineData("9144030071526726XI", "outside the GB 32100 set")] // I is not a symbol
    [InlineData("91440300715267260G", "check character")]
    [InlineData("9144030071526726X", "18 characters")]
    [InlineData("91A4030071526726XG", "must be digits")]
    [InlineData("", "empty")]
    [InlineData(null, "empty")]
    public void Malformed_codes_fail_with_a_sentence_about_the_failing_part(string? raw, string expected)
    {
        Assert.False(CreditCode.TryParse(raw, out var code, out var error));
        Assert.Null(code);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Surrounding_whitespace_and_lower_case_are_accepted_and_normalised()
    {
        Assert.True(CreditCode.TryParse("  9144030071526726xg ", out var code, out _));

        Assert.Equal("9144030071526726XG", code.Value);
    }

    [Fact]
    public void A_failing_organisation_code_check_is_a_warning_not_a_failure()
    {
        // The organisation code 71526726-X with its check changed to 1; the MOD 31 check recomputed over it.
        var raw = CreditCodes.WithCheck("91440300715267261");

        Assert.True(CreditCode.TryParse(raw, out var code, out _));
        Assert.Equal([CreditCode.OrganisationCodeCheckFailed], code.Warnings);
    }

    [Theory]
    [InlineData("B1")] // no such authority
    [InlineData("94")] // market regulation has no type 4
    [InlineData("Y2")] // "other" has only type 1
    public void An_unknown_authority_and_type_pair_is_a_warning_not_a_failure(string head)
    {
        var raw = CreditCodes.WithCheck(head + "4403007152672" + "6X");

        Assert.True(CreditCode.TryParse(raw, out var code, out _));
        Assert.Equal([CreditCode.UnknownRegistrationAuthorityOrEntityType], code.Warnings);
    }

    [Fact]
    public void The_check_character_follows_MOD_31()
    {
        Assert.Equal('G', CreditCode.ComputeCheckCharacter("9144030071526726X"));
        Assert.Throws<ArgumentException>(() => CreditCode.ComputeCheckCharacter("9144030071526726I"));
        Assert.Throws<ArgumentException>(() => CreditCode.ComputeCheckCharacter("9144030071526726"));
    }

    [Theory]
    [InlineData("71526726", 'X')] // from 9144030071526726XG: 11 - sum mod 11 = 10
    [InlineData("M000100Y", '4')] // from 91350100M000100Y43: letters count 10-35
    public void The_embedded_organisation_code_check_follows_GB_11714(string body, char check)
    {
        Assert.Equal(check, CreditCode.ComputeOrganisationCheckCharacter(body));
    }

    [Property]
    public Property Every_code_with_a_computed_check_character_parses() =>
        Prop.ForAll(IdentityGen.ValidCreditCodes.ToArbitrary(), raw =>
            CreditCode.TryParse(raw, out var code, out _) && code.Value == raw);

    [Property]
    public Property Every_single_character_change_of_a_valid_code_fails() =>
        Prop.ForAll(
            IdentityGen.SingleCharacterChanges(IdentityGen.ValidCreditCodes, CreditCode.Charset).ToArbitrary(),
            change => !CreditCode.TryParse(change.Changed, out _, out _));
}
