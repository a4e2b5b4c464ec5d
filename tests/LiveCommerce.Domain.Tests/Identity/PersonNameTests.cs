using LiveCommerce.Domain.Identity;

namespace LiveCommerce.Domain.Tests.Identity;

public class PersonNameTests
{
    [Theory]
    [InlineData("  张三  ", "张三")]
    [InlineData("张\t \u3000三", "张 三")] // any run of whitespace, ideographic space included, is one space
    [InlineData("Ｚｈａｎｇ Ｓａｎ", "ZHANG SAN")] // full-width letters are their ASCII selves
    [InlineData("买买提 ・ 艾力", "买买提·艾力")] // katakana middle dot, and no space around the separator
    [InlineData("买买提•艾力", "买买提·艾力")]
    [InlineData("买买提．艾力", "买买提·艾力")] // full-width full stop
    [InlineData(null, "")]
    public void Normalise_folds_the_variants_people_type(string? name, string expected)
    {
        Assert.Equal(expected, PersonName.Normalise(name));
    }
}
