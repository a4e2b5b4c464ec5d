using System.Text.Json;
using System.Text.Json.Serialization;
using LiveCommerce.Domain;
using LiveCommerce.Domain.Identity;
using NodaTime.Text;

namespace LiveCommerce.Storage.Identity;

/// <summary>
/// The stored form of a <see cref="QualificationSnapshot"/>: a JSON property of the standing row, versioned so that a
/// later format can still read it. Contract ids (categories, licence types, fields) and ISO dates, never .NET names.
/// Holds masked identifiers only; the raw ID number never reaches it.
/// </summary>
public static class StoredSnapshot
{
    private const int FormatVersion = 1;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Serialize(QualificationSnapshot snapshot)
    {
        var stored = snapshot switch
        {
            MerchantSnapshot m => new Stored
            {
                Kind = "merchant",
                CreditCode = Of(m.CreditCodeFinding),
                RepresentativeIdNumber = Of(m.RepresentativeIdFinding),
                Categories = [.. m.Categories.Select(c => c.Id)],
                Licences = [.. m.Licences.Select(l => new StoredLicence(l.Type.Id, l.Number, LocalDatePattern.Iso.Format(l.ValidFrom), LocalDatePattern.Iso.Format(l.ValidTo)))],
            },
            HostSnapshot h => new Stored
            {
                Kind = "host",
                IdNumber = Of(h.IdNumberFinding),
                Age = [.. h.AgeFindings.Select(r => Of(r)!)],
                ProfessionalFields = [.. h.ProfessionalFields.Select(p => new StoredCredential(p.Field.ToString().ToLowerInvariant(), p.CertificateNumber, p.ValidTo is { } to ? LocalDatePattern.Iso.Format(to) : null))],
                PortraitOwnerConsent = h.VirtualAvatar?.PortraitOwnerConsent,
                IsPublicFigure = h.IsPublicFigure,
                IsOverseas = h.IsOverseas,
            },
            _ => throw new ArgumentException($"Unknown snapshot type {snapshot.GetType().Name}.", nameof(snapshot)),
        };
        return JsonSerializer.Serialize(stored with
        {
            Version = FormatVersion,
            Masked = new Dictionary<string, string>(snapshot.MaskedIdentifiers),
            Warnings = [.. snapshot.Warnings.Select(r => Of(r)!)],
        }, Json);
    }

    /// <summary>The snapshot, or null when there is none or it cannot be read (e.g. an id this rule set no longer knows).</summary>
    public static QualificationSnapshot? Deserialize(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }

        Stored? stored;
        try
        {
            stored = JsonSerializer.Deserialize<Stored>(json, Json);
        }
        catch (JsonException)
        {
            return null;
        }

        if (stored is not { Version: FormatVersion, Masked: { } masked, Warnings: { } warnings })
        {
            return null;
        }

        try
        {
            return stored.Kind switch
            {
                "merchant" => new MerchantSnapshot
                {
                    MaskedIdentifiers = masked,
                    Warnings = [.. warnings.Select(ToReason)],
                    CreditCodeFinding = stored.CreditCode is { } c ? ToReason(c) : null,
                    RepresentativeIdFinding = stored.RepresentativeIdNumber is { } r ? ToReason(r) : null,
                    Categories = [.. (stored.Categories ?? []).Select(id => ProductCategory.TryParse(id, out var category) ? category : throw new FormatException(id))],
                    Licences = [.. (stored.Licences ?? []).Select(l => new Licence(
                        LicenceType.TryParse(l.Type, out var type) ? type : throw new FormatException(l.Type),
                        l.Number,
                        LocalDatePattern.Iso.Parse(l.ValidFrom).GetValueOrThrow(),
                        LocalDatePattern.Iso.Parse(l.ValidTo).GetValueOrThrow()))],
                },
                "host" => new HostSnapshot
                {
                    MaskedIdentifiers = masked,
                    Warnings = [.. warnings.Select(ToReason)],
                    IdNumberFinding = stored.IdNumber is { } id ? ToReason(id) : null,
                    AgeFindings = [.. (stored.Age ?? []).Select(ToReason)],
                    ProfessionalFields = [.. (stored.ProfessionalFields ?? []).Select(p => new ProfessionalCredential(
                        Enum.Parse<ProfessionalField>(p.Field, ignoreCase: true),
                        p.CertificateNumber,
                        p.ValidTo is { } to ? LocalDatePattern.Iso.Parse(to).GetValueOrThrow() : null))],
                    VirtualAvatar = stored.PortraitOwnerConsent is { } consent ? new VirtualAvatar(consent) : null,
                    IsPublicFigure = stored.IsPublicFigure ?? false,
                    IsOverseas = stored.IsOverseas ?? false,
                },
                _ => null,
            };
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or UnparsableValueException)
        {
            return null;
        }
    }

    private static StoredReason? Of(Reason? reason) => reason is null ? null : new StoredReason(reason.Code, reason.Message, reason.Field);

    private static Reason ToReason(StoredReason r) => new(r.Code, r.Message, r.Field);

    private sealed record Stored
    {
        [JsonPropertyName("v")]
        public int Version { get; init; }

        public string Kind { get; init; } = string.Empty;

        public Dictionary<string, string>? Masked { get; init; }

        public List<StoredReason>? Warnings { get; init; }

        public StoredReason? CreditCode { get; init; }

        public StoredReason? RepresentativeIdNumber { get; init; }

        public List<string>? Categories { get; init; }

        public List<StoredLicence>? Licences { get; init; }

        public StoredReason? IdNumber { get; init; }

        public List<StoredReason>? Age { get; init; }

        public List<StoredCredential>? ProfessionalFields { get; init; }

        public bool? PortraitOwnerConsent { get; init; }

        public bool? IsPublicFigure { get; init; }

        public bool? IsOverseas { get; init; }
    }

    private sealed record StoredReason(string Code, string Message, string? Field);

    private sealed record StoredLicence(string Type, string Number, string ValidFrom, string ValidTo);

    private sealed record StoredCredential(string Field, string? CertificateNumber, string? ValidTo);
}
