using LiveCommerce.Storage.Screening;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace LiveCommerce.Http.Screening;

/// <summary>Services and routes of the contract's "Product negative-list screening" section.</summary>
public static class ScreeningApi
{
    public static IServiceCollection AddScreening(this IServiceCollection services)
    {
        services.AddSingleton<NegativeListStore>();
        services.AddSingleton<NegativeListMatchers>();
        services.AddSingleton<ScreeningEndpoints>();
        services.AddSingleton<ListingStore>();
        services.AddSingleton<ListingEndpoints>();
        return services;
    }

    public static RouteGroupBuilder MapScreening(this RouteGroupBuilder api)
    {
        api.MapPut("/negative-lists/{listId}", (HttpRequest r, string listId, ScreeningEndpoints h) => h.PutList(r, listId));
        api.MapGet("/negative-lists/{listId}", (HttpRequest r, string listId, ScreeningEndpoints h) => h.GetList(r, listId));
        api.MapPost("/product-screenings", (HttpRequest r, ScreeningEndpoints h) => h.Screen(r));
        api.MapPut("/listings/{sku}", (HttpRequest r, string sku, ListingEndpoints h) => h.Put(r, sku));
        api.MapGet("/listings/{sku}", (HttpRequest r, string sku, ListingEndpoints h) => h.Get(r, sku));
        return api;
    }
}
