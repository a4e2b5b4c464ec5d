using LiveCommerce.Http.Ratings;
using LiveCommerce.Http.Sanctions;
using LiveCommerce.Storage.Cases;
using LiveCommerce.Storage.Policies;
using LiveCommerce.Storage.Sanctions;
using LiveCommerce.Workflows.Cases;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace LiveCommerce.Http.Cases;

/// <summary>Services and routes of the contract's "Review cases" and "Sanctions", and the rating files.</summary>
public static class CasesApi
{
    public static IServiceCollection AddCases(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddSingleton<ReviewCaseStore>();
        services.AddSingleton<SanctionStore>();
        services.AddSingleton<PlatformPolicyStore>();
        services.AddSingleton<PlatformPolicies>();
        services.AddSingleton<ReviewCaseWorkflows>();
        services.AddSingleton<ReviewCases>();
        services.AddSingleton<IReviewCaseEffects>(sp => sp.GetRequiredService<ReviewCases>());
        services.AddSingleton<RatingFiles>();
        services.AddSingleton<ReviewCaseEndpoints>();
        services.AddSingleton<SanctionEndpoints>();
        services.AddSingleton<RatingEndpoints>();
        return services;
    }

    public static RouteGroupBuilder MapCases(this RouteGroupBuilder api)
    {
        api.MapGet("/review-cases", (HttpRequest r, ReviewCaseEndpoints h) => h.List(r));
        api.MapGet("/review-cases/{caseId}", (HttpRequest r, string caseId, ReviewCaseEndpoints h) => h.Get(r, caseId));
        api.MapPost("/review-cases/{caseId}/assignment", (HttpRequest r, string caseId, ReviewCaseEndpoints h) => h.Assign(r, caseId));
        api.MapPost("/review-cases/{caseId}/decision", (HttpRequest r, string caseId, ReviewCaseEndpoints h) => h.Decide(r, caseId));
        api.MapGet("/review-case-settings", (HttpRequest r, ReviewCaseEndpoints h) => h.GetSettings(r));
        api.MapPut("/review-case-settings", (HttpRequest r, ReviewCaseEndpoints h) => h.PutSettings(r));
        api.MapPost("/sanctions", (HttpRequest r, SanctionEndpoints h) => h.Impose(r));
        api.MapGet("/sanctions", (HttpRequest r, SanctionEndpoints h) => h.List(r));
        api.MapGet("/sanctions/{sanctionId}", (HttpRequest r, string sanctionId, SanctionEndpoints h) => h.Get(r, sanctionId));
        api.MapPost("/sanctions/{sanctionId}/appeals", (HttpRequest r, string sanctionId, SanctionEndpoints h) => h.Appeal(r, sanctionId));
        api.MapGet("/rating-policy", (HttpRequest r, RatingEndpoints h) => h.GetPolicy(r));
        api.MapPut("/rating-policy", (HttpRequest r, RatingEndpoints h) => h.PutPolicy(r));
        api.MapGet("/hosts/{hostId}/rating-file", (HttpRequest r, string hostId, RatingEndpoints h) => h.HostFile(r, hostId));
        api.MapGet("/merchants/{merchantId}/rating-file", (HttpRequest r, string merchantId, RatingEndpoints h) => h.MerchantFile(r, merchantId));
        api.MapGet("/rooms/{roomId}/rating-file", (HttpRequest r, string roomId, RatingEndpoints h) => h.RoomFile(r, roomId));
        return api;
    }
}
