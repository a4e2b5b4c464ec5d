using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using LiveCommerce.Domain;
using LiveCommerce.Http.Json;
using NodaTime;
using NodaTime.Text;

namespace LiveCommerce.Http.BackgroundChecks;

/// <summary>
/// Version 1 of the background-check message, the same bytes on the Azure Storage queue in both hosts
/// (docs/api.md, "Background checks"). <see cref="MessageId"/> names the logical message: a re-delivery or a re-send
/// keeps it, and no message id is handled twice per platform.
/// </summary>
public sealed record BackgroundCheckMessage(string MessageId, string CorrelationId, PlatformId Platform, BackgroundCheck Check, Instant EnqueuedAt)
{
    public const string Schema = "livecommerce.background-check";
    public const int Version = 1;
    public const int MaxIdLength = 128;

    /// <summary>An id derived from what identifies the work, so that doing it twice produces the same message twice.</summary>
    public static string DerivedId(params string[] parts) =>
        "bc_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', parts))))[..32];

    /// <summary>1-128 visible ASCII characters: safe in logs and (hashed) table keys.</summary>
    public static bool IsWellFormedId(string? id) =>
        !string.IsNullOrEmpty(id) && id.Length <= MaxIdLength && id.All(c => c is > ' ' and <= '~');

    public BinaryData ToJson()
    {
        object subject = Check switch
        {
            MerchantReverification m => new { merchantId = m.MerchantId },
            HostReverification h => new { hostId = h.HostId },
            ListingRescreen l => new { listId = l.ListId, listVersion = l.ListVersion },
            _ => new { },
        };
        return BinaryData.FromObjectAsJson(
            new
            {
                schema = Schema,
                version = Version,
                messageId = MessageId,
                correlationId = CorrelationId,
                platformId = Platform.Value,
                kind = Check.Kind,
                subject,
                enqueuedAt = ApiTime.Format(EnqueuedAt),
            },
            ApiJson.Options);
    }

    /// <summary>
    /// Reads a message. Anything that can never be handled — not JSON, another schema, an unknown version or kind, a
    /// missing or malformed field — is a <paramref name="rejection"/>: it goes to the poison queue at once, never retried.
    /// </summary>
    public static bool TryParse(BinaryData body, out BackgroundCheckMessage? message, out BackgroundCheckOutcome.Unprocessable? rejection)
    {
        message = null;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body.ToMemory(), new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException ex)
        {
            rejection = new("MALFORMED_JSON", $"The message is not well-formed JSON (line {(ex.LineNumber ?? 0) + 1}).");
            return false;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                rejection = new("MALFORMED_JSON", "The message must be a JSON object.");
                return false;
            }

            if (String(root, "schema") != Schema)
            {
                rejection = new("UNKNOWN_SCHEMA", $"'schema' must be \"{Schema}\".");
                return false;
            }

            if (!root.TryGetProperty("version", out var version) || version.ValueKind != JsonValueKind.Number || !version.TryGetInt32(out var number) || number != Version)
            {
                rejection = new("UNSUPPORTED_VERSION", $"'version' {(root.TryGetProperty("version", out var v) ? v.GetRawText() : "(missing)")} is not supported; this consumer reads version {Version}.");
                return false;
            }

            var kind = String(root, "kind");
            if (kind is null || !BackgroundCheck.Kinds.Contains(kind))
            {
                rejection = new("UNKNOWN_KIND", $"'kind' {(kind is null ? "is missing" : $"\"{kind}\" is not one of: {string.Join(", ", BackgroundCheck.Kinds)}")}.");
                return false;
            }

            var problems = new List<string>();
            var messageId = String(root, "messageId");
            if (!IsWellFormedId(messageId))
            {
                problems.Add($"'messageId' must be 1-{MaxIdLength} visible ASCII characters");
            }

            var correlationId = String(root, "correlationId");
            if (!IsWellFormedId(correlationId))
            {
                problems.Add($"'correlationId' must be 1-{MaxIdLength} visible ASCII characters");
            }

            if (!PlatformId.TryParse(String(root, "platformId"), out var platform))
            {
                problems.Add($"'platformId' must be 1-{PlatformId.MaxLength} letters, digits, '-' or '_'");
            }

            var enqueuedAt = OffsetDateTimePattern.ExtendedIso.Parse(String(root, "enqueuedAt") ?? string.Empty);
            if (!enqueuedAt.Success)
            {
                problems.Add("'enqueuedAt' must be an ISO 8601 time with an offset");
            }

            var check = root.TryGetProperty("subject", out var subject) && subject.ValueKind == JsonValueKind.Object
                ? ReadSubject(kind, subject, problems)
                : Missing(problems);
            if (problems.Count > 0)
            {
                rejection = new("INVALID_MESSAGE", string.Join("; ", problems) + ".");
                return false;
            }

            message = new BackgroundCheckMessage(messageId!, correlationId!, platform, check!, enqueuedAt.Value.ToInstant());
            rejection = null;
            return true;
        }
    }

    private static BackgroundCheck? Missing(List<string> problems)
    {
        problems.Add("'subject' must be an object");
        return null;
    }

    private static BackgroundCheck? ReadSubject(string kind, JsonElement subject, List<string> problems)
    {
        switch (kind)
        {
            case BackgroundCheck.MerchantReverificationKind:
                return Key(subject, "merchantId", problems) is { } merchantId ? new MerchantReverification(merchantId) : null;
            case BackgroundCheck.HostReverificationKind:
                return Key(subject, "hostId", problems) is { } hostId ? new HostReverification(hostId) : null;
            case BackgroundCheck.ListingRescreenKind:
                var listId = Key(subject, "listId", problems);
                int? listVersion = null;
                if (subject.TryGetProperty("listVersion", out var raw) && raw.ValueKind != JsonValueKind.Null)
                {
                    if (raw.ValueKind == JsonValueKind.Number && raw.TryGetInt32(out var parsed) && parsed >= 1)
                    {
                        listVersion = parsed;
                    }
                    else
                    {
                        problems.Add("'subject.listVersion' must be a whole number of 1 or more");
                    }
                }

                return listId is null ? null : new ListingRescreen(listId, listVersion);
            default:
                return new LicenceExpirySweep();
        }
    }

    private static string? Key(JsonElement subject, string name, List<string> problems)
    {
        var value = String(subject, name);
        if (PlatformId.IsWellFormedKey(value, 64))
        {
            return value;
        }

        problems.Add($"'subject.{name}' must be 1-64 letters, digits, '-' or '_'");
        return null;
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
