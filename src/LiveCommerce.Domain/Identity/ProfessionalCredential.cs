using NodaTime;

namespace LiveCommerce.Domain.Identity;

/// <summary>The certificate a host offers for a professional field, valid through <see cref="ValidTo"/>.</summary>
public sealed record ProfessionalCredential(ProfessionalField Field, string? CertificateNumber, LocalDate? ValidTo)
{
    /// <summary>Numbered and not past its last day on <paramref name="today"/> (Asia/Shanghai).</summary>
    public bool IsCurrentOn(LocalDate today) =>
        !string.IsNullOrWhiteSpace(CertificateNumber) && ValidTo is { } last && today <= last;

    /// <summary>The start of the day after <see cref="ValidTo"/> in Asia/Shanghai; null without a ValidTo.</summary>
    public Instant? ExpiresAt => ValidTo is { } last ? ChinaTime.StartOf(last.PlusDays(1)) : null;
}
