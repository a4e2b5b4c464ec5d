using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using LiveCommerce.Domain.Screening;

namespace LiveCommerce.Domain.Tests.Screening;

public sealed class NegativeListMatcherTests
{
    private static NegativeListMatcher Matcher(MatchMode mode, params string[] terms) =>
        NegativeListMatcher.Build(terms.Select(t => new NegativeListEntry(t, "test", Severity.Prohibited)).ToList(), mode);

    private static List<TermMatch> FindAll(NegativeListMatcher matcher, string text)
    {
        var found = new List<TermMatch>();
        matcher.FindAll(text, found);
        return found;
    }

    private static string[] Matched(NegativeListMatcher matcher, string text) =>
        FindAll(matcher, text).Select(m => text.Substring(m.Start, m.Length)).ToArray();

    // Each evasion alone and combined; the expected value is the original substring the match spans.
    [Theory]
    [InlineData("电子烟", "買電子煙送煙油", "電子煙")]
    [InlineData("电子烟", "电*子*烟", "电*子*烟")]
    [InlineData("电子烟", "电 子 烟", "电 子 烟")]
    [InlineData("电子烟", "电\U0001F525子\u2764\uFE0F烟!", "电\U0001F525子\u2764\uFE0F烟")]
    [InlineData("电子烟", "电\u200B子\u200D烟", "电\u200B子\u200D烟")]
    [InlineData("电子烟", "【電·子～煙】", "電·子～煙")]
    [InlineData("vape", "ＶＡＰＥ", "ＶＡＰＥ")]
    [InlineData("vape", "V A P E", "V A P E")]
    [InlineData("vape", "v.a.p.e", "v.a.p.e")]
    [InlineData("vape", "v\u200Ba\u200Bp\u200Be", "v\u200Ba\u200Bp\u200Be")]
    [InlineData("vape", "v\U0001F525a\U0001F525p\U0001F525e", "v\U0001F525a\U0001F525p\U0001F525e")]
    [InlineData("vape", "best ｖ．Ａ　ｐ\u200B．E\u0301 here", "ｖ．Ａ　ｐ\u200B．E\u0301")]
    [InlineData("vape", "buy vape now", "vape")]
    [InlineData("vape", "vape2024", "vape")]          // a digit does not glue to a letter
    [InlineData("vape", "电子vape烟", "vape")]          // nor does an ideograph
    [InlineData("VAPE", "vape", "vape")]              // terms are normalised too
    [InlineData("電子煙", "电子烟", "电子烟")]
    [InlineData("e-cig", "E CIG", "E CIG")]           // a separator in a term matches any noise run between words
    [InlineData("vape pen", "VAPE -- Pen", "VAPE -- Pen")]
    [InlineData("电子烟vape", "电子烟 V A P E", "电子烟 V A P E")]
    public void Finds_evasions(string term, string text, string expected) =>
        Assert.Equal([expected], Matched(Matcher(MatchMode.Normalised, term), text));

    [Theory]
    [InlineData("电子烟", "电脑 子弹 烟花")]  // the characters of a term spread over unrelated words
    [InlineData("vape", "cava peak")]
    [InlineData("vape", "ca va pe ak")]
    [InlineData("vape", "vapeshop")]       // glued to further letters
    [InlineData("vape", "evape")]
    [InlineData("vape", "x v a p e")]      // spelled out, it is the word "xvape"
    [InlineData("vape", "V A P E S")]
    [InlineData("vape", "vap")]            // only a prefix of the term
    [InlineData("电子烟", "电子")]
    [InlineData("电子烟", "电子 香烟")]
    [InlineData("18", "2018")]             // a number term does not match inside a longer number
    [InlineData("e-cig", "ecig")]
    public void Ignores_near_misses(string term, string text) =>
        Assert.Empty(FindAll(Matcher(MatchMode.Normalised, term), text));

    [Fact]
    public void Reports_overlapping_matches_with_their_entries()
    {
        var matcher = Matcher(MatchMode.Normalised, "电子烟", "电子", "子烟", "烟", "电子烟");

        Assert.Equal(
            [new(1, 0, 2), new(0, 0, 3), new(4, 0, 3), new(2, 1, 2), new(3, 2, 1)],
            FindAll(matcher, "电子烟"));
        Assert.Equal(5, matcher.Count("电子烟"));
    }

