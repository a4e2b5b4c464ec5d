using LiveCommerce.Domain;
using LiveCommerce.Domain.Identity;
using LiveCommerce.Domain.Screening;
using LiveCommerce.Http.Idempotency;
using LiveCommerce.Http.Json;
using LiveCommerce.Http.Problems;
using LiveCommerce.Http.Tenancy;
using LiveCommerce.Storage.Identity;
using LiveCommerce.Storage.Idempotency;
using LiveCommerce.Storage.Screening;
using Microsoft.AspNetCore.Http;
using NodaTime;

namespace LiveCommerce.Http.Screening;

/// <summary>The contract's "Product negative-list screening": versioned negative lists and batch screening.</summary>
public sealed class ScreeningEndpoints(
    NegativeListStore lists,
    NegativeListMatchers matchers,
    AccountStandings standings,
    IdempotentPosts posts,
    TimeProvider clock)
{
    public const int MaxItems = 10_000;
    public const int MaxEntries = 200_000;
    private const int MaxBodyBytes = 48 * 1024 * 1024;
    private static readonly string[] Severities = ["prohibited", "restricted"];

    public async Task<IResult> PutList(HttpRequest request, string listId)
    {
        if (!CallerAccess.TryAuthorize(request, out var caller, out var problem, PlatformRoles.PlatformOrAdmin))
        {
            return problem;
        }

        var platform = caller.Platform;

        var cancellation = request.HttpContext.RequestAborted;
        var body = await JsonBody.ReadAsync<NegativeListRequest>(request, MaxBodyBytes, cancellation);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var v = new RequestValidator();
        v.Key(listId, "listId");
        var bodies = v.RequiredList(body.Value!.Entries, "entries", MaxEntries);
        var entries = new List<NegativeListEntry>(bodies.Count);
        for (var i = 0; i < bodies.Count; i++)
        {
            var path = $"entries[{i}]";
            var e = bodies[i];
            if (e is null)
            {
                v.Add(path, "REQUIRED", $"'{path}' must be an object.");
                continue;
            }

            var term = v.RequiredString(e.Term, path + ".term", 100);
            var category = v.RequiredString(e.Category, path + ".category", 100);
            var licence = e.RequiredLicence is null ? null : v.Enum<LicenceType>(e.RequiredLicence, path + ".requiredLicence", LicenceType.TryParse!, LicenceType.AllIds)?.Id;
            Severity? severity = e.Severity switch
            {
                "prohibited" => Severity.Prohibited,
                "restricted" => Severity.Restricted,
                null => null,
                _ => null,
            };
            if (severity is null)
            {
                v.Add(path + ".severity", e.Severity is null ? "REQUIRED" : "INVALID_VALUE",
                    e.Severity is null ? $"'{path}.severity' is required." : $"'{e.Severity}' is not one of: {string.Join(", ", Severities)}.");
            }
            else
            {
                entries.Add(new NegativeListEntry(term, category, severity.Value, licence));
            }
        }

        var rules = ReadRules(body.Value!.VerdictRules, v);
        if (v.HasErrors)
        {
            return v.ToProblem();
        }

        var version = await lists.AddVersionAsync(platform, listId, entries, rules!, clock.GetUtcNow(), cancellation);
        return JsonText.Of(200, VersionBody(version));
    }

    public async Task<IResult> GetList(HttpRequest request, string listId)
    {
        if (!CallerAccess.TryAuthorize(request, out var caller, out var problem, PlatformRoles.Any))
        {
            return problem;
        }

        var platform = caller.Platform;

        int? wanted = null;
        if (request.Query.TryGetValue("version", out var raw))
        {
            if (!int.TryParse(raw, out var parsed) || parsed < 1)
            {
                return Problem.Validation([new FieldError("version", "INVALID_FORMAT", "'version' must be a positive whole number.")]);
            }

            wanted = parsed;
        }

        var version = PlatformId.IsWellFormedKey(listId, 64) ? await lists.FindVersionAsync(platform, listId, wanted, request.HttpContext.RequestAborted) : null;
        return version is null ? ListNotFound(listId, wanted) : JsonText.Of(200, VersionBody(version));
    }

    // A computation over stored lists that changes nothing: compliance staff screen listings in the console too.
    public Task<IResult> Screen(HttpRequest request) => posts.HandleAsync<ProductScreeningRequest>(request, PlatformRoles.Any, ScreenAsync, MaxBodyBytes);

    private async Task<IResult> ScreenAsync(PostRequest<ProductScreeningRequest> post)
    {
        var (platform, b, cancellation) = (post.Platform, post.Body, post.Cancellation);
        var v = new RequestValidator();
        var listId = v.Key(b.ListId, "listId");
        var merchantId = b.MerchantId is null ? null : v.Key(b.MerchantId, "merchantId");
        if (b.ListVersion is < 1)
        {
            v.Add("listVersion", "OUT_OF_RANGE", "'listVersion' must be 1 or more.");
        }

        if (b.Items is { Count: > MaxItems })
        {
            return Problem.PayloadTooLarge($"A screening takes at most {MaxItems:N0} items; this one has {b.Items.Count:N0}. Split it.");
        }

        var items = ReadItems(v.RequiredList(b.Items, "items", MaxItems), v);
        if (v.HasErrors)
        {
            return v.ToProblem();
        }

        var version = await lists.FindVersionAsync(platform, listId, b.ListVersion, cancellation);
        if (version is null)
        {
            return ListNotFound(listId, b.ListVersion);
        }

        var matcherTask = matchers.GetAsync(platform, version, cancellation);
        Func<string, bool>? holds = null;
        if (merchantId is not null)
        {
            var now = Instant.FromDateTimeOffset(clock.GetUtcNow());
            var standing = await standings.GetAsync(platform, SubjectKind.Merchant, merchantId, now, cancellation);
            holds = StoredLicences.HoldingOn(standing, ChinaTime.DateOf(now));
        }

        var verdicts = ScreenInChunks(await matcherTask, items, holds, version.Rules);
        return JsonText.Of(200, new
        {
            listId,
            listVersion = version.Version,
            results = verdicts.Select(r => new
            {
                sku = r.Sku,
                verdict = VerdictId(r.Verdict),
                matches = r.Matches.Select(MatchBody),
            }),
        });
    }

    /// <summary>
    /// Large batches spread over the cores in ordered chunks (the matcher is thread-safe); a request of 10,000 items
    /// must answer well within its latency budget.
    /// </summary>
    public static IReadOnlyList<ProductVerdict> ScreenInChunks(NegativeListScreen screen, IReadOnlyList<ScreeningItem> items, Func<string, bool>? holds, VerdictRules rules)
    {
        const int ChunkSize = 1_000;
        if (items.Count <= ChunkSize || Environment.ProcessorCount == 1)
        {
            return ProductScreening.Screen(screen, items, holds, rules);
        }

        var chunks = new IReadOnlyList<ProductVerdict>[(items.Count + ChunkSize - 1) / ChunkSize];
        Parallel.For(0, chunks.Length, c =>
            chunks[c] = ProductScreening.Screen(screen, items.Skip(c * ChunkSize).Take(ChunkSize), holds, rules));
        return [.. chunks.SelectMany(c => c)];
    }

    /// <summary>One match on the wire (screenings, listings' stored screenings, pre-live records alike).</summary>
    public static object MatchBody(ScreeningMatch m) => new
    {
        term = m.Term,
        category = m.Category,
        field = m.Field,
        start = m.Start,
        length = m.Length,
        matchedText = m.MatchedText,
        kind = m.Kind.Id(),
        confidence = m.Confidence,
        effect = m.Effect.Id(),
    };

    /// <summary>The list's verdict rules from the PUT body: absent is the defaults; unknown kinds or effects are 400.</summary>
    private static VerdictRules? ReadRules(VerdictRulesBody? body, RequestValidator v)
    {
        if (body is null)
        {
            return VerdictRules.Default;
        }

        var effects = new Dictionary<MatchKind, MatchEffect>();
        foreach (var (kindId, effectId) in body.Kinds ?? new Dictionary<string, string?>())
        {
            var path = $"verdictRules.kinds.{kindId}";
            if (!MatchKindIds.TryParseKind(kindId, out var kind))
            {
                v.Add(path, "INVALID_VALUE", $"'{kindId}' is not a match kind; one of: {string.Join(", ", MatchKindIds.AllKinds)}.");
            }
            else if (effectId is null || !MatchKindIds.TryParseEffect(effectId, out var effect))
            {
                v.Add(path, "INVALID_VALUE", $"'{effectId}' is not one of: {string.Join(", ", MatchKindIds.AllEffects)}.");
            }
            else
            {
                effects[kind] = effect;
            }
        }

        if (body.MinBlockConfidence is < 0 or > 1 || (body.MinBlockConfidence is double d && double.IsNaN(d)))
        {
            v.Add("verdictRules.minBlockConfidence", "OUT_OF_RANGE", "'verdictRules.minBlockConfidence' must be between 0 and 1.");
            return null;
        }

        return VerdictRules.With(effects, body.MinBlockConfidence);
    }

    private static object RulesBody(VerdictRules rules) => new
    {
        kinds = rules.Effects.OrderBy(e => e.Key).ToDictionary(e => e.Key.Id(), e => e.Value.Id()),
        minBlockConfidence = rules.MinBlockConfidence,
    };

    public static string VerdictId(ScreeningVerdict verdict) => verdict switch
    {
        ScreeningVerdict.Prohibited => "prohibited",
        ScreeningVerdict.Restricted => "restricted",
        ScreeningVerdict.Review => "review",
        _ => "allowed",
    };

    private static List<ScreeningItem> ReadItems(IReadOnlyList<ScreeningItemBody> bodies, RequestValidator v)
    {
        var items = new List<ScreeningItem>(bodies.Count);
        for (var i = 0; i < bodies.Count; i++)
        {
            var path = $"items[{i}]";
            var item = bodies[i];
            if (item is null)
            {
                v.Add(path, "REQUIRED", $"'{path}' must be an object.");
                continue;
            }

            items.Add(new ScreeningItem(
                v.RequiredString(item.Sku, path + ".sku", 100),
                v.RequiredString(item.Title, path + ".title", 500),
                v.OptionalString(item.Description, path + ".description", 10_000),
                v.OptionalString(item.Category, path + ".category", 100),
                v.OptionalString(item.Brand, path + ".brand", 200)));
        }

        return items;
    }

    private static object VersionBody(NegativeListVersion version) => new
    {
        listId = version.ListId,
        version = version.Version,
        entryCount = version.EntryCount,
        sha256 = version.Sha256,
        createdAt = ApiTime.Format(Instant.FromDateTimeOffset(version.CreatedAt)),
        verdictRules = RulesBody(version.Rules),
    };

    private static Problem ListNotFound(string listId, int? version) => version is null
        ? Problem.NotFound("LIST_NOT_FOUND", $"No negative list '{listId}'.")
        : Problem.NotFound("LIST_VERSION_NOT_FOUND", $"Negative list '{listId}' has no version {version}.");
}
