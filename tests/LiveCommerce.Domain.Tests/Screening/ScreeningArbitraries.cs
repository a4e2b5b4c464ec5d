using FsCheck;
using FsCheck.Fluent;

namespace LiveCommerce.Domain.Tests.Screening;

/// <summary>Listing-like text: ideographs (simplified and traditional), Latin letters, digits, full-width forms, noise.</summary>
public sealed record ScreeningText(string Value)
{
    public override string ToString() => Escape(Value);

    internal static string Escape(string s) => string.Concat(s.Select(c => c is >= ' ' and < '\u007F' ? c.ToString() : $"\\u{(int)c:X4}"));
}

/// <summary>A short term over a small alphabet, so that random texts often contain it.</summary>
public sealed record ScreeningTerm(string Value)
{
    public override string ToString() => ScreeningText.Escape(Value);
}

/// <summary>A term of ideographs only (no word boundaries apply to it).</summary>
public sealed record IdeographTerm(string Value)
{
    public override string ToString() => ScreeningText.Escape(Value);
}

/// <summary>Characters the normaliser drops between the characters of a term.</summary>
public sealed record Noise(string Value)
{
    public override string ToString() => ScreeningText.Escape(Value);
}

public static class ScreeningArbitraries
{
    // Small alphabets collide often, which is what exercises overlapping matches and boundaries.
    internal static readonly string[] Ideographs = ["电", "子", "烟", "電", "煙", "药", "藥", "大", "麻", "\U00020000"];
    internal static readonly string[] Letters = ["a", "b", "v", "e", "A", "V", "Ｖ", "ａ", "é"];
    internal static readonly string[] Digits = ["1", "2", "１"];
    internal static readonly string[] NoiseStrings = [" ", "*", ".", "-", "、", "　", "\u200B", "\u200D", "\U0001F525", "\u2764\uFE0F", "\u00AD", "！"];
    internal static readonly string[] Marks = ["\u0301", "\u0308", "\uFE0F"];

    private static Gen<string> Piece(bool withMarks) => Gen.Frequency(
        (5, Gen.Elements(Ideographs)),
        (5, Gen.Elements(Letters)),
        (2, Gen.Elements(Digits)),
        (4, Gen.Elements(NoiseStrings)),
        (withMarks ? 1 : 0, Gen.Elements(Marks)),
        (withMarks ? 1 : 0, Gen.Elements("\uD800", "\uDC00")));

    internal static Gen<string> TextGen(bool withMarks) =>
        Gen.Choose(0, 30).SelectMany(n => Piece(withMarks).ListOf(n)).Select(string.Concat);

    public static Arbitrary<ScreeningText> Text() => TextGen(withMarks: true).Select(s => new ScreeningText(s)).ToArbitrary();

    public static Arbitrary<ScreeningTerm> Term() =>
        Gen.Choose(1, 4)
            .SelectMany(n => Gen.Frequency((3, Gen.Elements(Ideographs)), (3, Gen.Elements(Letters)), (1, Gen.Elements(Digits)), (1, Gen.Elements(" ", "-"))).ListOf(n))
            .Select(parts => new ScreeningTerm(string.Concat(parts)))
            .ToArbitrary();

    public static Arbitrary<IdeographTerm> Ideograph() =>
        Gen.Choose(1, 5).SelectMany(n => Gen.Elements(Ideographs).ListOf(n)).Select(p => new IdeographTerm(string.Concat(p))).ToArbitrary();

    public static Arbitrary<Noise> NoiseRun() =>
        Gen.Choose(1, 3).SelectMany(n => Gen.Elements(NoiseStrings).ListOf(n)).Select(p => new Noise(string.Concat(p))).ToArbitrary();
}

/// <summary>A long listing (up to a few thousand chars), so that scans cross their internal block boundaries.</summary>
public sealed record LongListing(string Value)
{
    public override string ToString() => $"{Value.Length} chars";
}

public static class LongListingArbitraries
{
    public static Arbitrary<LongListing> Listing() =>
        Gen.Choose(0, 3000)
            .SelectMany(n => Gen.Frequency(
                    (6, Gen.Elements(ScreeningArbitraries.Ideographs)),
                    (4, Gen.Elements(ScreeningArbitraries.Letters)),
                    (1, Gen.Elements(ScreeningArbitraries.Digits)),
                    (3, Gen.Elements(ScreeningArbitraries.NoiseStrings)),
                    (1, Gen.Elements(ScreeningArbitraries.Marks)))
                .ArrayOf(n))
            .Select(parts => new LongListing(string.Concat(parts)))
            .ToArbitrary();

    public static Arbitrary<ScreeningTerm> Term() => ScreeningArbitraries.Term();
}
