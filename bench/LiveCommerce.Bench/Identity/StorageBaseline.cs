using System.Diagnostics;
using Azure.Data.Tables;
using LiveCommerce.Http.Authentication;
using LiveCommerce.Http.Tenancy;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace LiveCommerce.Bench.Identity;

/// <summary>
/// What the qualification bench is measured against, in the same run: Azurite's own rate for a check's storage
/// operations without the service (one point read of a subject row, then one entity-group transaction adding a
/// check row and replacing the standing row), and the in-process cost of validating one development token.
/// </summary>
internal static class StorageBaseline
{
    public static async Task<HttpLoad.Figures> RunAsync(string connectionString, int clients, TimeSpan duration)
    {
        var service = new TableServiceClient(connectionString);
        var subjects = service.GetTableClient("baselinesubjects");
        var checks = service.GetTableClient("baselinechecks");
        await subjects.CreateIfNotExistsAsync();
        await checks.CreateIfNotExistsAsync();
        for (var i = 0; i < 2000; i++)
        {
            await subjects.UpsertEntityAsync(new TableEntity($"bench|s{i}", $"subject|bench|s{i}") { ["VerifiedNameHash"] = new string('a', 64) });
        }

        var latencies = new List<double>[clients];
        var failures = 0;
        var stop = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async c =>
        {
            latencies[c] = [];
            for (long i = 0; stop.Elapsed < duration; i++)
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    var n = (int)((c * 7919 + i * 13) % 2000);
                    await subjects.GetEntityIfExistsAsync<TableEntity>($"bench|s{n}", $"subject|bench|s{n}");
                    var partition = $"bench|host|h{n}";
                    await checks.SubmitTransactionAsync(
                    [
                        new(TableTransactionActionType.Add, new TableEntity(partition, "check|" + Guid.NewGuid().ToString("N")) { ["Body"] = new string('x', 900), ["Outcome"] = "approved" }),
                        new(TableTransactionActionType.UpsertReplace, new TableEntity(partition, "standing|" + partition) { ["CheckId"] = "qc", ["Outcome"] = "approved" }),
                    ]);
                    latencies[c].Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
                catch (Exception ex) when (ex is Azure.RequestFailedException or TableTransactionFailedException)
                {
                    Interlocked.Increment(ref failures);
                }
            }
        }));

        var all = latencies.SelectMany(l => l).Order().ToArray();
        return new HttpLoad.Figures(clients, all.Length, failures, all.Length / stop.Elapsed.TotalSeconds, HttpLoad.Percentile(all, 0.50), HttpLoad.Percentile(all, 0.99), 2);
    }

    /// <summary>Microseconds to validate one HS256 development token, as the JWT bearer handler does on each request.</summary>
    public static async Task<double> TokenValidationMicrosecondsAsync(int iterations = 20_000)
    {
        var key = Convert.ToBase64String(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray());
        var token = DevelopmentTokens.Mint(key, "bench-platform", [PlatformRoles.PlatformApi], "bench");
        var handler = new JsonWebTokenHandler();
        var parameters = new TokenValidationParameters
        {
            ValidIssuer = DevelopmentTokens.Issuer,
            ValidAudience = DevelopmentTokens.Audience,
            IssuerSigningKey = DevelopmentTokens.SecurityKey(key),
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        };
        for (var i = 0; i < 1000; i++)
        {
            await handler.ValidateTokenAsync(token, parameters);
        }

        var clock = Stopwatch.StartNew();
        for (var i = 0; i < iterations; i++)
        {
            if (!(await handler.ValidateTokenAsync(token, parameters)).IsValid)
            {
                throw new InvalidOperationException("The bench token did not validate.");
            }
        }

        return clock.Elapsed.TotalMicroseconds / iterations;
    }
}
