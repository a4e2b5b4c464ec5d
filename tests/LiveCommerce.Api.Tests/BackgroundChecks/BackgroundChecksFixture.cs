using System.Text.Json;
using Azure.Storage.Queues;
using LiveCommerce.Testing;

namespace LiveCommerce.Api.Tests.BackgroundChecks;

/// <summary>
/// Its own Azurite and local host, with retries and polls in fractions of a second so five attempts take seconds,
/// and the daily sweep timer off (tests run the sweep with a message or at start-up).
/// </summary>
public sealed class BackgroundChecksFixture : IAsyncLifetime
{
    public static readonly IReadOnlyDictionary<string, string> FastSettings = new Dictionary<string, string>
    {
        ["BackgroundChecks:RetryDelay"] = "00:00:00.200",
        ["BackgroundChecks:MaxPollInterval"] = "00:00:00.100",
        ["BackgroundChecks:SweepEnabled"] = "false",
    };

    public AzuriteInstance Azurite { get; private set; } = null!;

    public LocalHostProcess Host { get; private set; } = null!;

    public BackgroundQueues Queues => new(Azurite);

    public async Task InitializeAsync()
    {
        Azurite = await AzuriteInstance.StartAsync();
        Host = await LocalHostProcess.StartAsync(Azurite.ConnectionString, FastSettings);
    }

    public HttpClient ClientFor(out string platform)
    {
        platform = "p-" + Guid.NewGuid().ToString("N")[..12];
        return Host.CreateClient(platform);
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Azurite.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class BackgroundChecksCollection : ICollectionFixture<BackgroundChecksFixture>
{
    public const string Name = "background checks on Azurite";
}

/// <summary>The two storage queues as a platform or an operator sees them (base64 bodies, as the service writes them).</summary>
public sealed class BackgroundQueues(AzuriteInstance azurite)
{
    private static readonly QueueClientOptions Base64 = new() { MessageEncoding = QueueMessageEncoding.Base64 };

    public QueueClient Checks { get; } = new(azurite.ConnectionString, "background-checks", Base64);

    public QueueClient Poison { get; } = new(azurite.ConnectionString, "background-checks-poison", Base64);

    /// <summary>A v1 message written here, independently of the service's own serializer.</summary>
    public static string Message(string platform, string kind, object subject, string? messageId = null, int version = 1, string? correlationId = null) =>
        JsonSerializer.Serialize(new
        {
            schema = "livecommerce.background-check",
            version,
            messageId = messageId ?? "m-" + Guid.NewGuid().ToString("N"),
            correlationId = correlationId ?? "corr-" + Guid.NewGuid().ToString("N")[..8],
            platformId = platform,
            kind,
            subject,
            enqueuedAt = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz"),
        });

    public async Task SendAsync(string body) => await Checks.SendMessageAsync(BinaryData.FromString(body));

    /// <summary>The poison envelope whose original body contains <paramref name="marker"/>, once it arrives.</summary>
    public async Task<JsonElement> PoisonedAsync(string marker, TimeSpan? patience = null)
    {
        var deadline = DateTime.UtcNow + (patience ?? TimeSpan.FromSeconds(30));
        while (DateTime.UtcNow < deadline)
        {
            foreach (var message in (await Poison.PeekMessagesAsync(32)).Value)
            {
                var envelope = JsonDocument.Parse(message.Body.ToString()).RootElement;
                if (envelope.GetProperty("body").GetString()!.Contains(marker, StringComparison.Ordinal))
                {
                    return envelope.Clone();
                }
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"No poison message containing '{marker}'.");
    }

    /// <summary>Until every message sent so far was settled (deleted or moved): a storage queue counts invisible ones too.</summary>
    public async Task DrainedAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while ((await Checks.GetPropertiesAsync()).Value.ApproximateMessagesCount > 0)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The background-checks queue did not drain.");
            }

            await Task.Delay(100);
        }
    }
}
