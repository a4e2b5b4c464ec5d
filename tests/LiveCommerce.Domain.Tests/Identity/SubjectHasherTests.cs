using System.Text.RegularExpressions;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using LiveCommerce.Domain.Identity;
using NodaTime;

namespace LiveCommerce.Domain.Tests.Identity;

public partial class SubjectHasherTests
{
    private static readonly byte[] Key = [.. Enumerable.Range(0, 32).Select(i => (byte)i)];
    private static readonly SubjectHasher Hasher = new(Key);

    [Fact]
    public void Hashes_are_stable_across_releases()
    {
        // Stored hashes are keys of blacklist and name records: these values must never change. (Computed with an
        // independent HMAC-SHA256 over "livecommerce/<kind>/v1\0" + the normalised text.)
        Assert.Equal(
            "b2943488914fa58cf729b30a6e7fe1af8998f94dba32a44b65158ee27f79efe3",
            Hasher.Hash(Person("11010519491231002X")));
        Assert.Equal(
            "746a501ccfbd79a0efa250eb035952687ad2cc18effb027020b2e8e00bd2e80a",
            Hasher.Hash(Entity("9144030071526726XG")));
        Assert.Equal(
            "063ba42de63d652841680469813001d6c7831b9acc7bfa2701c563cf36e1f272",
            Hasher.HashName("买买提·艾力"));
    }

    [Property]
    public Property The_same_number_typed_differently_hashes_the_same_under_the_same_key() =>
        Prop.ForAll(IdentityGen.ValidIdNumbers.ToArbitrary(), raw =>
            new SubjectHasher(Key).Hash(Person(raw)) == Hasher.Hash(Person($"  {raw.ToLowerInvariant()} ")));

    [Property]
    public Property A_different_key_gives_a_different_hash() =>
        Prop.ForAll(IdentityGen.ValidIdNumbers.ToArbitrary(), raw =>
        {
            var otherKey = (byte[])Key.Clone();
            otherKey[^1] ^= 1;
            return new SubjectHasher(otherKey).Hash(Person(raw)) != Hasher.Hash(Person(raw));
        });

    [Property]
    public Property Hashes_are_valid_table_keys() =>
        Prop.ForAll(IdentityGen.ValidCreditCodes.ToArbitrary(), raw => TableKey().IsMatch(Hasher.Hash(Entity(raw))));

    [Fact]
    public void A_person_and_an_entity_with_the_same_eighteen_characters_hash_differently()
    {
        // Search the 1000 sequence codes for a text that is both a valid ID number and a valid credit code.
        var both = Enumerable.Range(0, 1000)
            .Select(sequence => IdNumbers.BornOn(new LocalDate(1990, 1, 1), "110105", $"{sequence:000}"))
            .First(raw => CreditCode.TryParse(raw, out _, out _));

        var person = Person(both);
        var entity = Entity(both);

        Assert.Equal(person.Value, entity.Value);
        Assert.NotEqual(Hasher.Hash(person), Hasher.Hash(entity));
    }

    [Fact]
    public void A_name_never_hashes_like_an_identifier_with_the_same_text()
    {
        Assert.NotEqual(Hasher.Hash(Person("11010519491231002X")), Hasher.HashName("11010519491231002X"));
    }

    [Theory]
    [InlineData("张三", " 张三\u3000")]
    [InlineData("张 三", "张   三")]
    [InlineData("买买提·艾力", "买买提 • 艾力")]
    [InlineData("买买提·艾力", "买买提.艾力")]
    [InlineData("JOHN SMITH", "ｊｏｈｎ　ｓｍｉｔｈ")]
    public void Names_a_person_would_call_the_same_hash_the_same(string a, string b)
    {
        Assert.Equal(Hasher.HashName(a), Hasher.HashName(b));
    }

    [Theory]
    [InlineData("张三", "张四")]
    [InlineData("张三", "张 三")]
    public void Different_names_hash_differently(string a, string b)
    {
        Assert.NotEqual(Hasher.HashName(a), Hasher.HashName(b));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" \u3000 ")]
    public void A_blank_name_cannot_be_hashed(string name)
    {
        Assert.Throws<ArgumentException>(() => Hasher.HashName(name));
    }

    [Fact]
    public void Keys_shorter_than_32_bytes_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new SubjectHasher(new byte[31]));
    }

    [Fact]
    public void Changing_the_callers_key_buffer_later_changes_nothing()
    {
        var key = (byte[])Key.Clone();
        var hasher = new SubjectHasher(key);
        key[0] ^= 0xFF;

        Assert.Equal(Hasher.Hash(Person("11010519491231002X")), hasher.Hash(Person("11010519491231002X")));
    }

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex TableKey();

    private static ResidentIdNumber Person(string raw) =>
        ResidentIdNumber.TryParse(raw, IdentityGen.AsOf, out var id, out var error)
            ? id
            : throw new InvalidOperationException(error);

    private static CreditCode Entity(string raw) =>
        CreditCode.TryParse(raw, out var code, out var error) ? code : throw new InvalidOperationException(error);
}
