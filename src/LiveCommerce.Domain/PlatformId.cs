namespace LiveCommerce.Domain;

/// <summary>
/// The tenant: one e-commerce platform. It prefixes every storage partition, so its alphabet is kept to what is
/// safe in Azure Table keys and blob names.
/// </summary>
public readonly record struct PlatformId
{
    public const int MaxLength = 64;

    private PlatformId(string value) => Value = value;

    public string Value { get; }

    public static bool TryParse(string? raw, out PlatformId platform)
    {
        platform = default;
        if (!IsWellFormedKey(raw, MaxLength))
        {
            return false;
        }

        platform = new PlatformId(raw!);
        return true;
    }

    /// <summary>Letters, digits, '-' and '_', 1 to <paramref name="maxLength"/> characters: safe as a key segment.</summary>
    public static bool IsWellFormedKey(string? raw, int maxLength)
    {
        if (string.IsNullOrEmpty(raw) || raw.Length > maxLength)
        {
            return false;
        }

        foreach (var c in raw)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                return false;
            }
        }

        return true;
    }

    public override string ToString() => Value;
}
