using LiveCommerce.Domain.Identity;
using NodaTime;

namespace LiveCommerce.Domain.Tests.Identity;

/// <summary>Applications that qualify as they are, for tests to spoil one part at a time.</summary>
internal static class Applications
{
    /// <summary>10:00 on 10 March 2026 in Shanghai.</summary>
    public static readonly Instant CheckedAt = Instant.FromUtc(2026, 3, 10, 2, 0);

    public static readonly LocalDate Today = new(2026, 3, 10);

    public const string AdultIdNumber = "440305199003150022";

    public static Licence FoodLicence(LocalDate? validTo = null, LocalDate? validFrom = null) =>
        new(
            LicenceType.FoodBusinessLicence,
            "JY14403050000001",
            validFrom ?? new LocalDate(2024, 1, 1),
            validTo ?? new LocalDate(2029, 12, 31));

    public static MerchantApplication Merchant(params Licence[] licences) => new(
        "深圳市示例科技有限公司",
        "9144030071526726XG",
        new Person("张三", AdultIdNumber),
        [ProductCategory.Food],
        licences.Length > 0 ? licences : [FoodLicence()]);

    public static HostApplication Host(string idNumber = AdultIdNumber) => new(
        "李四",
        idNumber,
        GuardianConsent: null,
        IsPublicFigure: false,
        IsOverseas: false,
        ProfessionalFields: [],
        VirtualAvatar: null);

    /// <summary>An ID number of someone <paramref name="years"/> old today, with a birthday some days ago.</summary>
    public static string IdNumberAged(int years, int daysPastBirthday = 30) =>
        IdNumbers.BornOn(Today.PlusDays(-daysPastBirthday).PlusYears(-years));

    public static GuardianConsent AdultGuardianConsent() =>
        new("李大", IdNumbers.BornOn(new LocalDate(1980, 5, 1), sequence: "011"), "consent/2026/0001.pdf");

    public static Instant Shanghai(int year, int month, int day, int hour = 0, int minute = 0) =>
        new LocalDateTime(year, month, day, hour, minute).InZoneStrictly(ChinaTime.Zone).ToInstant();
}
