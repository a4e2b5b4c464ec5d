using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace LiveCommerce.Domain.Audit;

/// <summary>
/// The hash chain of an audit log: entry n's <c>hash</c> is SHA-256 over its canonical JSON, which includes
/// <c>prevHash</c> = entry n-1's hash (64 zeros before the first). Editing, removing or reordering any stored entry
/// changes a hash that a later entry (or the head) depends on, so <see cref="Verify"/> names the first entry that no
/// longer fits.
/// </summary>
public static class AuditChain
{
    /// <summary>The <c>prevHash</c> of the first entry.</summary>
    public static readonly string Genesis = new('0', 64);

    /// <summary>Lower-case hex SHA-256 of <see cref="CanonicalJson"/>.</summary>
    public static string HashOf(AuditRecord record) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(CanonicalJson(record))));

    /// <summary>
    /// The entry without its own hash as RFC 8785 (JCS) JSON: members in code-point order, no whitespace, strings
    /// escaped minimally, <c>at</c> as UTC with millisecond precision (<c>2026-12-01T23:59:59.123Z</c>), roles sorted.
    /// <c>recovered</c> appears only when true, so entries of ordinary requests have exactly the contract's fields.
    /// </summary>
    public static string CanonicalJson(AuditRecord r)
    {
        var json = new StringBuilder(256);
        json.Append("{\"action\":").Append(Quote(r.Action));
        json.Append(",\"actor\":{\"roles\":[");
        var roles = r.Actor.Roles.Order(StringComparer.Ordinal).ToArray();
        for (var i = 0; i < roles.Length; i++)
        {
            json.Append(i == 0 ? "" : ",").Append(Quote(roles[i]));
        }

        json.Append("],\"sub\":").Append(Quote(r.Actor.Sub)).Append('}');
        json.Append(",\"at\":").Append(Quote(FormatAt(r.At)));
        json.Append(",\"prevHash\":").Append(Quote(r.PrevHash));
        if (r.Recovered)
        {
            json.Append(",\"recovered\":true");
        }

        json.Append(",\"seq\":").Append(r.Seq.ToString(CultureInfo.InvariantCulture));
        json.Append(",\"summary\":").Append(Quote(r.Summary));
        json.Append(",\"target\":").Append(Quote(r.Target));
        return json.Append('}').ToString();
    }

    /// <summary>The instant as hashed and as served: UTC, milliseconds, 'Z'.</summary>
    public static string FormatAt(DateTimeOffset at) =>
        at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>The instant as it is hashed: truncated to milliseconds, so a stored and re-read entry hashes alike.</summary>
    public static DateTimeOffset Truncate(DateTimeOffset at) =>
        new(at.UtcTicks - (at.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);

    /// <summary>
    /// Recomputes the chain over stored entries in seq order and compares it with each stored hash and with the
    /// head. Returns the first seq that breaks the chain: its content no longer hashes to its stored hash, its
    /// prevHash is not the hash before it, or a seq is missing; or, when every entry fits but the head names another
    /// last hash or a later seq (entries removed from the end), the seq after the last entry.
    /// </summary>
    public static AuditVerification Verify(IEnumerable<(AuditRecord Record, string StoredHash)> entries, long headSeq, string headHash)
    {
        var prev = Genesis;
        long expectedSeq = 1, count = 0;
        long? broken = null;
        foreach (var (record, stored) in entries)
        {
            count++;
            if (broken is null &&
                (record.Seq != expectedSeq || record.PrevHash != prev || HashOf(record) != stored))
            {
                broken = Math.Min(record.Seq, expectedSeq);
            }

            prev = stored;
            expectedSeq = record.Seq + 1;
        }

        if (broken is null && (headSeq != expectedSeq - 1 || headHash != prev))
        {
            broken = expectedSeq;
        }

        return new AuditVerification(count, headHash, broken is null, broken);
    }

    private static string Quote(string value)
    {
        var json = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': json.Append("\\\""); break;
                case '\\': json.Append("\\\\"); break;
                case '\b': json.Append("\\b"); break;
                case '\f': json.Append("\\f"); break;
                case '\n': json.Append("\\n"); break;
                case '\r': json.Append("\\r"); break;
                case '\t': json.Append("\\t"); break;
                case < ' ': json.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)); break;
                default: json.Append(c); break;
            }
        }

        return json.Append('"').ToString();
    }
}

/// <summary>What a recomputation of the chain found: <c>{ entries, headHash, valid, firstBrokenSeq? }</c>.</summary>
public sealed record AuditVerification(long Entries, string HeadHash, bool Valid, long? FirstBrokenSeq);
