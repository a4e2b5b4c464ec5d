using System.Globalization;

namespace LiveCommerce.Domain.Screening;

/// <summary>How one character of a text relates to the term character it stands for in an evasion-pass match.</summary>
internal enum CharRelation
{
    /// <summary>The same character once normalised.</summary>
    Same,

    /// <summary>A variant numeral: ①, ❶, ⑧, superscripts, financial numerals (壹, 捌).</summary>
    Variant,

    /// <summary>A look-alike: Cyrillic or Greek letters, Kangxi radicals (Unicode confusables), rare Han look-alikes (孑 for 子).</summary>
    Lookalike,

    /// <summary>Another character read the same (same syllable and tone, e.g. 湮 for 烟).</summary>
    Homophone,

    /// <summary>Unrelated.</summary>
    None,
}

/// <summary>
/// The fold of the second (evasion) pass, on top of the standard one: look-alikes to what they imitate, variant
/// numerals to digits or plain Chinese numerals, and every Han character to one representative of the characters
/// that share its most common reading (syllable and tone). Text and terms are folded alike, so 电孑烟, 电子湮, ⾹烟 and
/// ①⑧ meet 电子烟, 香烟 and 18; which of these it was is told afterwards by <see cref="Relate"/>.
/// </summary>
internal static class EvasionFolding
{
    // Financial (anti-fraud) numerals, simplified, to the plain numerals.
    private static readonly Dictionary<int, int> FinancialNumerals = new()
    {
        ['壹'] = '一', ['贰'] = '二', ['叁'] = '三', ['肆'] = '四', ['伍'] = '五', ['陆'] = '六', ['柒'] = '七', ['捌'] = '八', ['玖'] = '九',
        ['拾'] = '十', ['佰'] = '百', ['仟'] = '千',
    };

    private static Dictionary<int, int>? _homophoneRepresentatives;

    /// <summary>One round of the evasion fold (<see cref="FoldTable"/> repeats it until the code point is stable).</summary>
    public static int Step(int codePoint)
    {
        int standard = CharacterFolding.StandardStep(codePoint);
        if (standard != codePoint)
        {
            return standard;
        }

        if (ScreeningData.Lookalikes.TryGetValue(codePoint, out int imitated))
        {
            return imitated;
        }

        if (NumeralOf(codePoint) is int numeral)
        {
            return numeral;
        }

        return HomophoneRepresentatives.TryGetValue(codePoint, out int representative) ? representative : codePoint;
    }

    /// <summary>The digit (or plain Chinese numeral) a variant numeral stands for; null when it is none.</summary>
    public static int? NumeralOf(int codePoint)
    {
        if (FinancialNumerals.TryGetValue(codePoint, out int plain))
        {
            return plain;
        }

        if (codePoint is >= '0' and <= '9' || codePoint < 0x80)
        {
            return null;
        }

        var category = CharUnicodeInfo.GetUnicodeCategory(codePoint);
        if (category is not (UnicodeCategory.DecimalDigitNumber or UnicodeCategory.OtherNumber or UnicodeCategory.LetterNumber))
        {
            return null;
        }

        double value = CharUnicodeInfo.GetNumericValue(char.ConvertFromUtf32(codePoint), 0);
        return value is >= 0 and <= 9 && value == Math.Floor(value) && !IsHan(codePoint) ? '0' + (int)value : null;
    }

    /// <summary>The most common reading of a (standard-folded) character, tone digit last; null if it has none.</summary>
    public static string? PrimaryReading(int codePoint) =>
        ScreeningData.Readings.TryGetValue(codePoint, out var readings) ? readings[0] : null;

    /// <summary>How text character <paramref name="text"/> relates to term character <paramref name="term"/> (both standard-folded).</summary>
    public static CharRelation Relate(int text, int term)
    {
        if (text == term)
        {
            return CharRelation.Same;
        }

        if (NumeralOf(text) is int numeral && CharacterFolding.Fold(numeral).Folded == term)
        {
            return CharRelation.Variant;
        }

        if (ScreeningData.Lookalikes.TryGetValue(text, out int imitated) && CharacterFolding.Fold(imitated).Folded == term)
        {
            return CharRelation.Lookalike;
        }

        var evasion = FoldTable.Evasion;
        return evasion.Fold(text).Folded == evasion.Fold(term).Folded
            ? (IsHan(text) && IsHan(term) ? CharRelation.Homophone : CharRelation.Lookalike)
            : CharRelation.None;
    }

    public static bool IsHan(int codePoint) =>
        codePoint is >= 0x3400 and <= 0x4DBF or >= 0x4E00 and <= 0x9FFF or >= 0xF900 and <= 0xFAFF or >= 0x20000 and <= 0x3134F;

    // Each reading's representative: the lowest code point among the characters whose most common reading it is and
    // that no other rule folds (so that the representative folds to itself and the fold stays idempotent).
    private static Dictionary<int, int> HomophoneRepresentatives => LazyInitializer.EnsureInitialized(ref _homophoneRepresentatives, () =>
    {
        var representativeOf = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (codePoint, readings) in ScreeningData.Readings)
        {
            bool foldsOtherwise = CharacterFolding.StandardStep(codePoint) != codePoint
                || ScreeningData.Lookalikes.ContainsKey(codePoint)
                || NumeralOf(codePoint) is not null;
            if (!foldsOtherwise && (!representativeOf.TryGetValue(readings[0], out int current) || codePoint < current))
            {
                representativeOf[readings[0]] = codePoint;
            }
        }

        var map = new Dictionary<int, int>(ScreeningData.Readings.Count);
        foreach (var (codePoint, readings) in ScreeningData.Readings)
        {
            if (representativeOf.TryGetValue(readings[0], out int representative) && representative != codePoint)
            {
                map[codePoint] = representative;
            }
        }

        return map;
    });
}
