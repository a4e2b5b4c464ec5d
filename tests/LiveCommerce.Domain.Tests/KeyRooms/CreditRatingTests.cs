using LiveCommerce.Domain.KeyRooms;

namespace LiveCommerce.Domain.Tests.KeyRooms;

public sealed class CreditRatingTests
{
    [Theory]
    [InlineData("A", 'A')]
    [InlineData(" d ", 'D')]
    [InlineData("c", 'C')]
    public void Parses_one_letter_in_either_case(string text, char grade)
    {
        Assert.True(CreditRating.TryParse(text, out var rating, out _));
        Assert.Equal(grade, rating.Grade);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("E")]
    [InlineData("AA")]
    [InlineData("85")]
    [InlineData("B+")]
    public void Anything_else_fails_with_a_reason(string? text)
    {
        Assert.False(CreditRating.TryParse(text, out _, out var failure));
        Assert.Equal(KeyRoomReasonCodes.CreditRatingInvalid, failure.Code);
        Assert.Equal("creditRating", failure.Field);
    }

    [Fact]
    public void D_is_the_worst_and_at_or_below_every_grade()
    {
        Assert.True(CreditRating.A < CreditRating.B && CreditRating.B < CreditRating.C && CreditRating.C < CreditRating.D);
        Assert.True(CreditRating.D.IsAtOrBelow(CreditRating.C));
        Assert.True(CreditRating.C.IsAtOrBelow(CreditRating.C));
        Assert.False(CreditRating.B.IsAtOrBelow(CreditRating.C));
    }

    [Fact]
    public void The_default_value_is_A_in_every_respect()
    {
        Assert.Equal(CreditRating.A, default);
        Assert.Equal(CreditRating.A.GetHashCode(), default(CreditRating).GetHashCode());
    }
}
