namespace LiveCommerce.Domain.Sanctions;

/// <summary>What a sanction is imposed on. Contract: <c>subject: { hostId | merchantId | roomId }</c>.</summary>
public enum SanctionSubjectKind
{
    Host,
    Merchant,
    Room,
}

/// <summary>A platform's host, merchant or live room, by the platform's own id.</summary>
public sealed record SanctionSubject(SanctionSubjectKind Kind, string Id)
{
    public static SanctionSubject Host(string hostId) => new(SanctionSubjectKind.Host, hostId);

    public static SanctionSubject Merchant(string merchantId) => new(SanctionSubjectKind.Merchant, merchantId);

    public static SanctionSubject Room(string roomId) => new(SanctionSubjectKind.Room, roomId);

    /// <summary>The contract's field name: <c>hostId</c>, <c>merchantId</c> or <c>roomId</c>.</summary>
    public string Field => Kind switch
    {
        SanctionSubjectKind.Host => "hostId",
        SanctionSubjectKind.Merchant => "merchantId",
        _ => "roomId",
    };

    /// <summary>The kind as a word: <c>host</c>, <c>merchant</c>, <c>room</c>.</summary>
    public string KindId => Kind switch
    {
        SanctionSubjectKind.Host => "host",
        SanctionSubjectKind.Merchant => "merchant",
        _ => "room",
    };

    public static bool TryParseKind(string value, out SanctionSubjectKind kind)
    {
        (var ok, kind) = value switch
        {
            "host" or "hostId" => (true, SanctionSubjectKind.Host),
            "merchant" or "merchantId" => (true, SanctionSubjectKind.Merchant),
            "room" or "roomId" => (true, SanctionSubjectKind.Room),
            _ => (false, default),
        };
        return ok;
    }

    public override string ToString() => $"{KindId}:{Id}";
}