    [Fact]
    public void Offsets_cover_surrogate_pairs_and_trailing_combining_marks()
    {
        var matcher = Matcher(MatchMode.Normalised, "\U00020000药", "cafe");
        const string text = "\U0001F525\U00020000\u0301藥\u0308 cafe\u0301\u0308!";

        Assert.Equal(
            [new(0, 2, 5), new(1, 8, 6)],
            FindAll(matcher, text));
    }

    [Fact]
    public void Entries_that_normalise_to_nothing_are_reported_and_never_match()
    {
        var matcher = Matcher(MatchMode.Normalised, "vape", "***", " ");

        Assert.Equal([1, 2], matcher.UnmatchableEntries);
        Assert.Equal(1, matcher.Count("*** vape"));
    }

    [Fact]
    public void Exact_mode_matches_the_raw_text_only()
    {
        var matcher = Matcher(MatchMode.Exact, "电子烟", "vape");

        Assert.Equal(["电子烟", "vape"], Matched(matcher, "电子烟 vapeshop 電子煙 VAPE 电*子*烟"));
    }

    [Fact]
    public void Empty_text_and_empty_list_find_nothing()
    {
        Assert.Equal(0, Matcher(MatchMode.Normalised, "vape").Count(""));
        Assert.Equal(0, Matcher(MatchMode.Normalised).Count("vape"));
        Assert.Equal(0, Matcher(MatchMode.Exact).Count("vape"));
    }

    [Fact]
    public void Concurrent_scans_share_one_matcher()
    {
        var matcher = Matcher(MatchMode.Normalised, "电子烟", "vape", "大麻");
        string text = string.Concat(Enumerable.Repeat("買電子煙 V A P E 大 麻 ", 200));
        int expected = matcher.Count(text);

        var counts = new int[64];
        Parallel.For(0, counts.Length, i => counts[i] = matcher.Count(text));

        Assert.Equal(600, expected);
        Assert.All(counts, c => Assert.Equal(expected, c));
    }

    [Property(Arbitrary = [typeof(ScreeningArbitraries)], MaxTest = 300)]
    public Property Normalised_mode_agrees_with_the_obvious_algorithm(ScreeningTerm[] terms, ScreeningText text)
    {
        var list = terms.Select(t => t.Value).ToList();
        var expected = ScreeningOracle.FindAll(list, text.Value);
        var actual = FindAll(Matcher(MatchMode.Normalised, [.. list]), text.Value);
        return (expected.SequenceEqual(actual) && Matcher(MatchMode.Normalised, [.. list]).Count(text.Value) == expected.Count)
            .Label($"expected {string.Join(",", expected)} got {string.Join(",", actual)}");
    }

    [Property(Arbitrary = [typeof(ScreeningArbitraries)], MaxTest = 300)]
    public bool Exact_mode_finds_what_an_IndexOf_loop_finds(ScreeningTerm[] terms, ScreeningText text)
    {
        var list = terms.Select(t => t.Value).ToList();
        var matcher = Matcher(MatchMode.Exact, [.. list]);
        var expected = ScreeningOracle.FindAllExact(list, text.Value);
        return expected.SequenceEqual(FindAll(matcher, text.Value)) && matcher.Count(text.Value) == expected.Count;
    }

    [Property(Arbitrary = [typeof(LongListingArbitraries)], MaxTest = 40)]
    public Property Long_listings_agree_with_the_obvious_algorithm_across_scan_blocks(ScreeningTerm[] terms, LongListing listing)
    {
        var list = terms.Select(t => t.Value).Append("电子烟").Append("vape").ToList();
        var expected = ScreeningOracle.FindAll(list, listing.Value);
        var normalised = FindAll(Matcher(MatchMode.Normalised, [.. list]), listing.Value);
        var exact = FindAll(Matcher(MatchMode.Exact, [.. list]), listing.Value);
        return (expected.SequenceEqual(normalised) && ScreeningOracle.FindAllExact(list, listing.Value).SequenceEqual(exact))
            .Label($"normalised: expected {expected.Count} got {normalised.Count}");
    }

    [Property(Arbitrary = [typeof(LongListingArbitraries)], MaxTest = 40)]
    public bool The_vectorised_and_the_scalar_filter_find_the_same(ScreeningTerm[] terms, LongListing listing)
    {
        var entries = terms.Select(t => new NegativeListEntry(t.Value, "test", Severity.Prohibited)).ToList();
        return new[] { MatchMode.Normalised, MatchMode.Exact }.All(mode =>
            FindAll(NegativeListMatcher.Build(entries, mode, vectorised: true), listing.Value)
                .SequenceEqual(FindAll(NegativeListMatcher.Build(entries, mode, vectorised: false), listing.Value)));
    }

