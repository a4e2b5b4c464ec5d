namespace LiveCommerce.LocalHost;

/// <summary>
/// The system clock moved by a fixed offset (<c>LocalHost:ClockOffset</c>, e.g. "200.00:00:00"), so a developer or a
/// test can rehearse what the service says on a later date (an approval lapsing, a filing deadline passing) against
/// the same data. The local host only: the Functions app always uses the real clock.
/// </summary>
internal sealed class ShiftedTimeProvider(TimeSpan offset) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + offset;

    public override long GetTimestamp() => System.GetTimestamp();

    public override TimeZoneInfo LocalTimeZone => System.LocalTimeZone;
}
