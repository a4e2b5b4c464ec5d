using LiveCommerce.Domain;
using LiveCommerce.Http.Authentication;
using LiveCommerce.Http.Problems;
using LiveCommerce.Http.Tenancy;
using Microsoft.Extensions.FileProviders;
using Scalar.AspNetCore;

namespace LiveCommerce.LocalHost.Console;

/// <summary>
/// The compliance console (src/compliance-console, copied into the output folder console/) at <c>/console/</c>, the settings it
/// reads at <c>/console/config.json</c>, and the API reference at <c>/api/docs</c> over <c>/api/openapi.json</c>.
/// The console calls only the public API with the signed-in person's token.
/// </summary>
internal static class ComplianceConsole
{
    public static WebApplication MapComplianceConsole(this WebApplication app)
    {
        app.MapGet("/console/config.json", (IConfiguration configuration, IHostEnvironment environment) =>
            Results.Json(ConsoleSettings.Read(configuration, environment)));

        var root = Path.Combine(AppContext.BaseDirectory, "console");
        if (File.Exists(Path.Combine(root, "index.html")))
        {
            // The console routes by the URL's fragment, so every page is /console/ and the rest are files.
            var files = new PhysicalFileProvider(root);
            app.Use((context, next) =>
            {
                if (context.Request.Path.Value == "/console")
                {
                    context.Response.Redirect("/console/");
                    return Task.CompletedTask;
                }

                return next(context);
            });
            app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files, RequestPath = "/console" });
            app.UseStaticFiles(new StaticFileOptions { FileProvider = files, RequestPath = "/console" });
        }
        else
        {
            app.MapGet("/console/{**path}", () => Results.Text(
                "The compliance console is not built: run tools/console/ensure-built.sh (./run.sh does), then rebuild the local host.",
                statusCode: StatusCodes.Status503ServiceUnavailable));
        }

        MapDevelopmentSignIn(app);
        app.MapScalarApiReference("/api/docs", options => options
            .WithTitle("LiveCommerceFunctions API")
            .WithOpenApiRoutePattern("/api/openapi.json"));
        return app;
    }

    /// <summary>
    /// <c>POST /_dev/token</c>, outside /api: the console's development sign-in. It exists only in Development and only
    /// where development tokens are accepted at all (Auth:DevelopmentSigningKey), and mints exactly what
    /// tools/dev-token mints; in Azure people sign in with Entra ID and nothing here is mapped.
    /// </summary>
    private static void MapDevelopmentSignIn(WebApplication app)
    {
        var key = app.Configuration["Auth:DevelopmentSigningKey"];
        if (!app.Environment.IsDevelopment() || string.IsNullOrEmpty(key))
        {
            return;
        }

        app.MapPost("/_dev/token", (DevelopmentTokenRequest? body) =>
        {
            var errors = new List<FieldError>();
            if (body?.Platform is not { } platform || !PlatformId.TryParse(platform, out _))
            {
                errors.Add(new FieldError("platform", "INVALID_VALUE", $"'platform' must be 1-{PlatformId.MaxLength} letters, digits, '-' or '_'."));
            }

            var roles = body?.Roles ?? [];
            if (roles.Length == 0 || roles.Any(r => !PlatformRoles.Any.Contains(r)))
            {
                errors.Add(new FieldError("roles", "INVALID_VALUE", $"'roles' must name one or more of {string.Join(", ", PlatformRoles.Any)}."));
            }

            if (string.IsNullOrWhiteSpace(body?.Sub) || body.Sub.Length > 128)
            {
                errors.Add(new FieldError("sub", "INVALID_VALUE", "'sub' (who acts) is required, at most 128 characters."));
            }

            if (errors.Count > 0)
            {
                return (IResult)Problem.Validation(errors);
            }

            var token = DevelopmentTokens.Mint(key, body!.Platform!, roles, body.Sub!.Trim(), lifetime: TimeSpan.FromHours(8));
            return Results.Json(new { token });
        });
    }
}

/// <summary>The development sign-in's request: a platform, its roles and who acts.</summary>
internal sealed record DevelopmentTokenRequest(string? Platform, string[]? Roles, string? Sub);

/// <summary>What the console needs to know to sign people in; nothing secret.</summary>
internal sealed record ConsoleSettings(string Auth, string ApiBase, ConsoleSettings.EntraSettings? Entra)
{
    public sealed record EntraSettings(string ClientId, string Authority, string[] Scopes);

    public static ConsoleSettings Read(IConfiguration configuration, IHostEnvironment environment)
    {
        // Development sign-in exists only where development tokens are accepted at all.
        var development = environment.IsDevelopment() && !string.IsNullOrEmpty(configuration["Auth:DevelopmentSigningKey"]);
        var clientId = configuration["Console:ClientId"];
        var authority = configuration["Console:Authority"] ?? configuration["Auth:Authority"];
        var scope = configuration["Console:ApiScope"];
        var entra = !string.IsNullOrEmpty(clientId) && !string.IsNullOrEmpty(authority) && !string.IsNullOrEmpty(scope)
            ? new EntraSettings(clientId, authority, [scope])
            : null;
        return new ConsoleSettings(development ? "development" : "entra", configuration["Console:ApiBase"] ?? "", entra);
    }
}
