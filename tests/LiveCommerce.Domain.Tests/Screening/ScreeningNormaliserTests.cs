using FsCheck.Xunit;
using LiveCommerce.Domain.Screening;

namespace LiveCommerce.Domain.Tests.Screening;

public sealed class ScreeningNormaliserTests
{
    [Theory]
    [InlineData("電子煙", "电子烟")]                  // traditional -> simplified
    [InlineData("ＶＡＰＥ", "vape")]                  // full-width -> half-width, case folded
    [InlineData("VaPe", "vape")]
    [InlineData("电 子 烟", "电子烟")]                // spaces between ideographs vanish
    [InlineData("电*子*烟", "电子烟")]
    [InlineData("电\U0001F525子\U0001F525烟", "电子烟")] // emoji (surrogate pairs) vanish
    [InlineData("V A P E", "vape")]                  // spaced-out single letters join up
    [InlineData("v.a.p.e", "vape")]
    [InlineData("v\u200Ba\u200Bp\u200Be", "vape")]   // zero-width spaces vanish
    [InlineData("va\u0301pe", "vape")]               // combining marks vanish
    [InlineData("vape pen", "vape pen")]             // a space between two words stays a separator
    [InlineData("vape,  pen!", "vape pen")]
    [InlineData("V A P E pen", "vape pen")]
    [InlineData("e-cig", "e cig")]                   // a one-letter word next to a longer one stays separate
    [InlineData("cava peak", "cava peak")]
    [InlineData("  【电子烟】  ", "电子烟")]           // leading and trailing noise dropped
    [InlineData("电子烟 vape", "电子烟vape")]          // noise between an ideograph and a word vanishes
    [InlineData("iPhone　15", "iphone 15")]           // ideographic space is a space
    [InlineData("", "")]
    [InlineData("!!! ***", "")]
    public void Normalises(string text, string expected) =>
        Assert.Equal(expected, ScreeningNormaliser.Normalise(text));

    [Fact]
    public void Traditional_map_is_the_complete_OpenCC_character_table() =>
        Assert.True(CharacterFolding.TraditionalCharacterCount > 4000, $"only {CharacterFolding.TraditionalCharacterCount} characters mapped");

    [Theory]
    [InlineData("乾", "干")]
    [InlineData("薴", "苎")] // a chain in the source table (薴 -> 苧 -> 苎) is resolved to its end
    [InlineData("勣", "绩")] // the BMP candidate wins over a rare astral one
    [InlineData("醫藥", "医药")]
    [InlineData("\uF900", "岂")] // compatibility ideograph U+F900 -> U+8C48 豈 -> 岂
    public void Folds_traditional_characters_with_the_OpenCC_table(string traditional, string simplified) =>
        Assert.Equal(simplified, ScreeningNormaliser.Normalise(traditional));

    [Fact]
    public void Maps_each_normalised_character_back_to_its_original_span()
    {
        const string text = "Ｖ\u200B a\u0301\U0001F525電";
        var normalised = ScreeningNormaliser.Normalise(text.AsSpan());

        Assert.Equal("va电", normalised.Text);
        Assert.Equal((0, 1), normalised.ToOriginal(0, 1));                // Ｖ
        Assert.Equal((3, 2), normalised.ToOriginal(1, 1));                // a + combining acute
        Assert.Equal((7, 1), normalised.ToOriginal(2, 1));                // 電 after the emoji pair
        Assert.Equal((0, text.Length), normalised.ToOriginal(0, 3));
    }

    [Fact]
    public void A_separator_maps_back_to_the_noise_it_replaced()
    {
        var normalised = ScreeningNormaliser.Normalise("vape -- pen".AsSpan());

        Assert.Equal("vape pen", normalised.Text);
        Assert.Equal((4, 4), normalised.ToOriginal(4, 1));
    }

    [Property(Arbitrary = [typeof(ScreeningArbitraries)])]
    public bool Normalising_twice_equals_normalising_once(ScreeningText text)
    {
        string once = ScreeningNormaliser.Normalise(text.Value);
        return ScreeningNormaliser.Normalise(once) == once;
    }

    [Property(Arbitrary = [typeof(ScreeningArbitraries)])]
    public bool Every_normalised_character_maps_inside_the_original(ScreeningText text)
    {
        var normalised = ScreeningNormaliser.Normalise(text.Value.AsSpan());
        for (int i = 0; i < normalised.Text.Length; i++)
        {
            var (start, length) = normalised.ToOriginal(i, 1);
            if (start < 0 || length <= 0 || start + length > text.Value.Length)
            {
                return false;
            }
        }

        return true;
    }
}
