using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using LiveCommerce.Domain.Screening;

namespace LiveCommerce.Domain.Tests.Screening;

/// <summary>
/// The evasion classes of issue #16, each with cases that must be caught (as that kind) and near misses that must not
/// be caught at all. Each case screens one text against a list of one term, so a failure names its own cause.
/// </summary>
public sealed class EvasionScreeningTests
{
    private static readonly Dictionary<string, NegativeListScreen> Screens = [];

    private static NegativeListScreen ScreenOf(string term)
    {
        lock (Screens)
        {
            if (!Screens.TryGetValue(term, out var screen))
            {
                Screens[term] = screen = NegativeListScreen.Build([new NegativeListEntry(term, "test", Severity.Prohibited)]);
            }

            return screen;
        }
    }

    private static List<ScreenMatch> Find(string term, string text)
    {
        var found = new List<ScreenMatch>();
        ScreenOf(term).FindAll(text, found);
        return found;
    }

    private static void AssertCaught(string term, string text, MatchKind kind, string matched)
    {
        var found = Find(term, text);
        Assert.True(found.Any(m => m.Kind == kind && text.Substring(m.Start, m.Length) == matched),
            $"'{term}' in '{text}': expected {kind} '{matched}', found [{string.Join("; ", found.Select(m => $"{m.Kind} '{text.Substring(m.Start, m.Length)}' {m.Confidence}"))}]");
    }

    private static void AssertNotCaught(string term, string text)
    {
        var found = Find(term, text);
        Assert.True(found.Count == 0,
            $"'{term}' in '{text}': expected nothing, found [{string.Join("; ", found.Select(m => $"{m.Kind} '{text.Substring(m.Start, m.Length)}' {m.Confidence}"))}]");
    }

    [Theory]
    [InlineData("电子烟", "dianziyan 批发", "dianziyan")]
    [InlineData("电子烟", "正品DianZiYan", "DianZiYan")]
    [InlineData("电子烟", "dian zi yan 一次性", "dian zi yan")]
    [InlineData("电子烟", "dianzi-yan", "dianzi-yan")]
    [InlineData("电子烟", "新款电子yan到货", "电子yan")]
    [InlineData("电子烟", "dian子烟", "dian子烟")]
    [InlineData("大麻", "dama种子", "dama")]
    [InlineData("冰毒", "出 bingdu", "bingdu")]
    [InlineData("迷药", "mi yao 无色无味", "mi yao")]
    [InlineData("枪支", "qiangzhi 出售", "qiangzhi")]
    [InlineData("香烟", "XIANG-YAN", "XIANG-YAN")]
    [InlineData("假币", "高仿jia币", "jia币")]
    public void Pinyin_is_caught(string term, string text, string matched) => AssertCaught(term, text, MatchKind.Pinyin, matched);

    [Theory]
    [InlineData("电子烟", "dianzi")]
    [InlineData("电子烟", "dian zi")]
    [InlineData("电子烟", "dianziyanjiu")]
    [InlineData("电子烟", "xdianziyan")]
    [InlineData("大麻", "adamant")]
    [InlineData("香烟", "xiangyang")]
    [InlineData("冰毒", "bingdui")]
    [InlineData("迷药", "miyaoo")]
    [InlineData("发票", "fapiaoke")]
    [InlineData("枪支", "zhiqiang")]
    [InlineData("电子烟", "dian zi yang")]
    public void Pinyin_near_misses_are_not(string term, string text) => AssertNotCaught(term, text);

