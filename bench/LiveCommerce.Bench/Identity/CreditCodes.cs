using LiveCommerce.Domain.Identity;

namespace LiveCommerce.Bench.Identity;

/// <summary>Valid unified social credit codes for load (enterprise, Hangzhou).</summary>
internal static class CreditCodes
{
    private static int _next = 10_000_000;

    public static string Next()
    {
        var org = Interlocked.Increment(ref _next).ToString("00000000");
        int[] weights = [3, 7, 9, 10, 5, 8, 4, 2];
        var sum = org.Select((c, i) => (c - '0') * weights[i]).Sum();
        var c9 = 11 - (sum % 11);
        var body = "91330106" + org + (c9 == 10 ? 'X' : c9 == 11 ? '0' : (char)('0' + c9));
        return body + CreditCode.ComputeCheckCharacter(body);
    }
}
