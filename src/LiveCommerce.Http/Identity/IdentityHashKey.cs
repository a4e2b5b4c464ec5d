using Microsoft.Extensions.Configuration;

namespace LiveCommerce.Http.Identity;

/// <summary>
/// The key of the identity hashes (<c>Identity:HashKey</c>, base64, at least 32 bytes). In Azure it is a Key Vault
/// reference; ./run.sh sets a development key. Without it the service refuses to start rather than hash with a guess.
/// </summary>
public static class IdentityHashKey
{
    public const string Setting = "Identity:HashKey";

    public static byte[] From(IConfiguration configuration)
    {
        var value = configuration[Setting];
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new InvalidOperationException($"{Setting} is not set: give a base64 key of at least 32 bytes (Key Vault secret identity-hash-key in Azure).");
        }

        try
        {
            return Convert.FromBase64String(value);
        }
        catch (FormatException)
        {
            throw new InvalidOperationException($"{Setting} is not valid base64.");
        }
    }
}