    [Theory]
    [InlineData("电子烟", "正品dzy批发", "dzy")]
    [InlineData("电子烟", "DZY 到货", "DZY")]
    [InlineData("电子烟", "d.z.y", "d.z.y")]
    [InlineData("冰毒", "有bd吗", "bd")]
    [InlineData("代开发票", "dkfp 联系我", "dkfp")]
    [InlineData("迷药", "my 无味", "my")]
    [InlineData("大麻", "DM种子", "DM")]
    [InlineData("香烟", "xy批发", "xy")]
    [InlineData("枪支", "qz 出售", "qz")]
    [InlineData("仿真枪", "fzq", "fzq")]
    [InlineData("窃听器", "微型 qtq", "qtq")]
    public void Initials_are_caught(string term, string text, string matched) => AssertCaught(term, text, MatchKind.Initials, matched);

    [Theory]
    [InlineData("电子烟", "dzyx")]
    [InlineData("电子烟", "xdzy")]
    [InlineData("电子烟", "zdy")]
    [InlineData("电子烟", "dyz")]
    [InlineData("电子烟", "dz")]
    [InlineData("电子烟", "dzyabc")]
    [InlineData("大麻", "dmx")]
    [InlineData("香烟", "xyz")]
    [InlineData("枪支", "qzone")]
    [InlineData("代开发票", "dkf")]
    [InlineData("仿真枪", "fzqq")]
    public void Initials_near_misses_are_not(string term, string text) => AssertNotCaught(term, text);

    [Theory]
    [InlineData("电子烟", "正品电子湮批发", "电子湮")]
    [InlineData("电子烟", "电子淹，", "电子淹")]
    [InlineData("香烟", "好抽香焉", "香焉")]
    [InlineData("冰毒", "冰读", "冰读")]
    [InlineData("迷药", "迷要 无味", "迷要")]
    [InlineData("枪支", "枪知出售", "枪知")]
    [InlineData("假币", "假必", "假必")]
    [InlineData("毒品", "独品", "独品")]
    [InlineData("减肥药", "减肥要", "减肥要")]
    [InlineData("仿真枪", "仿真羌", "仿真羌")]
    [InlineData("窃听器", "窃听气", "窃听气")]
    public void Homophones_are_caught(string term, string text, string matched) => AssertCaught(term, text, MatchKind.Homophone, matched);

    [Theory]
    [InlineData("电子烟", "电子研究")]     // 研 yán is not 烟 yān: the tone counts
    [InlineData("电子烟", "电子眼")]
    [InlineData("香烟", "香艳")]
    [InlineData("电子烟", "店子淹")]      // two of three characters replaced
    [InlineData("枪", "腔")]             // a one-character term has no homophones
    [InlineData("冰毒", "冰读书")]        // 读书 is a word of the text
    [InlineData("电子烟", "电子湮灭")]
    [InlineData("假币", "假必须")]
    [InlineData("迷药", "迷要求")]
    [InlineData("发票", "发飘")]
    [InlineData("大麻", "大妈")]
    public void Homophone_near_misses_are_not(string term, string text) => AssertNotCaught(term, text);

    [Theory]
    [InlineData("烟", "买火因", "火因")]
    [InlineData("枪", "出售木仓。", "木仓")]
    [InlineData("电子烟", "电子火因", "电子火因")]
    [InlineData("枪支", "木仓支", "木仓支")]
    [InlineData("香烟", "禾日烟", "禾日烟")]
    [InlineData("仿真枪", "仿真木仓", "仿真木仓")]
    [InlineData("弹弓", "弓单弓", "弓单弓")]
    [InlineData("赌博", "网上贝者博", "贝者博")]
    [InlineData("枪", "玩具木 仓", "木 仓")]
    [InlineData("电子烟", "電子火因", "電子火因")]
    public void Split_characters_are_caught(string term, string text, string matched) => AssertCaught(term, text, MatchKind.Split, matched);

    [Theory]
    [InlineData("枪", "木仓库")]       // 仓库 is the word
    [InlineData("烟", "大火因为风")]    // 因为
    [InlineData("烟", "火因素")]        // 因素
    [InlineData("枪", "仓木")]
    [InlineData("香烟", "禾日")]
    [InlineData("枪", "木头仓")]
    [InlineData("烟", "火困")]
    [InlineData("电子烟", "电子火")]
    [InlineData("枪", "木仓鼠")]        // 仓鼠
    [InlineData("弹弓", "弓单")]
    public void Split_near_misses_are_not(string term, string text) => AssertNotCaught(term, text);

