using System.Collections.Concurrent;

namespace LiveCommerce.Api.Tests;

/// <summary>
/// Valid identifiers for tests, computed here independently of the production code (an oracle, not a copy), and
/// remembered so a test can prove none of them was stored or logged raw.
/// </summary>
internal static class TestIdentities
{
    private static readonly int[] IdWeights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string IdCheck = "10X98765432";
    private const string CodeCharset = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static int _sequence = Random.Shared.Next(100, 900);

    public static ConcurrentBag<string> Issued { get; } = [];

    public static DateOnly TodayInShanghai => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));

    /// <summary>A person born on <paramref name="birth"/>, with a fresh sequence code.</summary>
    public static string Person(DateOnly birth, string region = "110105")
    {
        var sequence = Interlocked.Increment(ref _sequence) % 1000;
        var body = $"{region}{birth:yyyyMMdd}{sequence:000}";
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += (body[i] - '0') * IdWeights[i];
        }

        var id = body + IdCheck[sum % 11];
        Issued.Add(id);
        return id;
    }

    public static string AdultPerson() => Person(TodayInShanghai.AddYears(-30).AddDays(-Random.Shared.Next(0, 3000)));

    /// <summary>A unified social credit code (enterprise, Beijing Haidian) with valid GB 11714 and MOD 31 checks.</summary>
    public static string CreditCode()
    {
        var org = new char[9];
        for (var i = 0; i < 8; i++)
        {
            org[i] = (char)('0' + Random.Shared.Next(10));
        }

        int[] orgWeights = [3, 7, 9, 10, 5, 8, 4, 2];
        var orgSum = 0;
        for (var i = 0; i < 8; i++)
        {
            orgSum += (org[i] - '0') * orgWeights[i];
        }

        var c9 = 11 - (orgSum % 11);
        org[8] = c9 == 10 ? 'X' : c9 == 11 ? '0' : (char)('0' + c9);
        var body = "91110108" + new string(org);
        var sum = 0;
        var weight = 1;
        for (var i = 0; i < 17; i++)
        {
            sum += CodeCharset.IndexOf(body[i], StringComparison.Ordinal) * weight;
            weight = weight * 3 % 31;
        }

        var check = 31 - (sum % 31);
        return body + CodeCharset[check == 31 ? 0 : check];
    }
}
