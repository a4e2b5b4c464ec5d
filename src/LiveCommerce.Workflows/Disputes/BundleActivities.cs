namespace LiveCommerce.Workflows.Disputes;

[WorkflowName(Name)]
public sealed class GatherEvidenceActivity(IEvidenceSources sources) : IWorkflowActivity<GatherRequest, EvidenceGathered>
{
    public const string Name = "BundleGatherEvidence";

    public Task<EvidenceGathered> RunAsync(GatherRequest input, CancellationToken cancellationToken) => sources.GatherAsync(input, cancellationToken);
}

[WorkflowName(Name)]
public sealed class AssembleBundleActivity(IBundleAssembler assembler) : IWorkflowActivity<AssembleRequest, AssembledBundle>
{
    public const string Name = "BundleAssemble";

    public Task<AssembledBundle> RunAsync(AssembleRequest input, CancellationToken cancellationToken) => assembler.AssembleAsync(input, cancellationToken);
}

[WorkflowName(Name)]
public sealed class RecordBundleActivity(IBundleRecords records) : IWorkflowActivity<BundleOutcome, bool>
{
    public const string Name = "BundleRecord";

    public async Task<bool> RunAsync(BundleOutcome input, CancellationToken cancellationToken)
    {
        await records.RecordOutcomeAsync(input, cancellationToken);
        return true;
    }
}
