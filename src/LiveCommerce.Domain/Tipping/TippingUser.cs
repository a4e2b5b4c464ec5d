using LiveCommerce.Domain.Identity;
using NodaTime;

namespace LiveCommerce.Domain.Tipping;

/// <summary>
/// What the rules need of a tipping user: whether the platform verified the real name, and the birth date read from
/// the ID number (the number itself is never kept). Minor status is not stored: it is computed on each day.
/// </summary>
public sealed record TippingUser(bool RealNameVerified, LocalDate? BirthDate)
{
    /// <summary>True or false when the birth date is known, null when it is not.</summary>
    public bool? IsMinorOn(LocalDate date) => BirthDate is { } birth ? CivilAge.IsMinorOn(birth, date) : null;
}
