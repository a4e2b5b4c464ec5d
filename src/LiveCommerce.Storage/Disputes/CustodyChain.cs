using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LiveCommerce.Storage.Disputes;

/// <summary>What the verifier found in a chain of custody.</summary>
public sealed record CustodyVerification(bool Valid, int Entries, int? BrokenAt, string? Head);

/// <summary>
/// The hash chain of a dispute's custody log: entry n carries <c>seq</c> = n, <c>prev</c> = hash of entry n-1 (64
/// zeros for the first) and <c>hash</c> = SHA-256 of its own JSON without <c>hash</c>. Azurite has no WORM; this
/// makes an edit, a removal or a reordering visible, and infra/ puts the container under an immutability policy.
/// </summary>
public static class CustodyChain
{
    public static readonly string Genesis = new('0', 64);

    public static string Link(object entry, string? previousLine, int seq, JsonSerializerOptions json)
    {
        var previous = previousLine is null ? Genesis : JsonNode.Parse(previousLine)?["hash"]?.GetValue<string>() ?? Genesis;
        var node = JsonSerializer.SerializeToNode(entry, json)!.AsObject();
        node["seq"] = seq;
        node["prev"] = previous;
        node["hash"] = HashOf(node.ToJsonString(json));
        return node.ToJsonString(json);
    }

    public static CustodyVerification Verify(IReadOnlyList<string> lines)
    {
        var previous = Genesis;
        for (var i = 0; i < lines.Count; i++)
        {
            JsonObject? node;
            try
            {
                node = JsonNode.Parse(lines[i])?.AsObject();
            }
            catch (JsonException)
            {
                return new CustodyVerification(false, lines.Count, i + 1, null);
            }

            var hash = node?["hash"]?.GetValue<string>();
            if (node is null || hash is null || node["prev"]?.GetValue<string>() != previous || node["seq"]?.GetValue<int>() != i + 1)
            {
                return new CustodyVerification(false, lines.Count, i + 1, null);
            }

            node.Remove("hash");
            if (!string.Equals(HashOf(node.ToJsonString(Options)), hash, StringComparison.Ordinal))
            {
                return new CustodyVerification(false, lines.Count, i + 1, null);
            }

            previous = hash;
        }

        return new CustodyVerification(true, lines.Count, null, lines.Count == 0 ? null : previous);
    }

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    private static string HashOf(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
