namespace LiveCommerce.Domain.Screening;

/// <summary>
/// What a dictionary of common words (jieba's, <c>Data/words.txt</c>) tells about a match, in the original text:
/// <list type="bullet">
/// <item><see cref="SpansTwoWords"/>: the match runs across a space or punctuation that ends one complete word and
/// starts another (儿童水枪 支持 is not 枪支; 电子 烟雾报警器 is not 电子烟). Noise inside a word (电 子 烟) or before a
/// lone character (电子 烟) is still an evasion.</item>
/// <item><see cref="CutsAWord"/>: a fuzzy match (homophone, split) that begins or ends inside a word of the text
/// (木仓库 holds 仓库, not 枪; 电子湮灭 holds 湮灭).</item>
/// </list>
/// Segmentation is not allowed to veto an exact or normalised match without a separator: a seller who glues a term
/// into a word (电子烟台) is evading, and that is what segmenting would let through.
/// </summary>
internal static class WordBoundaries
{
    private const int MaxWord = 4;

    public static bool SpansTwoWords(ReadOnlySpan<char> text, int start, int length)
    {
        var fold = FoldTable.Standard;
        int end = start + length, previousEnd = -1;
        bool previousHan = false;
        for (int i = start; i < end;)
        {
            var (folded, kind, width) = fold.Read(text, i);
            if (!CharacterFolding.IsContent(kind))
            {
                i += width;
                continue;
            }

            bool han = EvasionFolding.IsHan(folded);
            if (han && previousHan && HasNoiseBetween(text, previousEnd, i)
                && WordEndsAt(text, previousEnd) && WordStartsAt(text, i))
            {
                return true;
            }

            previousHan = han;
            i = SymbolReader.ContentEnd(text, i + width, fold);
            previousEnd = i;
        }

        return false;
    }

    /// <summary>Whether a word of the text crosses <paramref name="start"/> or <paramref name="end"/> (Han characters joined without noise).</summary>
    public static bool CutsAWord(ReadOnlySpan<char> text, int start, int end) =>
        Crosses(text, start) || Crosses(text, end);

    /// <summary>Whether the Han characters from <paramref name="start"/> to <paramref name="end"/>, noise dropped, are one word.</summary>
    public static bool IsWord(ReadOnlySpan<char> text, int start, int end)
    {
        Span<char> buffer = stackalloc char[MaxWord];
        int count = 0;
        for (int i = start; i < end;)
        {
            var (folded, kind, width) = FoldTable.Standard.Read(text, i);
            if (CharacterFolding.IsContent(kind))
            {
                if (count == MaxWord || folded > 0xFFFF || !EvasionFolding.IsHan(folded))
                {
                    return false;
                }

                buffer[count++] = (char)folded;
            }

            i += width;
        }

        return count >= 2 && Contains(buffer[..count]);
    }

    private static bool Crosses(ReadOnlySpan<char> text, int boundary)
    {
        Span<char> before = stackalloc char[MaxWord - 1];
        Span<char> after = stackalloc char[MaxWord - 1];
        int b = HanBefore(text, boundary, before), a = HanAfter(text, boundary, after);
        Span<char> word = stackalloc char[MaxWord];
        for (int left = 1; left <= b; left++)
        {
            for (int right = 1; right <= a && left + right <= MaxWord; right++)
            {
                // before[] is nearest-first: the word is before[left-1..0] then after[0..right-1].
                for (int k = 0; k < left; k++)
                {
                    word[k] = before[left - 1 - k];
                }

                after[..right].CopyTo(word[left..]);
                if (Contains(word[..(left + right)]))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool WordEndsAt(ReadOnlySpan<char> text, int end)
    {
        Span<char> before = stackalloc char[MaxWord];
        int count = HanBefore(text, end, before);
        Span<char> word = stackalloc char[MaxWord];
        for (int length = 2; length <= count; length++)
        {
            for (int k = 0; k < length; k++)
            {
                word[k] = before[length - 1 - k];
            }

            if (Contains(word[..length]))
            {
                return true;
            }
        }

        return false;
    }

    private static bool WordStartsAt(ReadOnlySpan<char> text, int start)
    {
        Span<char> after = stackalloc char[MaxWord];
        int count = HanAfter(text, start, after);
        for (int length = 2; length <= count; length++)
        {
            if (Contains(after[..length]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Up to into.Length Han characters (folded, BMP) ending at <paramref name="end"/>, nearest first, stopping at noise.</summary>
    private static int HanBefore(ReadOnlySpan<char> text, int end, Span<char> into)
    {
        var fold = FoldTable.Standard;
        int count = 0;
        for (int i = end; i > 0 && count < into.Length;)
        {
            var (kind, at) = fold.ReadBackwards(text, i);
            if (CharacterFolding.IsTransparent(kind))
            {
                i = at;
                continue;
            }

            int folded = fold.Read(text, at).Folded;
            if (!CharacterFolding.IsContent(kind) || folded > 0xFFFF || !EvasionFolding.IsHan(folded))
            {
                break;
            }

            into[count++] = (char)folded;
            i = at;
        }

        return count;
    }

    /// <summary>Up to into.Length Han characters (folded, BMP) from <paramref name="start"/> on, stopping at noise.</summary>
    private static int HanAfter(ReadOnlySpan<char> text, int start, Span<char> into)
    {
        var fold = FoldTable.Standard;
        int count = 0;
        for (int i = start; i < text.Length && count < into.Length;)
        {
            var (folded, kind, width) = fold.Read(text, i);
            if (CharacterFolding.IsTransparent(kind))
            {
                i += width;
                continue;
            }

            if (!CharacterFolding.IsContent(kind) || folded > 0xFFFF || !EvasionFolding.IsHan(folded))
            {
                break;
            }

            into[count++] = (char)folded;
            i += width;
        }

        return count;
    }

    private static bool HasNoiseBetween(ReadOnlySpan<char> text, int from, int to)
    {
        for (int i = from; i < to; i++)
        {
            if (!CharacterFolding.IsTransparent(FoldTable.Standard.Read(text, i).Kind))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Contains(ReadOnlySpan<char> word) =>
        ScreeningData.Words.GetAlternateLookup<ReadOnlySpan<char>>().Contains(word);
}
