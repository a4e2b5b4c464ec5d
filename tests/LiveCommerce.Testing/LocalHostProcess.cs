using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using LiveCommerce.Http.Authentication;
using LiveCommerce.Http.Tenancy;

namespace LiveCommerce.Testing;

/// <summary>
/// The local host started as a real process (the same binary ./run.sh starts), so tests go through HTTP and can kill
/// and restart it like a crash in production.
/// </summary>
public sealed class LocalHostProcess : IAsyncDisposable
{
    /// <summary>A fixed test key for the identity hashes (32 bytes, base64). Production reads it from Key Vault.</summary>
    public const string TestIdentityHashKey = "dGVzdC1rZXktZm9yLWxpdmUtY29tbWVyY2UtaWRlbnRpdHktaGFzaA==";

    /// <summary>The development signing key the tests start hosts with unless a test names its own (32 bytes, base64).</summary>
    public const string TestSigningKey = "dGVzdC1vbmx5LWRldmVsb3BtZW50LXNpZ25pbmcta2V5LTMyYg==";

    /// <summary>The subject of the tokens a client gets unless a test chooses one.</summary>
    public const string DefaultSubject = "test-client";

    private readonly Process _process;
    private readonly StringBuilder _output;

    private LocalHostProcess(Process process, Uri baseAddress, StringBuilder output, string signingKey)
    {
        _process = process;
        BaseAddress = baseAddress;
        _output = output;
        SigningKey = signingKey;
    }

    public Uri BaseAddress { get; }

    /// <summary>The host's Auth:DevelopmentSigningKey: the tokens of <see cref="CreateClient"/> are signed with it.</summary>
    public string SigningKey { get; }

    /// <summary>Everything the host wrote so far (tests scan it for leaked identifiers).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public bool HasExited => _process.HasExited;

    public static async Task<LocalHostProcess> StartAsync(
        string storageConnectionString,
        IReadOnlyDictionary<string, string>? settings = null,
        CancellationToken cancellationToken = default)
    {
        var assembly = RepositoryLayout.LocalHostAssembly;
        if (!File.Exists(assembly))
        {
            throw new InvalidOperationException($"The local host is not built at {assembly}.");
        }

        var port = FreePort.Next();
        var baseAddress = new Uri($"http://127.0.0.1:{port}/");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { assembly },
            WorkingDirectory = Path.GetDirectoryName(assembly)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_URLS"] = baseAddress.ToString().TrimEnd('/');
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["AzureWebJobsStorage"] = storageConnectionString;
        start.Environment["Identity__HashKey"] = TestIdentityHashKey;
        start.Environment["Logging__Console__FormatterName"] = "simple";
        start.Environment["Auth__DevelopmentSigningKey"] = TestSigningKey;
        start.Environment["IdentityProviders__simulated__SigningSecret"] = SimulatedProvider.TestSecret;
        // Generous per-platform limits, so a busy machine's bursts never throttle a test that is not about them.
        start.Environment["RateLimits__PermitsPerSecond"] = "100000";
        start.Environment["RateLimits__Burst"] = "100000";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var output = new StringBuilder();
        var process = Process.Start(start) ?? throw new InvalidOperationException("The local host did not start.");
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var host = new LocalHostProcess(process, baseAddress, output, start.Environment["Auth__DevelopmentSigningKey"]!);
        await host.WaitUntilHealthyAsync(cancellationToken);
        return host;
    }

    /// <summary>
    /// Settings for a host whose clock is moved by <paramref name="offset"/> ("d.hh:mm:ss"), on a task hub of its own:
    /// a shifted host sharing a hub would run its scheduled jobs on the other hosts' clock, and theirs on its own.
    /// </summary>
    public static Dictionary<string, string> Shifted(string offset) => new()
    {
        ["LocalHost:ClockOffset"] = offset,
        ["DurableTask:HubName"] = "Shifted" + Guid.NewGuid().ToString("N")[..12],
    };

    /// <summary>
    /// A client of <paramref name="platformId"/>: a development token with the roles (default
    /// <c>platform.api</c>) and subject <see cref="DefaultSubject"/>, and X-Platform-Id with the same platform.
    /// Without a platform the client is anonymous (no token, no header).
    /// </summary>
    public HttpClient CreateClient(string? platformId = null, params string[] roles) =>
        platformId is null ? NewClient() : CreateClientAs(platformId, DefaultSubject, roles);

    /// <summary>Like <see cref="CreateClient"/>, acting as <paramref name="subject"/> (the token's <c>sub</c>).</summary>
    public HttpClient CreateClientAs(string platformId, string subject, params string[] roles)
    {
        var client = NewClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", MintToken(platformId, subject, roles));
        client.DefaultRequestHeaders.Add(CallerPipeline.PlatformHeader, platformId);
        return client;
    }

    /// <summary>A development token this host accepts (roles default to <c>platform.api</c>).</summary>
    public string MintToken(string platformId, string subject = DefaultSubject, params string[] roles) =>
        DevelopmentTokens.Mint(SigningKey, platformId, roles.Length == 0 ? [PlatformRoles.PlatformApi] : roles, subject);

    private HttpClient NewClient() => new() { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };

    /// <summary>Ends the process at once, as a crash would: no graceful shutdown, nothing flushed.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    private async Task WaitUntilHealthyAsync(CancellationToken cancellationToken)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        // Generous: on a loaded 2-core machine a cold start of the host (JIT, storage bootstrap, task hub) can take a minute or more.
        var deadline = DateTime.UtcNow.AddSeconds(180);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The local host exited with code {_process.ExitCode}:\n{Output}");
            }

            try
            {
                using var response = await client.GetAsync("api/health", cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
            }

            await Task.Delay(100, cancellationToken);
        }

        throw new TimeoutException($"The local host did not answer /api/health within 180 s:\n{Output}");
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }
}
