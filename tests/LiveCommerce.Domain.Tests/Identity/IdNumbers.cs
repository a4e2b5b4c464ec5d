using LiveCommerce.Domain.Identity;
using NodaTime;

namespace LiveCommerce.Domain.Tests.Identity;

/// <summary>Builds valid resident ID numbers for tests.</summary>
internal static class IdNumbers
{
    public static string BornOn(LocalDate birthDate, string region = "110105", string sequence = "123")
    {
        var first17 = $"{region}{birthDate:uuuuMMdd}{sequence}";
        return first17 + ResidentIdNumber.ComputeCheckCharacter(first17);
    }
}
