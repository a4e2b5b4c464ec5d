namespace LiveCommerce.Workflows.Disputes;

/// <summary>Finds what one source holds for a dispute (stored evidence by reference, or documents made now).</summary>
public interface IEvidenceSources
{
    Task<EvidenceGathered> GatherAsync(GatherRequest request, CancellationToken cancellationToken);
}

/// <summary>
/// Writes the gathered items into one bag (ZIP) in Blob storage, create-only, streaming: memory does not grow with
/// the bundle's size.
/// </summary>
public interface IBundleAssembler
{
    Task<AssembledBundle> AssembleAsync(AssembleRequest request, CancellationToken cancellationToken);
}

/// <summary>Keeps the dispute's record (status, manifest) and its append-only chain of custody.</summary>
public interface IBundleRecords
{
    Task RecordOutcomeAsync(BundleOutcome outcome, CancellationToken cancellationToken);
}