    [Fact]
    public void Terms_planted_across_scan_block_boundaries_are_found()
    {
        var matcher = Matcher(MatchMode.Normalised, "电子烟", "电子烟油套装");
        var text = new System.Text.StringBuilder();
        var expected = new List<TermMatch>();
        // Filler of content and noise so that the 1,024-char blocks cut through the planted terms at varying offsets.
        for (int i = 0; text.Length < 5000; i++)
        {
            text.Append(i % 3 == 0 ? "好物推荐 " : "！！  ");
            if (i % 7 == 0)
            {
                int start = text.Length;
                text.Append("電 子 煙 油 套 裝");
                expected.Add(new TermMatch(0, start, 5));
                expected.Add(new TermMatch(1, start, text.Length - start));
            }
        }

        Assert.Equal(expected, FindAll(matcher, text.ToString()));
        Assert.Equal(expected.Count, matcher.Count(text.ToString()));
    }

    [Fact]
    public void A_large_list_finds_its_own_terms()
    {
        var terms = Enumerable.Range(0, 20_000).Select(i => $"违禁品{i:D5}号").ToArray();
        var matcher = Matcher(MatchMode.Normalised, terms);

        Assert.Equal([new TermMatch(12345, 3, 12)], FindAll(matcher, "新到货違 禁 品 12345号"));
    }

    [Property(Arbitrary = [typeof(ScreeningArbitraries)])]
    public bool Noise_between_the_characters_of_an_ideographic_term_never_hides_it(IdeographTerm term, Noise[] noise, ScreeningText before, ScreeningText after)
    {
        var runes = term.Value.EnumerateRunes().Select(r => r.ToString()).ToArray();
        string noisy = runes[0] + string.Concat(runes.Skip(1).Select((r, i) => (noise.Length == 0 ? "" : noise[i % noise.Length].Value) + r));
        string text = Plantable(before.Value) + noisy + Plantable(after.Value);
        int start = Plantable(before.Value).Length;

        return FindAll(Matcher(MatchMode.Normalised, term.Value), text).Any(m => m.Start == start && m.Length == noisy.Length);
    }

    [Property(Arbitrary = [typeof(ScreeningArbitraries)])]
    public bool The_same_noise_between_all_letters_of_a_word_never_hides_it(Noise noise, bool upperCase)
    {
        string term = "vape";
        string noisy = string.Join(noise.Value, (upperCase ? "VAPE" : term).ToCharArray());

        return FindAll(Matcher(MatchMode.Normalised, term), $"buy {noisy} now").Any(m => m.Start == 4 && m.Length == noisy.Length);
    }

    [Property(Arbitrary = [typeof(ScreeningArbitraries)])]
    public bool A_term_planted_in_random_text_is_flagged_at_the_planted_span(IdeographTerm term, ScreeningText text, int seed)
    {
        string host = Plantable(text.Value);
        int at = PlantPosition(host, seed);
        // Write the planted copy in traditional script half the time.
        string planted = seed % 2 == 0 ? term.Value : term.Value.Replace("电", "電").Replace("烟", "煙").Replace("药", "藥");
        string listing = host[..at] + planted + host[at..];

        return FindAll(Matcher(MatchMode.Normalised, "无关", term.Value), listing)
            .Any(m => m.EntryIndex == 1 && m.Start == at && m.Length == planted.Length);
    }

    [Property(Arbitrary = [typeof(ScreeningArbitraries)])]
    public bool A_word_planted_between_spaces_in_random_text_is_flagged_at_the_planted_span(ScreeningText text, int seed)
    {
        string host = Plantable(text.Value);
        int at = PlantPosition(host, seed);
        const string planted = " ＶＡＰＥ ";
        string listing = host[..at] + planted + host[at..];

        return FindAll(Matcher(MatchMode.Normalised, "vape"), listing).Any(m => m.Start == at + 1 && m.Length == 4);
    }

    // Random texts for planting: no combining marks or lone surrogates that would attach to or split the plant.
    private static string Plantable(string text) =>
        string.Concat(text.EnumerateRunes().Where(r => !ScreeningArbitraries.Marks.Contains(r.ToString())).Select(r => r.ToString()));

    private static int PlantPosition(string host, int seed)
    {
        int at = (int)((uint)seed % (uint)(host.Length + 1));
        return at > 0 && at < host.Length && char.IsLowSurrogate(host[at]) ? at - 1 : at;
    }
}
