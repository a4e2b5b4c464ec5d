using System.Net;
using System.Text;
using LiveCommerce.Domain.Events;

namespace LiveCommerce.Domain.Tests.Events;

public sealed class WebhookSignatureTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("{\"eventId\":\"evt_1\"}");

    [Fact]
    public void The_header_is_t_and_the_hex_HMAC_of_t_dot_body()
    {
        var header = WebhookSignature.Create(["s3cret"], Now, Body);
        var t = Now.ToUnixTimeSeconds();
        var expected = Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(Encoding.UTF8.GetBytes("s3cret"), Encoding.UTF8.GetBytes($"{t}.{{\"eventId\":\"evt_1\"}}")));
        Assert.Equal($"t={t},v1={expected}", header);
        Assert.True(WebhookSignature.Verify(header, "s3cret", Now.AddSeconds(30), Body));
    }

    [Fact]
    public void During_an_overlap_both_secrets_verify_and_others_do_not()
    {
        var header = WebhookSignature.Create(["new", "old"], Now, Body);
        Assert.True(WebhookSignature.Verify(header, "new", Now, Body));
        Assert.True(WebhookSignature.Verify(header, "old", Now, Body));
        Assert.False(WebhookSignature.Verify(header, "other", Now, Body));
    }

    [Fact]
    public void A_changed_body_an_old_timestamp_or_a_malformed_header_fails()
    {
        var header = WebhookSignature.Create(["s"], Now, Body);
        Assert.False(WebhookSignature.Verify(header, "s", Now, Encoding.UTF8.GetBytes("{}")));
        Assert.False(WebhookSignature.Verify(header, "s", Now.AddMinutes(6), Body));
        Assert.False(WebhookSignature.Verify("v1=abc", "s", Now, Body));
        Assert.False(WebhookSignature.Verify("garbage", "s", Now, Body));
        Assert.False(WebhookSignature.Verify(null, "s", Now, Body));
    }
}

public sealed class WebhookAddressPolicyTests
{
    [Theory]
    [InlineData("10.0.0.1")]
    [InlineData("172.16.5.4")]
    [InlineData("172.31.255.255")]
    [InlineData("192.168.1.1")]
    [InlineData("169.254.169.254")]
    [InlineData("100.100.100.200")]
    [InlineData("0.0.0.0")]
    [InlineData("127.0.0.1")]
    [InlineData("224.0.0.1")]
    [InlineData("255.255.255.255")]
    [InlineData("::1")]
    [InlineData("::")]
    [InlineData("fe80::1")]
    [InlineData("fd00:ec2::254")]
    [InlineData("fc00::1")]
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("::ffff:169.254.169.254")]
    [InlineData("64:ff9b::a9fe:a9fe")]
    [InlineData("2002:a9fe:a9fe::1")]
    [InlineData("ff02::1")]
    public void Private_loopback_link_local_and_metadata_addresses_are_refused(string address) =>
        Assert.False(WebhookAddressPolicy.IsAllowed(IPAddress.Parse(address), allowLoopback: false));

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("172.32.0.1")]
    [InlineData("203.119.1.1")]
    [InlineData("2400:3200::1")]
    [InlineData("::ffff:8.8.8.8")]
    public void Public_unicast_addresses_are_allowed(string address) =>
        Assert.True(WebhookAddressPolicy.IsAllowed(IPAddress.Parse(address), allowLoopback: false));

    [Fact]
    public void Loopback_is_allowed_only_when_the_development_host_says_so()
    {
        Assert.True(WebhookAddressPolicy.IsAllowed(IPAddress.Loopback, allowLoopback: true));
        Assert.True(WebhookAddressPolicy.IsAllowed(IPAddress.IPv6Loopback, allowLoopback: true));
        Assert.False(WebhookAddressPolicy.IsAllowed(IPAddress.Parse("10.0.0.1"), allowLoopback: true));
    }
}
