using LiveCommerce.Http;
using LiveCommerce.Http.Authentication;
using LiveCommerce.LocalHost;
using LiveCommerce.LocalHost.Console;
using LiveCommerce.LocalHost.BackgroundChecks;
using LiveCommerce.LocalHost.Durable;

var builder = WebApplication.CreateBuilder(args);
if (string.IsNullOrEmpty(builder.Configuration["urls"]))
{
    builder.WebHost.UseUrls("http://127.0.0.1:7071");
}

builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = 64L * 1024 * 1024);
if (builder.Configuration.GetValue<TimeSpan?>("LocalHost:ClockOffset") is { } offset && offset != TimeSpan.Zero)
{
    builder.Services.AddSingleton<TimeProvider>(new ShiftedTimeProvider(offset));
}

builder.AddLocalHostDefaults();
builder.Services.AddLiveCommerceApi(builder.Configuration);
builder.Services.AddLiveCommerceAuthentication(builder.Configuration, builder.Environment);
builder.Services.AddLocalDurableTask(builder.Configuration);
builder.Services.AddLocalBackgroundChecks(builder.Configuration);

var app = builder.Build();
app.UseLocalHostDefaults();
app.MapComplianceConsole();
app.UseLiveCommerceCallers();
app.MapLiveCommerceApi();
await app.RunAsync();
