using System.Text;

namespace LiveCommerce.Domain.Screening;

/// <summary>
/// Normalises listing text the way the negative-list matcher sees it, and keeps a map back to the original:
/// full-width to half-width, invariant lower case, traditional to simplified Chinese (OpenCC character table),
/// noise between characters dropped (spaces, punctuation, symbols, emoji, zero-width and other format characters,
/// combining marks), and a single space kept only where noise separates two Latin/digit words that are not both one
/// character long ("V A P E" is "vape"; "vape pen" stays "vape pen"). Idempotent: normalising the result again
/// changes nothing.
/// </summary>
public static class ScreeningNormaliser
{
    public static NormalisedText Normalise(ReadOnlySpan<char> text)
    {
        var normalised = new StringBuilder(text.Length);
        var starts = new List<int>(text.Length);
        var ends = new List<int>(text.Length);
        var reader = new SymbolReader(text);
        while (reader.MoveNext())
        {
            var symbol = reader.Current;
            int units = normalised.Length;
            normalised.Append(char.ConvertFromUtf32(symbol.Value));
            for (int i = units; i < normalised.Length; i++)
            {
                starts.Add(symbol.Start);
                ends.Add(symbol.End);
            }
        }

        return new NormalisedText(normalised.ToString(), starts.ToArray(), ends.ToArray());
    }

    public static string Normalise(string text) => Normalise(text.AsSpan()).Text;
}

/// <summary>Normalised text with, for each of its UTF-16 code units, the span of the original text it came from.</summary>
public sealed class NormalisedText
{
    private readonly int[] _originalStarts;
    private readonly int[] _originalEnds;

    internal NormalisedText(string text, int[] originalStarts, int[] originalEnds)
    {
        Text = text;
        _originalStarts = originalStarts;
        _originalEnds = originalEnds;
    }

    public string Text { get; }

    /// <summary>
    /// The original span of normalised code units [<paramref name="start"/>, <paramref name="start"/> +
    /// <paramref name="length"/>): from the first original character through the end of the last (its trailing
    /// combining marks included).
    /// </summary>
    public (int Start, int Length) ToOriginal(int start, int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(length);
        int end = _originalEnds[start + length - 1];
        return (_originalStarts[start], end - _originalStarts[start]);
    }
}
