namespace LiveCommerce.Domain.Screening;

/// <summary>
/// Tells how an evasion-pass hit was spelled, by walking the matched text beside the spelling it matched, one run of
/// a character at a time (the pass reads 电电子子烟 as 电子烟): each text character is the same, a variant numeral, a
/// look-alike or a homophone of the spelling's. The kind is the spelling's own (pinyin, initials, split, variant) or,
/// for the term itself, the weakest evidence used; no evidence at all is the primary pass's match and is dropped.
/// Rejected as too loose: homophones for a one-character term or for more than one character in three, a homophone
/// inside another spelling, repeated Latin letters or digits (good is not god), and fuzzy matches that cut a word.
/// </summary>
internal static class EvasionClassifier
{
    // Confidence of each kind of evidence alone; each further kind of evidence in the same match multiplies by 0.9.
    private const double VariantConfidence = 0.9;
    private const double LookalikeConfidence = 0.9;
    private const double RepeatConfidence = 0.9;
    private const double SplitConfidence = 0.8;
    private const double PinyinConfidence = 0.85;
    private const double OneSyllableOfSeveralConfidence = 0.75;
    private const double OneSyllableTermConfidence = 0.5;
    private const double HomophoneConfidence = 0.7;

    public static (MatchKind Kind, double Confidence)? Classify(ReadOnlySpan<char> text, int start, int length, string spelling, MatchKind spellingKind)
    {
        var textRuns = Runs(text, start, start + length, useEvasionReader: true);
        var termRuns = Runs(spelling, 0, spelling.Length, useEvasionReader: false);
        if (textRuns.Count != termRuns.Count)
        {
            return null;
        }

        int homophones = 0, lookalikes = 0, variants = 0, repeats = 0, han = 0;
        for (int r = 0; r < textRuns.Count; r++)
        {
            var (textChars, textKind) = textRuns[r];
            var (termChars, _) = termRuns[r];
            int term = termChars[0];
            han += EvasionFolding.IsHan(term) ? 1 : 0;
            if (textChars.Count < termChars.Count)
            {
                return null; // the term doubles a character the text does not
            }

            if (textChars.Count > termChars.Count)
            {
                if (textKind != CharKind.Ideograph)
                {
                    return null;
                }

                repeats++;
            }

            foreach (int c in textChars)
            {
                switch (EvasionFolding.Relate(c, term))
                {
                    case CharRelation.Same:
                        break;
                    case CharRelation.Variant:
                        variants++;
                        break;
                    case CharRelation.Lookalike:
                        lookalikes++;
                        break;
                    case CharRelation.Homophone:
                        homophones++;
                        break;
                    default:
                        return null;
                }
            }
        }

        if (homophones > 0 && (spellingKind != MatchKind.Normalised || han < 2 || homophones > Math.Max(1, han / 3)
            || WordBoundaries.IsWord(text, start, start + length)))
        {
            return null;
        }

        if (spellingKind == MatchKind.Split || homophones > 0)
        {
            if (WordBoundaries.CutsAWord(text, start, start + length))
            {
                return null;
            }
        }

        int evidence = (homophones > 0 ? 1 : 0) + (lookalikes > 0 ? 1 : 0) + (variants > 0 ? 1 : 0) + (repeats > 0 ? 1 : 0);
        MatchKind kind;
        double confidence;
        switch (spellingKind)
        {
            case MatchKind.Normalised when evidence == 0:
                return null; // the primary pass's own match
            case MatchKind.Normalised:
                (kind, confidence) = homophones > 0 ? (MatchKind.Homophone, HomophoneConfidence)
                    : lookalikes > 0 ? (MatchKind.Lookalike, LookalikeConfidence)
                    : variants > 0 ? (MatchKind.Variant, VariantConfidence)
                    : (MatchKind.Normalised, RepeatConfidence);
                evidence--;
                break;
            case MatchKind.Pinyin:
                // Whole pinyin of a one-character term (qiang) is one common syllable: weak. Mixed (电子yan) or whole
                // pinyin of several syllables (dianziyan) is strong.
                kind = MatchKind.Pinyin;
                confidence = han > 0 ? OneSyllableOfSeveralConfidence
                    : Syllables(spelling) == 1 ? OneSyllableTermConfidence
                    : PinyinConfidence;
                break;
            case MatchKind.Initials:
                kind = MatchKind.Initials;
                confidence = Math.Min(0.5, 0.1 * (termRuns.Count + 1));
                break;
            default:
                kind = spellingKind;
                confidence = spellingKind == MatchKind.Split ? SplitConfidence : VariantConfidence;
                break;
        }

        return (kind, Math.Round(confidence * Math.Pow(0.9, evidence), 2));
    }

    /// <summary>Content characters of [start, end) (standard-folded), grouped into runs of one evasion-fold class.</summary>
    private static List<(List<int> Chars, CharKind Kind)> Runs(ReadOnlySpan<char> text, int start, int end, bool useEvasionReader)
    {
        var runs = new List<(List<int> Chars, CharKind Kind)>();
        var evasion = FoldTable.Evasion;
        // The text is read as the evasion pass read it (a Kangxi radical is content there); the spelling is a term.
        var reader = new SymbolReader(text, start, useEvasionReader ? evasion : FoldTable.Standard);
        int previousClass = -1;
        while (reader.MoveNext() && reader.Current.Start < end)
        {
            var symbol = reader.Current;
            if (symbol.Kind == CharKind.Separator)
            {
                continue;
            }

            int standard = FoldTable.Standard.Read(text, symbol.Start).Folded;
            int evasionClass = evasion.Read(text, symbol.Start).Folded;
            if (evasionClass == previousClass)
            {
                runs[^1].Chars.Add(standard);
            }
            else
            {
                runs.Add(([standard], symbol.Kind));
                previousClass = evasionClass;
            }
        }

        return runs;
    }

    private static int Syllables(string spelling) => spelling.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
}
