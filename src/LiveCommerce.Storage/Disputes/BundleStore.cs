using System.Text;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Azure.Storage.Sas;
using LiveCommerce.Domain;
using LiveCommerce.Workflows;
using LiveCommerce.Workflows.Disputes;
using NodaTime;
using NodaTime.Text;

namespace LiveCommerce.Storage.Disputes;

/// <summary>A dispute's evidence request and where its bundle stands.</summary>
public sealed record DisputeRecord(
    string DisputeId,
    EvidenceBundleInput Request,
    string Fingerprint,
    LocalDate RespondBy,
    string InstanceId,
    string Status,
    AssembledBundle? Bundle = null,
    string? Failure = null,
    Instant? FinishedAt = null)
{
    public const string Assembling = "assembling";
    public const string Ready = "ready";
    public const string Failed = "failed";
}

/// <summary>
/// Disputes' evidence bundles. The record in table <c>disputes</c> (partition <c>{platform}|dispute|{disputeId}</c>,
/// row <c>bundle|{partition}</c>); the bag in container <c>bundles</c> (<c>{platform}/{disputeId}/bundle-….zip</c>,
/// written once); and beside it the chain of custody, an append blob (<c>custody.jsonl</c>): who asked and when, what
/// the bundle included, each read link issued, each verification. Append blobs cannot be rewritten, only appended to.
/// </summary>
public sealed class BundleStore(StorageClients clients, TimeProvider clock) : IBundleAssembler, IBundleRecords
{
    private const string RowKind = "bundle";

    // A stored bundle is read in 1 MiB ranges (the verifier seeks to the ZIP's central directory).
    private static readonly BlobOpenReadOptions ReadOptions = new(allowModifications: false) { BufferSize = 1024 * 1024 };
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private TableClient Table => clients.Table(StorageNames.DisputesTable);

    private BlobContainerClient Bundles => clients.Container(StorageNames.BundlesContainer);

    private BlobContainerClient Evidence => clients.Container(StorageNames.EvidenceContainer);

    /// <summary>Records a new request, create-only. The existing record when there is one already.</summary>
    public async Task<(bool Created, DisputeRecord Record)> CreateAsync(PlatformId platform, DisputeRecord record, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(PartitionOf(platform, record.DisputeId), RowOf(platform, record.DisputeId))
        {
            ["Request"] = WorkflowJson.Serialize(record.Request),
            ["Fingerprint"] = record.Fingerprint,
            ["RespondBy"] = LocalDatePattern.Iso.Format(record.RespondBy),
            ["InstanceId"] = record.InstanceId,
            ["Status"] = record.Status,
        };
        try
        {
            await Table.AddEntityAsync(entity, cancellationToken);
            return (true, record);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return (false, (await FindAsync(platform, record.DisputeId, cancellationToken))!);
        }
    }

    /// <summary>The platform's disputes whose evidence is due from <paramref name="from"/> to <paramref name="to"/>, at most <paramref name="max"/>.</summary>
    public async Task<IReadOnlyList<DisputeRecord>> ListByRespondByAsync(PlatformId platform, LocalDate from, LocalDate to, int max, CancellationToken cancellationToken)
    {
        var prefix = $"{platform.Value}|dispute|";
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey ge {prefix} and PartitionKey lt {prefix[..^1] + "}"} and RespondBy ge {LocalDatePattern.Iso.Format(from)} and RespondBy le {LocalDatePattern.Iso.Format(to)}");
        var disputes = new List<DisputeRecord>();
        await foreach (var row in Table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            disputes.Add(RecordOf(row.PartitionKey[prefix.Length..], row));
            if (disputes.Count == max)
            {
                break;
            }
        }

        return disputes;
    }

    public async Task<DisputeRecord?> FindAsync(PlatformId platform, string disputeId, CancellationToken cancellationToken)
    {
        var found = await Table.GetEntityIfExistsAsync<TableEntity>(PartitionOf(platform, disputeId), RowOf(platform, disputeId), cancellationToken: cancellationToken);
        return found.HasValue ? RecordOf(disputeId, found.Value!) : null;
    }

    private static DisputeRecord RecordOf(string disputeId, TableEntity row) =>
        new DisputeRecord(
            disputeId,
            WorkflowJson.Deserialize<EvidenceBundleInput>(row.GetString("Request"))!,
            row.GetString("Fingerprint") ?? string.Empty,
            LocalDatePattern.Iso.Parse(row.GetString("RespondBy")).Value,
            row.GetString("InstanceId") ?? string.Empty,
            row.GetString("Status") ?? DisputeRecord.Assembling,
            TableText.Read(row, "Bundle") is { } bundle ? WorkflowJson.Deserialize<AssembledBundle>(bundle) : null,
            row.GetString("Failure"),
            row.GetDateTimeOffset("FinishedAt") is { } finished ? Instant.FromDateTimeOffset(finished) : null);