    [Theory]
    [InlineData("18禁", "①⑧禁", "①⑧禁")]
    [InlineData("18禁", "❶❽禁", "❶❽禁")]
    [InlineData("18禁", "壹捌禁", "壹捌禁")]
    [InlineData("18禁", "十八禁", "十八禁")]
    [InlineData("18禁", "一八禁", "一八禁")]
    [InlineData("18禁", "⒈⒏禁", "⒈⒏禁")]
    [InlineData("18禁", "¹⁸禁", "¹⁸禁")]
    [InlineData("十八禁", "18禁", "18禁")]
    [InlineData("18禁", "➀➇禁", "➀➇禁")]
    [InlineData("3号", "叁号", "叁号")]
    [InlineData("18禁", "拾捌禁", "拾捌禁")]
    public void Variant_numerals_are_caught(string term, string text, string matched) => AssertCaught(term, text, MatchKind.Variant, matched);

    [Theory]
    [InlineData("18禁", "2018禁")]
    [InlineData("18禁", "一八")]
    [InlineData("18禁", "十八岁")]
    [InlineData("18禁", "①⑨禁")]
    [InlineData("18禁", "八十禁")]
    [InlineData("18禁", "②①⑧禁")]
    [InlineData("18禁", "十七禁")]
    [InlineData("18禁", "壹玖禁")]
    [InlineData("18禁", "⑧①禁")]
    [InlineData("十八禁", "81禁")]
    public void Variant_numeral_near_misses_are_not(string term, string text) => AssertNotCaught(term, text);

    [Theory]
    [InlineData("电子烟", "正品电孑烟", "电孑烟")]
    [InlineData("vape", "buy v\u0430pe now", "v\u0430pe")]              // Cyrillic а
    [InlineData("vape", "v\u0430\u0440\u0435", "v\u0430\u0440\u0435")]   // Cyrillic а р е
    [InlineData("香烟", "⾹烟", "⾹烟")]                                 // Kangxi radical
    [InlineData("大麻", "⼤麻", "⼤麻")]
    [InlineData("冰毒", "冰毐", "冰毐")]
    [InlineData("cbd", "\u0441bd oil", "\u0441bd")]                     // Cyrillic с
    [InlineData("vape", "V\u0391PE", "V\u0391PE")]                      // Greek Alpha
    [InlineData("大麻", "大⿇", "大⿇")]
    [InlineData("管制刀具", "管制刁具", "管制刁具")]
    [InlineData("电子烟", "电子堙", "电子堙")]
    public void Lookalikes_are_caught(string term, string text, string matched) => AssertCaught(term, text, MatchKind.Lookalike, matched);

    [Theory]
    [InlineData("vape", "v\u0430pes")]
    [InlineData("电子烟", "电孑")]
    [InlineData("vape", "v\u0430p")]
    [InlineData("香烟", "⾹")]
    [InlineData("cbd", "\u0441bdx")]
    [InlineData("大麻", "⼤")]
    [InlineData("冰毒", "冰母")]
    [InlineData("管制刀具", "管制刁难")]
    [InlineData("vape", "x v \u0430 p e")]
    [InlineData("电子烟", "电孓")]
    public void Lookalike_near_misses_are_not(string term, string text) => AssertNotCaught(term, text);

