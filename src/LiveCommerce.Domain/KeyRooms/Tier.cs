namespace LiveCommerce.Domain.KeyRooms;

/// <summary>
/// The management tier of a live room (2021 Measures art. 11; Order 117 art. 11). A key room gets a dedicated
/// inspector while live and a longer content retention.
/// </summary>
public enum Tier
{
    Standard,
    Key,
}
