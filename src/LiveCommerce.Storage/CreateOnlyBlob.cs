using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace LiveCommerce.Storage;

/// <summary>Create-only writes of whole blobs: a blob once written is never overwritten (our own tamper evidence).</summary>
public static class CreateOnlyBlob
{
    /// <summary>
    /// Writes <paramref name="content"/> unless the blob exists. Returns false when it did: for content-addressed
    /// names and re-run activities that means the first write stands, which is what the callers want.
    /// </summary>
    public static async Task<bool> UploadIfAbsentAsync(this BlobClient blob, BinaryData content, CancellationToken cancellationToken)
    {
        try
        {
            await blob.UploadAsync(content, new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } }, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            return false;
        }
    }
}
