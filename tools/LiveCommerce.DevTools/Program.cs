using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using LiveCommerce.Http.Authentication;
using LiveCommerce.Http.Identity.Providers;
using LiveCommerce.Http.Tenancy;

// tools/dev-token --platform P [--role R]... [--sub S] [--name N] [--minutes M]
//   prints a development token signed with Auth__DevelopmentSigningKey (./run.sh's key unless the environment says otherwise).
// tools/sign-identity-result --challenge ID [--outcome match|no_match] [--liveness 0.97] [--reference R] [--url U]
//   plays the simulated provider: posts a result signed with IdentityProviders__simulated__SigningSecret.
return args.FirstOrDefault() switch
{
    "token" => Token(args[1..]),
    "identity-result" => await IdentityResultAsync(args[1..]),
    _ => Usage(),
};

static async Task<int> IdentityResultAsync(string[] args)
{
    string? challengeId = null;
    var outcome = "match";
    var liveness = 0.97;
    string? reference = null;
    var url = Environment.GetEnvironmentVariable("ASPNETCORE_URLS")?.Split(';')[0] ?? "http://127.0.0.1:7071";
    for (var i = 0; i + 1 < args.Length; i += 2)
    {
        switch (args[i])
        {
            case "--challenge": challengeId = args[i + 1]; break;
            case "--outcome": outcome = args[i + 1]; break;
            case "--liveness": liveness = double.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
            case "--reference": reference = args[i + 1]; break;
            case "--url": url = args[i + 1]; break;
            default: return Usage();
        }
    }

    var secret = Environment.GetEnvironmentVariable("IdentityProviders__simulated__SigningSecret");
    if (challengeId is null || string.IsNullOrEmpty(secret) || args.Length % 2 != 0)
    {
        return Usage();
    }

    var body = JsonSerializer.SerializeToUtf8Bytes(new
    {
        challengeId,
        outcome,
        livenessScore = liveness,
        providerReference = reference ?? "sim-" + Guid.NewGuid().ToString("N")[..8],
        verifiedAt = DateTimeOffset.Now.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
    });
    using var http = new HttpClient { BaseAddress = new Uri(url.TrimEnd('/') + "/") };
    using var request = new HttpRequestMessage(HttpMethod.Post, "api/identity-providers/simulated/results") { Content = new ByteArrayContent(body) };
    request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
    request.Headers.Add(ProviderSignature.Header, ProviderSignature.Sign(secret, DateTimeOffset.UtcNow.ToUnixTimeSeconds(), body));
    using var response = await http.SendAsync(request);
    Console.WriteLine($"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    return response.IsSuccessStatusCode ? 0 : 1;
}

static int Token(string[] args)
{
    string? platform = null, subject = "dev-user", name = null;
    var roles = new List<string>();
    var minutes = 720;
    for (var i = 0; i < args.Length; i++)
    {
        var value = i + 1 < args.Length ? args[i + 1] : null;
        switch (args[i])
        {
            case "--platform": platform = value; i++; break;
            case "--role": roles.Add(value ?? ""); i++; break;
            case "--sub": subject = value ?? subject; i++; break;
            case "--name": name = value; i++; break;
            case "--minutes" when int.TryParse(value, out var m) && m > 0: minutes = m; i++; break;
            default: return Usage();
        }
    }

    var key = Environment.GetEnvironmentVariable("Auth__DevelopmentSigningKey");
    if (string.IsNullOrEmpty(platform) || string.IsNullOrEmpty(key))
    {
        return Usage();
    }

    Console.WriteLine(DevelopmentTokens.Mint(key, platform, roles.Count == 0 ? [PlatformRoles.PlatformApi] : roles, subject, name, TimeSpan.FromMinutes(minutes)));
    return 0;
}

static int Usage()
{
    Console.Error.WriteLine("usage: tools/dev-token --platform P [--role R]... [--sub S] [--name N] [--minutes M]");
    Console.Error.WriteLine("       tools/sign-identity-result --challenge ID [--outcome match|no_match] [--liveness 0.97] [--reference R] [--url U]");
    Console.Error.WriteLine($"roles: {string.Join(", ", PlatformRoles.Any)} (default {PlatformRoles.PlatformApi})");
    return 2;
}
