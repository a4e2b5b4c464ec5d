using LiveCommerce.Domain.Identity;

namespace LiveCommerce.Domain.Tests.Identity;

/// <summary>Builds valid credit codes for tests.</summary>
internal static class CreditCodes
{
    public static string WithCheck(string first17) => first17 + CreditCode.ComputeCheckCharacter(first17);
}
