using System.Text.Json;
using NodaTime;
using NodaTime.Text;

namespace LiveCommerce.Storage.Identity;

/// <summary>The licences a merchant's latest qualification relied on, as kept with its standing.</summary>
public static class StoredLicences
{
    /// <summary>
    /// Whether the merchant may rely on a licence of <paramref name="licenceType"/> today: only while its standing is
    /// current and a licence of that type is in force (validFrom &lt;= today &lt;= validTo, Asia/Shanghai).
    /// </summary>
    public static Func<string, bool> HoldingOn(AccountStanding standing, LocalDate today)
    {
        if (!standing.IsCurrent || string.IsNullOrEmpty(standing.LicencesJson))
        {
            return _ => false;
        }

        using var document = JsonDocument.Parse(standing.LicencesJson);
        var inForce = new HashSet<string>(StringComparer.Ordinal);
        foreach (var licence in document.RootElement.EnumerateArray())
        {
            var from = LocalDatePattern.Iso.Parse(licence.GetProperty("validFrom").GetString() ?? string.Empty);
            var to = LocalDatePattern.Iso.Parse(licence.GetProperty("validTo").GetString() ?? string.Empty);
            if (from.Success && to.Success && from.Value <= today && today <= to.Value)
            {
                inForce.Add(licence.GetProperty("type").GetString() ?? string.Empty);
            }
        }

        return inForce.Contains;
    }
}
