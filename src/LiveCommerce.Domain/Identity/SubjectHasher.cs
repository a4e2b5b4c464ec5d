using System.Security.Cryptography;
using System.Text;

namespace LiveCommerce.Domain.Identity;

/// <summary>
/// Keyed HMAC-SHA256 of identifiers and names, so storage can find a person or entity again (blacklist, verified
/// name) without holding the raw number. Each kind of input has its own domain label, so a person, an entity and a
/// name can never produce the same hash. The output is 64 lower-case hex characters: a valid Azure Table key.
/// </summary>
public sealed class SubjectHasher
{
    public const int MinimumKeyBytes = 32;

    // Version the labels, not the key: a new normalisation rule must not silently collide with old hashes.
    private static readonly byte[] PersonLabel = "livecommerce/person/v1\0"u8.ToArray();
    private static readonly byte[] EntityLabel = "livecommerce/entity/v1\0"u8.ToArray();
    private static readonly byte[] NameLabel = "livecommerce/name/v1\0"u8.ToArray();

    private readonly byte[] _key;

    /// <exception cref="ArgumentException">The key is shorter than <see cref="MinimumKeyBytes"/>.</exception>
    public SubjectHasher(ReadOnlySpan<byte> key)
    {
        if (key.Length < MinimumKeyBytes)
        {
            throw new ArgumentException($"The hashing key must have at least {MinimumKeyBytes} bytes.", nameof(key));
        }

        _key = key.ToArray();
    }

    public string Hash(ResidentIdNumber id) => Hash(PersonLabel, id.Value);

    public string Hash(CreditCode code) => Hash(EntityLabel, code.Value);

    /// <summary>Hash of a name in its <see cref="PersonName.Normalise">normalised</see> form.</summary>
    /// <exception cref="ArgumentException">The name is blank.</exception>
    public string HashName(string name)
    {
        var normalised = PersonName.Normalise(name);
        if (normalised.Length == 0)
        {
            throw new ArgumentException("A blank name cannot be hashed.", nameof(name));
        }

        return Hash(NameLabel, normalised);
    }

    private string Hash(byte[] label, string text)
    {
        var message = new byte[label.Length + Encoding.UTF8.GetByteCount(text)];
        label.CopyTo(message, 0);
        Encoding.UTF8.GetBytes(text, message.AsSpan(label.Length));
        return Convert.ToHexStringLower(HMACSHA256.HashData(_key, message));
    }
}
