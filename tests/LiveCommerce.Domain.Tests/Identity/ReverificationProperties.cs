using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using LiveCommerce.Domain.Identity;
using NodaTime;

namespace LiveCommerce.Domain.Tests.Identity;

/// <summary>
/// Re-verification from a snapshot is the policy itself, applied later: whenever the verdicts on the identifiers would
/// not change (identifiers parsed or not, an adult host), it gives exactly what evaluating the application again would.
/// </summary>
public class ReverificationProperties
{
    private static readonly QualificationPolicy Policy = new();

    private static Gen<LocalDate> DatesAround { get; } = Gen.Choose(-800, 800).Select(IdentityGen.AsOf.PlusDays);

    private static Gen<Licence> Licences { get; } =
        from type in Gen.Elements(LicenceType.All.ToArray())
        from validFrom in DatesAround
        from days in Gen.Choose(0, 1500)
        select new Licence(type, "L-" + days, validFrom, validFrom.PlusDays(days));

    private static Gen<MerchantApplication> Merchants { get; } =
        from creditCode in Gen.Frequency((4, IdentityGen.ValidCreditCodes), (1, Gen.Elements("", "not-a-code", "91440300715267260A")))
        from idNumber in Gen.Frequency((4, IdentityGen.ValidIdNumbers), (1, Gen.Elements("123", "110105199013451234")))
        from categories in Gen.NonEmptyListOf(Gen.Elements(ProductCategory.All.ToArray())).Select(c => c.Take(5).ToList())
        from licences in Gen.ListOf(Licences).Select(l => l.Take(6).ToList())
        select new MerchantApplication("示例公司", creditCode, new Person("张三", idNumber), categories, licences);

    private static Gen<ProfessionalCredential> Credentials { get; } =
        from field in Gen.Elements(Enum.GetValues<ProfessionalField>())
        from number in Gen.Elements<string?>("CERT-1", null, " ")
        from validTo in Gen.Frequency((4, DatesAround.Select(d => (LocalDate?)d)), (1, Gen.Constant<LocalDate?>(null)))
        select new ProfessionalCredential(field, number, validTo);

    /// <summary>Hosts who are adults on <see cref="IdentityGen.AsOf"/>, or whose ID number does not parse at all.</summary>
    private static Gen<HostApplication> Hosts { get; } =
        from idNumber in Gen.Frequency(
            (5, from age in Gen.Choose(18, 90) from days in Gen.Choose(0, 364) select IdNumbers.BornOn(IdentityGen.AsOf.PlusYears(-age).PlusDays(-days))),
            (1, Gen.Elements("", "11010519900307123X")))
        from credentials in Gen.ListOf(Credentials).Select(c => c.Take(4).ToList())
        from avatar in Gen.Elements<VirtualAvatar?>(null, new VirtualAvatar(true), new VirtualAvatar(false))
        from publicFigure in ArbMap.Default.GeneratorFor<bool>()
        from overseas in ArbMap.Default.GeneratorFor<bool>()
        select new HostApplication("李四", idNumber, null, publicFigure, overseas, credentials, avatar);

    private static Gen<SubjectFacts> Facts { get; } =
        from entity in ArbMap.Default.GeneratorFor<bool>()
        from person in ArbMap.Default.GeneratorFor<bool>()
        from mismatch in ArbMap.Default.GeneratorFor<bool>()
        select new SubjectFacts { EntityBlacklisted = entity, PersonBlacklisted = person, PersonNameMismatch = mismatch };

    /// <summary>The first check on the properties' date, and a re-verification up to three years later.</summary>
    private static Gen<(Instant First, Instant Later)> Times { get; } =
        from minutes in Gen.Choose(0, 24 * 60 - 1)
        from laterMinutes in Gen.Choose(0, 3 * 366 * 24 * 60)
        let first = Applications.CheckedAt.Plus(Duration.FromMinutes(minutes))
        select (first, first.Plus(Duration.FromMinutes(laterMinutes)));

    [Property(MaxTest = 300)]
    public Property Reverifying_a_merchant_equals_checking_the_same_application_again() =>
        Prop.ForAll(
            (from application in Merchants from times in Times from before in Facts from now in Facts select (application, times, before, now)).ToArbitrary(),
            x =>
            {
                var first = Policy.EvaluateMerchant(x.application, x.times.First, x.before);
                var reverified = Policy.Reverify(first.Basis, x.times.Later, x.now);
                return SameDecision(reverified, Policy.EvaluateMerchant(x.application, x.times.Later, x.now));
            });

    [Property(MaxTest = 300)]
    public Property Reverifying_an_adult_host_equals_checking_the_same_application_again() =>
        Prop.ForAll(
            (from application in Hosts from times in Times from before in Facts from now in Facts select (application, times, before, now)).ToArbitrary(),
            x =>
            {
                var first = Policy.EvaluateHost(x.application, x.times.First, x.before);
                var reverified = Policy.Reverify(first.Basis, x.times.Later, x.now);
                return SameDecision(reverified, Policy.EvaluateHost(x.application, x.times.Later, x.now));
            });

    [Property(MaxTest = 200)]
    public Property A_reverified_approval_never_outlives_six_months_nor_a_licence_it_relies_on() =>
        Prop.ForAll(
            (from application in Merchants from times in Times select (application, times)).ToArbitrary(),
            x =>
            {
                var first = Policy.EvaluateMerchant(x.application, x.times.First, SubjectFacts.None);
                var reverified = Policy.Reverify(first.Basis, x.times.Later, SubjectFacts.None);
                if (reverified.Outcome != Decision.Approved)
                {
                    return reverified.ValidUntil is null && reverified.EarliestLicenceExpiry is null;
                }

                var sixMonths = x.times.Later.InZone(ChinaTime.Zone).LocalDateTime.Plus(QualificationPolicy.ReverificationInterval).InZoneLeniently(ChinaTime.Zone).ToInstant();
                return reverified.ValidUntil > x.times.Later
                    && reverified.ValidUntil <= sixMonths
                    && (reverified.EarliestLicenceExpiry is not { } expiry || reverified.ValidUntil <= expiry);
            });

    private static bool SameDecision(QualificationDecision a, QualificationDecision b) =>
        a.Outcome == b.Outcome
        && a.Reasons.SequenceEqual(b.Reasons)
        && a.Warnings.SequenceEqual(b.Warnings)
        && a.ValidUntil == b.ValidUntil
        && a.EarliestLicenceExpiry == b.EarliestLicenceExpiry
        && a.CheckedAt == b.CheckedAt
        && a.MaskedIdentifiers.SequenceEqual(b.MaskedIdentifiers);
}