    public async Task RecordOutcomeAsync(BundleOutcome outcome, CancellationToken cancellationToken)
    {
        var platform = Platform(outcome.Dispute.Platform);
        var now = clock.GetUtcNow();
        var update = new TableEntity(PartitionOf(platform, outcome.Dispute.DisputeId), RowOf(platform, outcome.Dispute.DisputeId))
        {
            ["Status"] = outcome.Bundle is null ? DisputeRecord.Failed : DisputeRecord.Ready,
            ["Failure"] = outcome.Failure,
            ["FinishedAt"] = now,
        };
        if (outcome.Bundle is not null)
        {
            TableText.Write(update, "Bundle", WorkflowJson.Serialize(outcome.Bundle));
        }

        await Table.UpdateEntityAsync(update, ETag.All, TableUpdateMode.Merge, cancellationToken);
        await AppendCustodyAsync(platform, outcome.Dispute.DisputeId, outcome.Bundle is { } bundle
            ? new
            {
                @event = "assembled",
                at = now,
                workflow = outcome.InstanceId,
                bundle = bundle.Blob,
                bundleSha256 = bundle.BundleSha256,
                size = bundle.Size,
                included = bundle.Items.Select(i => new { i.Kind, i.Name, i.Sha256, i.Size }),
                missing = bundle.Missing,
                changed = bundle.Changed,
            }
            : new { @event = "failed", at = now, workflow = outcome.InstanceId, failure = outcome.Failure },
            cancellationToken);
    }

    /// <summary>
    /// Writes the bag: <c>data/dispute.json</c>, then every item, streamed from its blob (or its document) through
    /// the bag into a <see cref="CreateOnlyBlobStream"/>, so memory holds a few blocks whatever the size.
    /// </summary>
    public async Task<AssembledBundle> AssembleAsync(AssembleRequest request, CancellationToken cancellationToken)
    {
        var dispute = request.Dispute;
        var platform = Platform(dispute.Platform);
        var now = clock.GetUtcNow();
        var blobName = $"{platform.Value}/{dispute.DisputeId}/bundle-{now:yyyyMMdd'T'HHmmss'Z'}-{Guid.NewGuid().ToString("N")[..8]}.zip";
        var manifest = new List<ManifestItem>();
        var missing = request.Missing.ToList();
        var changed = new List<ChangedItem>();

        await using var output = new CreateOnlyBlobStream(Bundles.GetBlockBlobClient(blobName), cancellationToken);
        await using (var bag = await EvidenceBag.CreateAsync(output, cancellationToken))
        {
            var (requestSha, requestSize) = await bag.AddPayloadAsync("dispute.json", JsonSerializer.Serialize(dispute, new JsonSerializerOptions(Json) { WriteIndented = true }), cancellationToken);
            manifest.Add(new ManifestItem("dispute_request", "data/dispute.json", requestSha, requestSize));

            foreach (var item in request.Items)
            {
                (string Sha256, long Size) written;
                if (item.Document is { } document)
                {
                    written = await bag.AddPayloadAsync(item.Name, document, cancellationToken);
                }
                else
                {
                    Stream source;
                    try
                    {
                        // One GET per item, read as it arrives; a broken connection resumes from the offset reached.
                        source = (await Evidence.GetBlobClient(item.Blob).DownloadStreamingAsync(cancellationToken: cancellationToken)).Value.Content;
                    }
                    catch (RequestFailedException ex) when (ex.Status == 404)
                    {
                        missing.Add(new MissingItem(item.Kind, MissingItem.NotFound, $"'{item.Name}' is listed but its content is gone."));
                        continue;
                    }

                    await using (source)
                    {
                        // Recordings are compressed already; logs and records are text.
                        written = await bag.AddPayloadAsync(item.Name, source, compress: item.Kind != "replay_video", cancellationToken);
                    }

                    if (item.RecordedSha256 is { } recorded && recorded != written.Sha256)
                    {
                        changed.Add(new ChangedItem("data/" + item.Name, recorded, written.Sha256));
                    }
                }

                manifest.Add(new ManifestItem(item.Kind, "data/" + item.Name, written.Sha256, written.Size));
            }

            await bag.FinishAsync(
                [
                    ("Source-Organization", platform.Value),
                    ("Bagging-Date", now.ToString("yyyy-MM-dd")),
                    ("External-Identifier", dispute.DisputeId),
                    ("External-Description", $"Evidence for consumer dispute {dispute.DisputeId} over order {dispute.OrderId} (live session {dispute.SessionId}, room {dispute.RoomId}, sku {dispute.Sku})."),
                    ("Bag-Software-Agent", "LiveCommerceFunctions"),
                    ("Purchased-At", dispute.PurchasedAt.ToString("O")),
                    ("Requested-At", dispute.RequestedAt.ToString("O")),
                    ("Respond-By", dispute.RespondBy),
                ],
                [
                    ("missing.json", JsonSerializer.Serialize(missing, Json)),
                    ("changed.json", JsonSerializer.Serialize(changed, Json)),
                ],
                cancellationToken);
        }

        var bundleSha256 = await output.CompleteAsync();
        if (!await output.CommitAsync("application/zip", new Dictionary<string, string> { ["sha256"] = bundleSha256 }))
        {
            throw new InvalidOperationException($"Bundle {blobName} exists already.");
        }

        return new AssembledBundle(blobName, bundleSha256, output.Length, manifest, missing, changed);
    }

