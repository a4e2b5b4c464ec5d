using LiveCommerce.Testing;
using System.Net.Http.Json;

namespace LiveCommerce.Api.Tests.Identity;

[Collection(LocalHostCollection.Name)]
public sealed class RawIdentifierLeakTests(LocalHostFixture fixture)
{
    [Fact]
    public async Task No_raw_id_number_is_anywhere_in_storage_or_in_the_host_log()
    {
        // Traffic of its own through every identity route, on top of whatever other tests stored before it.
        using var client = fixture.ClientFor();
        var host = TestIdentities.AdultPerson();
        var minor = TestIdentities.Person(TestIdentities.TodayInShanghai.AddYears(-17));
        var guardian = TestIdentities.AdultPerson();
        var representative = TestIdentities.AdultPerson();
        (await client.PostAsJsonAsync("api/hosts/leak-1/qualification-checks", new { name = "甲", idNumber = host })).EnsureSuccessStatusCode();
        (await client.PostAsJsonAsync("api/hosts/leak-2/qualification-checks", new
        {
            name = "乙",
            idNumber = minor,
            guardianConsent = new { guardianName = "丙", guardianIdNumber = guardian, documentRef = "d" },
        })).EnsureSuccessStatusCode();
        (await client.PostAsJsonAsync("api/merchants/leak-3/qualification-checks", new
        {
            legalName = "丁",
            creditCode = TestIdentities.CreditCode(),
            legalRepresentative = new { name = "戊", idNumber = representative },
            categories = new[] { "general" },
        })).EnsureSuccessStatusCode();
        (await client.PostAsJsonAsync("api/blacklist", new { subjectType = "person", idNumber = host, reason = "x" })).EnsureSuccessStatusCode();

        // The middle of an ID number (birth date + sequence) is what masking must hide; search for whole numbers.
        var issued = TestIdentities.Issued.Distinct().ToList();
        var hits = await fixture.Azurite.FindAnywhereAsync(issued);
        Assert.Empty(hits);
        var log = fixture.Host.Output;
        Assert.DoesNotContain(issued, id => log.Contains(id, StringComparison.OrdinalIgnoreCase));
    }
}
