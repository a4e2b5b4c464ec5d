using NodaTime;

namespace LiveCommerce.Domain.Identity;

/// <summary>An administrative licence or filing a merchant holds, valid from ValidFrom to ValidTo inclusive.</summary>
public sealed record Licence(LicenceType Type, string Number, LocalDate ValidFrom, LocalDate ValidTo)
{
    /// <summary>Whether the licence is in force on <paramref name="today"/> (a date in Asia/Shanghai).</summary>
    public bool IsValidOn(LocalDate today) => ValidFrom <= today && today <= ValidTo;

    /// <summary>The licence lapses at the start of the day after <see cref="ValidTo"/>, Asia/Shanghai.</summary>
    public Instant ExpiresAt => ChinaTime.StartOf(ValidTo.PlusDays(1));
}