    // A two-character term doubled (香香烟烟) still holds the term itself; these are terms of three or more.
    [Theory]
    [InlineData("电子烟", "电电子子烟")]
    [InlineData("电子烟", "电子子烟")]
    [InlineData("电子烟", "電電子子煙煙")]
    [InlineData("仿真枪", "仿仿真真枪")]
    [InlineData("减肥药", "减减肥肥药药")]
    [InlineData("代开发票", "代代开开发发票票")]
    [InlineData("窃听器", "窃窃听听器")]
    [InlineData("管制刀具", "管制制刀具")]
    [InlineData("电子烟", "电 电 子 子 烟")]
    [InlineData("窃听器", "窃听听器")]
    public void Repeated_characters_are_caught(string term, string text)
    {
        string listing = "买" + text + "！";
        var found = Find(term, listing);
        Assert.True(found.Any(m => m.Kind == MatchKind.Normalised && m.Start == 1 && m.Length >= text.Length - 1),
            $"'{term}' in '{listing}': found [{string.Join("; ", found)}]");
    }

    [Theory]
    [InlineData("vape", "vvape")]      // Latin letters repeat in real words: good is not god
    [InlineData("vape", "vaape")]
    [InlineData("电子烟", "电子电子")]
    [InlineData("哈哈镜", "哈镜")]     // a term's own double must be there
    [InlineData("电子烟", "电电子")]
    [InlineData("18禁", "118禁")]
    [InlineData("电子烟", "电子子")]
    [InlineData("发票", "发发")]
    [InlineData("香烟", "香香")]
    [InlineData("god", "good")]
    public void Repeat_near_misses_are_not(string term, string text) => AssertNotCaught(term, text);

    [Theory]
    [InlineData("枪支", "儿童水枪 支持七天无理由")]
    [InlineData("发票", "周末出发，票价优惠")]
    [InlineData("香烟", "清香 烟台苹果")]
    [InlineData("电子烟", "电子 烟雾报警器")]
    [InlineData("枪支", "玩具水枪，支架另售")]
    [InlineData("大麻", "强大 麻辣烫")]
    [InlineData("发票", "软件开发 票据打印")]
    [InlineData("香烟", "花香、烟花")]
    [InlineData("冰毒", "溜冰 毒液")]
    [InlineData("迷药", "着迷 药材")]
    [InlineData("假币", "放假，币值")]
    public void A_separator_between_two_words_is_not_an_evasion(string term, string text) => AssertNotCaught(term, text);

    [Theory]
    [InlineData("电子烟", "电 子 烟", "电 子 烟")]
    [InlineData("电子烟", "买电子 烟", "电子 烟")]            // a lone character after the space
    [InlineData("枪支", "枪 支出售", "枪 支")]               // a lone character before it
    [InlineData("香烟", "香，烟", "香，烟")]
    [InlineData("发票", "代开发 票", "发 票")]
    [InlineData("大麻", "大 麻", "大 麻")]
    [InlineData("香烟", "清香烟台", "香烟")]                 // no separator: segmentation does not veto the term
    [InlineData("电子烟", "电子烟台", "电子烟")]
    [InlineData("枪支", "水枪支持", "枪支")]
    [InlineData("冰毒", "冰*毒", "冰*毒")]
    public void Noise_inside_a_word_or_beside_a_lone_character_is_still_an_evasion(string term, string text, string matched)
    {
        var found = Find(term, text);
        Assert.Contains(found, m => m.Kind is MatchKind.Exact or MatchKind.Normalised && text.Substring(m.Start, m.Length) == matched);
    }

    [Fact]
    public void Exact_and_normalised_matches_say_so_with_their_confidence()
    {
        var found = Find("电子烟", "电子烟 電子煙");

        Assert.Equal([new ScreenMatch(0, 0, 3, MatchKind.Exact, 1.0), new ScreenMatch(0, 4, 3, MatchKind.Normalised, 0.95)], found);
    }

