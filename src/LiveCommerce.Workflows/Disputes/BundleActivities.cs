using Microsoft.DurableTask;
namespace LiveCommerce.Workflows.Disputes;

[DurableTask(Name)]
public sealed class GatherEvidenceActivity(IEvidenceSources sources) : TaskActivity<GatherRequest, EvidenceGathered>
{
    public const string Name = "BundleGatherEvidence";

    public override Task<EvidenceGathered> RunAsync(TaskActivityContext context, GatherRequest input) => sources.GatherAsync(input, CancellationToken.None);
}

[DurableTask(Name)]
public sealed class AssembleBundleActivity(IBundleAssembler assembler) : TaskActivity<AssembleRequest, AssembledBundle>
{
    public const string Name = "BundleAssemble";

    public override Task<AssembledBundle> RunAsync(TaskActivityContext context, AssembleRequest input) => assembler.AssembleAsync(input, CancellationToken.None);
}

[DurableTask(Name)]
public sealed class RecordBundleActivity(IBundleRecords records) : TaskActivity<BundleOutcome, bool>
{
    public const string Name = "BundleRecord";

    public override async Task<bool> RunAsync(TaskActivityContext context, BundleOutcome input)
    {
        await records.RecordOutcomeAsync(input, CancellationToken.None);
        return true;
    }
}
