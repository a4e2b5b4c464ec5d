using LiveCommerce.Http.Problems;
using LiveCommerce.Storage;
using Microsoft.AspNetCore.Diagnostics;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace LiveCommerce.LocalHost;

/// <summary>What the local host adds around the shared API: telemetry, storage bootstrap, error and timing middleware.</summary>
internal static class LocalHostDefaults
{
    public static WebApplicationBuilder AddLocalHostDefaults(this WebApplicationBuilder builder)
    {
        builder.Services.AddHostedService<StorageBootstrap>();

        // Traces and metrics are collected only to be exported (e.g. to a local collector): without an endpoint nothing
        // would read them, and recording every request's activity cost the local host about a tenth of its throughput.
        if (!string.IsNullOrEmpty(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.Services.AddOpenTelemetry()
                .WithTracing(t => t.AddAspNetCoreInstrumentation().AddSource("LiveCommerce.*").AddOtlpExporter())
                .WithMetrics(m => m.AddAspNetCoreInstrumentation().AddMeter("LiveCommerce.*").AddOtlpExporter());
        }

        return builder;
    }

    public static WebApplication UseLocalHostDefaults(this WebApplication app)
    {
        app.UseExceptionHandler(error => error.Run(async context =>
        {
            var failure = context.Features.Get<IExceptionHandlerFeature>()?.Error;
            IResult problem = failure is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge }
                ? Problem.PayloadTooLarge("The request body is larger than the host accepts.")
                : failure is BadHttpRequestException bad
                    ? Problem.BadRequest("BAD_REQUEST", bad.Message)
                    : Problem.Internal();
            await problem.ExecuteAsync(context);
        }));

        // Storage round trips of each request, for the benchmarks' budget checks (Server-Timing is a standard header).
        app.Use(async (context, next) =>
        {
            var counter = StorageRoundTrips.BeginScope();
            context.Response.OnStarting(() =>
            {
                context.Response.Headers.Append("Server-Timing", $"storage;desc=\"{counter.Count} round trips\"");
                return Task.CompletedTask;
            });
            await next(context);
        });

        // Local diagnostics, outside the contract's /api: every storage request this process made (workflows included).
        app.MapGet("/_local/storage-requests", () => Results.Json(new { total = StorageRoundTrips.ProcessTotal }));
        return app;
    }
}

/// <summary>Creates the tables, containers and queues the service uses, retrying until storage answers.</summary>
internal sealed class StorageBootstrap(StorageClients storage, ILogger<StorageBootstrap> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        for (var attempt = 1; !stoppingToken.IsCancellationRequested; attempt++)
        {
            try
            {
                await storage.EnsureCreatedAsync(stoppingToken);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning("Storage is not reachable yet (attempt {Attempt}): {Message}", attempt, ex.Message);
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(attempt, 10)), stoppingToken);
            }
        }
    }
}
