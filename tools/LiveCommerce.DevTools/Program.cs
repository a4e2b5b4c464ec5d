using LiveCommerce.Http.Authentication;
using LiveCommerce.Http.Tenancy;

// tools/dev-token --platform P [--role R]... [--sub S] [--name N] [--minutes M]
// Prints a development token signed with Auth__DevelopmentSigningKey (./run.sh's key unless the environment says otherwise).
return args.FirstOrDefault() switch
{
    "token" => Token(args[1..]),
    _ => Usage(),
};

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
    Console.Error.WriteLine($"roles: {string.Join(", ", PlatformRoles.Any)} (default {PlatformRoles.PlatformApi})");
    return 2;
}
