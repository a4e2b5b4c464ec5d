using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using LiveCommerce.Domain.Audit;

namespace LiveCommerce.Domain.Tests.Audit;

public sealed class AuditChainTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    /// <summary>A chain of <paramref name="summaries"/> as the store writes it: each entry linked to the one before.</summary>
    private static List<(AuditRecord Record, string Hash)> Chain(IReadOnlyList<string> summaries)
    {
        var chain = new List<(AuditRecord, string)>();
        var prev = AuditChain.Genesis;
        for (var i = 0; i < summaries.Count; i++)
        {
            var record = new AuditRecord(i + 1, Start.AddSeconds(i), new AuditActor("officer-" + i % 3, ["compliance.admin"]), "thresholds.put", "key-room-thresholds", summaries[i], prev);
            prev = AuditChain.HashOf(record);
            chain.Add((record, prev));
        }

        return chain;
    }

    [Fact]
    public void The_canonical_form_has_sorted_members_no_whitespace_and_minimal_escapes()
    {
        var record = new AuditRecord(7, new DateTimeOffset(2026, 12, 1, 16, 0, 0, 123, TimeSpan.FromHours(8)), new AuditActor("李", ["z", "a"]), "a.b", "t/1", "say \"hi\"\n\u0001", AuditChain.Genesis);
        Assert.Equal(
            "{\"action\":\"a.b\",\"actor\":{\"roles\":[\"a\",\"z\"],\"sub\":\"李\"},\"at\":\"2026-12-01T08:00:00.123Z\",\"prevHash\":\"" + AuditChain.Genesis +
            "\",\"seq\":7,\"summary\":\"say \\\"hi\\\"\\n\\u0001\",\"target\":\"t/1\"}",
            AuditChain.CanonicalJson(record));
        Assert.Contains("\"recovered\":true,\"seq\"", AuditChain.CanonicalJson(record with { Recovered = true }));
    }

    [Property(MaxTest = 200)]
    public bool An_untouched_chain_verifies(NonEmptyString[] summaries)
    {
        var chain = Chain([.. summaries.Select(s => s.Get)]);
        var verification = AuditChain.Verify(chain, chain.Count, chain.Count == 0 ? AuditChain.Genesis : chain[^1].Hash);
        return verification.Valid && verification.FirstBrokenSeq is null && verification.Entries == chain.Count;
    }

    [Property(MaxTest = 300)]
    public Property Any_edited_entry_is_the_first_broken_one()
    {
        var gen =
            from count in Gen.Choose(1, 30)
            from index in Gen.Choose(0, count - 1)
            from field in Gen.Choose(0, 4)
            select (count, index, field);
        return Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var chain = Chain([.. Enumerable.Range(0, t.count).Select(i => "change " + i)]);
            var (record, hash) = chain[t.index];
            var edited = t.field switch
            {
                0 => record with { Summary = record.Summary + "!" },
                1 => record with { Actor = new AuditActor("someone-else", record.Actor.Roles) },
                2 => record with { At = record.At.AddSeconds(1) },
                3 => record with { Action = "other" },
                _ => record with { Target = "other" },
            };
            chain[t.index] = (edited, hash);
            var verification = AuditChain.Verify(chain, t.count, chain[^1].Hash);
            return !verification.Valid && verification.FirstBrokenSeq == t.index + 1;
        });
    }

    [Fact]
    public void An_edit_whose_hash_was_recomputed_breaks_the_link_of_the_next_entry()
    {
        var chain = Chain(["a", "b", "c"]);
        var forged = chain[1].Record with { Summary = "forged" };
        chain[1] = (forged, AuditChain.HashOf(forged));
        Assert.Equal(3, AuditChain.Verify(chain, 3, chain[2].Hash).FirstBrokenSeq);
    }

    [Fact]
    public void Removed_entries_are_named_in_the_middle_and_at_the_end()
    {
        var chain = Chain(["a", "b", "c", "d"]);
        var head = chain[^1].Hash;
        Assert.Equal(2, AuditChain.Verify([chain[0], chain[2], chain[3]], 4, head).FirstBrokenSeq);
        Assert.Equal(4, AuditChain.Verify(chain.Take(3), 4, head).FirstBrokenSeq);
    }
}