    [Fact]
    public void Evasion_matches_carry_a_confidence_that_orders_the_kinds()
    {
        double Confidence(string term, string text) => Find(term, text).Single().Confidence;

        Assert.True(Confidence("电子烟", "电孑烟") > Confidence("电子烟", "电子湮"));
        Assert.True(Confidence("电子烟", "dianziyan") > Confidence("电子烟", "dzy"));
        Assert.True(Confidence("枪", "qiang") < VerdictRules.DefaultMinBlockConfidence);
        Assert.True(Confidence("电子烟", "dzy") < VerdictRules.DefaultMinBlockConfidence);
    }

    [Fact]
    public void A_match_is_reported_once_per_entry_and_span_with_its_strongest_kind()
    {
        // The term itself, and the same characters found again by the evasion pass, are one match.
        var found = Find("电子烟", "电子烟");

        Assert.Equal([new ScreenMatch(0, 0, 3, MatchKind.Exact, 1.0)], found);
    }

    [Fact]
    public void The_evasion_fold_is_idempotent_over_the_whole_BMP()
    {
        var fold = FoldTable.Evasion;
        for (int c = 0; c < 0x10000; c++)
        {
            if (c is >= 0xD800 and <= 0xDFFF)
            {
                continue;
            }

            int once = fold.Fold(c).Folded;
            Assert.True(fold.Fold(once).Folded == once, $"U+{c:X4} folds to U+{once:X4}, which folds on");
        }
    }

    [Property(Arbitrary = [typeof(ScreeningArbitraries)])]
    public bool Noise_between_every_character_never_hides_a_term_from_the_screen(IdeographTerm term, Noise noise, ScreeningText before, ScreeningText after)
    {
        var runes = term.Value.EnumerateRunes().Select(r => r.ToString()).ToArray();
        string noisy = string.Join(noise.Value, runes);
        // Latin and a space on both sides: no Han word can run into the planted term.
        string prefix = Latin(before.Value) + "x ", suffix = " x" + Latin(after.Value);
        string text = prefix + noisy + suffix;

        var found = new List<ScreenMatch>();
        NegativeListScreen.Build([new NegativeListEntry(term.Value, "t", Severity.Prohibited)]).FindAll(text, found);
        return found.Any(m => m.Start == prefix.Length && m.Length == noisy.Length);
    }

    [Property(Arbitrary = [typeof(ScreeningArbitraries)], MaxTest = 200)]
    public Property Screen_matches_index_the_original_text_and_keep_every_primary_match_but_two_word_ones(ScreeningTerm[] terms, ScreeningText text)
    {
        var entries = terms.Select(t => new NegativeListEntry(t.Value, "t", Severity.Prohibited)).ToList();
        var screen = NegativeListScreen.Build(entries);
        var found = new List<ScreenMatch>();
        screen.FindAll(text.Value, found);
        var primary = new List<TermMatch>();
        screen.Primary.FindAll(text.Value, primary);

        bool inside = found.All(m => m.Start >= 0 && m.Length > 0 && m.Start + m.Length <= text.Value.Length
            && !char.IsLowSurrogate(text.Value[m.Start]) && m.Confidence is > 0 and <= 1);
        bool primaryKept = primary.All(p => WordBoundaries.SpansTwoWords(text.Value, p.Start, p.Length)
            || found.Any(m => m.EntryIndex == p.EntryIndex && m.Start == p.Start && m.Length == p.Length && m.Kind is MatchKind.Exact or MatchKind.Normalised));
        return (inside && primaryKept).Label($"found {string.Join(",", found)}; primary {string.Join(",", primary)}");
    }

    [Property(Arbitrary = [typeof(ScreeningArbitraries)])]
    public bool Evasion_folding_a_text_twice_equals_once(ScreeningText text)
    {
        var fold = FoldTable.Evasion;
        foreach (var rune in text.Value.EnumerateRunes())
        {
            int once = fold.Fold(rune.Value).Folded;
            if (fold.Fold(once).Folded != once)
            {
                return false;
            }
        }

        return true;
    }

    private static string Latin(string s) => new(s.Where(char.IsAsciiLetter).ToArray());
}
