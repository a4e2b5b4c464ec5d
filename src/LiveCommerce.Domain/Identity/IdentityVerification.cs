namespace LiveCommerce.Domain.Identity;

/// <summary>
/// Dynamic identity verification before each live (2021 Measures art. 8; Order 117 art. 8: verify every marketer
/// before every live, no service where identity does not match). A provider's result counts as verified only when
/// the face matched and the liveness score reaches the platform's threshold.
/// </summary>
public static class IdentityVerification
{
    /// <summary>A design default (no regulation gives a number); platforms set PreLive:MinimumLivenessScore.</summary>
    public const double DefaultMinimumLivenessScore = 0.80;

    public const string NotVerified = "IDENTITY_NOT_VERIFIED";
    public const string LivenessTooLow = "LIVENESS_TOO_LOW";
    public const string TimedOut = "IDENTITY_TIMED_OUT";

    public static (HostIdentity Identity, Reason? Reason) Assess(string hostId, int hostIndex, bool matched, double livenessScore, double minimumLivenessScore)
    {
        var field = $"hostIds[{hostIndex}]";
        if (!matched)
        {
            return (HostIdentity.Failed, new Reason(NotVerified, $"Host '{hostId}' did not match their verified identity.", field));
        }

        return livenessScore < minimumLivenessScore
            ? (HostIdentity.Failed, new Reason(LivenessTooLow, $"Host '{hostId}' passed the face match with liveness {livenessScore:0.00}, below {minimumLivenessScore:0.00}.", field))
            : (HostIdentity.Verified, null);
    }

    public static Reason NoResult(string hostId, int hostIndex) =>
        new(TimedOut, $"Host '{hostId}' gave no identity result before the scheduled start.", $"hostIds[{hostIndex}]");
}