    /// <summary>
    /// A read-only link to the bundle, valid <paramref name="validFor"/>: signed with the account key where there is
    /// one (Azurite), otherwise a user-delegation SAS from the app's identity (Azure, shared keys off).
    /// </summary>
    public async Task<(Uri Link, DateTimeOffset ExpiresAt)> ReadLinkAsync(string blobName, TimeSpan validFor, CancellationToken cancellationToken)
    {
        var blob = Bundles.GetBlobClient(blobName);
        var now = clock.GetUtcNow();
        var sas = new BlobSasBuilder(BlobSasPermissions.Read, now + validFor)
        {
            BlobContainerName = blob.BlobContainerName,
            BlobName = blob.Name,
            Resource = "b",
            ContentDisposition = $"attachment; filename=\"{Path.GetFileName(blobName)}\"",
        };
        if (blob.CanGenerateSasUri)
        {
            return (blob.GenerateSasUri(sas), sas.ExpiresOn);
        }

        sas.StartsOn = now.AddMinutes(-5); // clock skew between us and the service
        var key = await clients.Blobs.GetUserDelegationKeyAsync(sas.StartsOn, sas.ExpiresOn, cancellationToken);
        var uri = new BlobUriBuilder(blob.Uri) { Sas = sas.ToSasQueryParameters(key.Value, clients.Blobs.AccountName) };
        return (uri.ToUri(), sas.ExpiresOn);
    }

    /// <summary>Opens the stored bundle for reading (seekable, for the ZIP's central directory).</summary>
    public async Task<Stream> OpenBundleAsync(string blobName, CancellationToken cancellationToken) =>
        await Bundles.GetBlobClient(blobName).OpenReadAsync(ReadOptions, cancellationToken);

    /// <summary>
    /// Appends one entry (a JSON line) to the dispute's chain of custody, hash-chained: each entry carries its
    /// <c>seq</c>, the <c>prev</c> entry's hash and its own <c>hash</c> (SHA-256 of the entry without it), so a line
    /// changed, removed or reordered later breaks the chain (<see cref="CustodyChain.Verify"/>). The append is
    /// conditional on the blob's length as read, so two writers never chain onto the same entry.
    /// </summary>
    public async Task AppendCustodyAsync(PlatformId platform, string disputeId, object entry, CancellationToken cancellationToken)
    {
        var blob = Bundles.GetAppendBlobClient(CustodyBlob(platform, disputeId));
        await blob.CreateIfNotExistsAsync(new AppendBlobCreateOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/x-ndjson" } }, cancellationToken);
        while (true)
        {
            var current = (await blob.DownloadContentAsync(cancellationToken)).Value.Content.ToArray();
            var lines = Encoding.UTF8.GetString(current).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            var line = CustodyChain.Link(entry, lines.Length == 0 ? null : lines[^1], lines.Length + 1, Json);
            try
            {
                await blob.AppendBlockAsync(
                    new MemoryStream(Encoding.UTF8.GetBytes(line + "\n")),
                    new AppendBlobAppendBlockOptions { Conditions = new AppendBlobRequestConditions { IfAppendPositionEqual = current.Length } },
                    cancellationToken);
                return;
            }
            catch (RequestFailedException ex) when (ex.Status == 412)
            {
                // Another entry was appended meanwhile: chain onto it.
            }
        }
    }

    /// <summary>The chain of custody, oldest first, as stored lines (the verifier checks their chain).</summary>
    public async Task<IReadOnlyList<string>> ReadCustodyLinesAsync(PlatformId platform, string disputeId, CancellationToken cancellationToken)
    {
        var blob = Bundles.GetBlobClient(CustodyBlob(platform, disputeId));
        if (!await blob.ExistsAsync(cancellationToken))
        {
            return [];
        }

        var text = (await blob.DownloadContentAsync(cancellationToken)).Value.Content.ToString();
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>The chain of custody, oldest first.</summary>
    public async Task<IReadOnlyList<JsonElement>> ReadCustodyAsync(PlatformId platform, string disputeId, CancellationToken cancellationToken) =>
        [.. (await ReadCustodyLinesAsync(platform, disputeId, cancellationToken)).Select(line => JsonDocument.Parse(line).RootElement.Clone())];

    private static string CustodyBlob(PlatformId platform, string disputeId) => $"{platform.Value}/{disputeId}/custody.jsonl";

    private static string PartitionOf(PlatformId platform, string disputeId) => $"{platform.Value}|dispute|{disputeId}";

    private static string RowOf(PlatformId platform, string disputeId) => SingleRowKey.Of(RowKind, PartitionOf(platform, disputeId));

    private static PlatformId Platform(string value) =>
        PlatformId.TryParse(value, out var platform) ? platform : throw new ArgumentException($"'{value}' is not a platform id.", nameof(value));
}
