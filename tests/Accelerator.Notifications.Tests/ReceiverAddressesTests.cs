using Accelerator.Notifications.Webhooks.Registering;

namespace Accelerator.Notifications.Tests;

public sealed class ReceiverAddressesTests
{
    [Theory]
    [InlineData("https://hooks.partner.example/accelerator")]
    [InlineData("http://203.0.113.10:8080/hooks")]
    public void Public_http_receivers_are_accepted(string url) =>
        ReceiverAddresses.Refusal(url, new WebhookOptions()).ShouldBeNull();

    [Theory]
    [InlineData("ftp://partner.example/")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://[fe80::1]/")]
    [InlineData("http://[fd00:ec2::254]/")]
    [InlineData("http://metadata.google.internal/")]
    [InlineData("http://127.0.0.1:8080/")]
    [InlineData("http://localhost/")]
    [InlineData("http://10.1.2.3/")]
    [InlineData("http://192.168.1.1/")]
    [InlineData("http://[::ffff:169.254.169.254]/")]
    [InlineData("https://user:secret@partner.example/")]
    public void Receivers_inside_our_network_or_not_http_are_refused(string url) =>
        ReceiverAddresses.Refusal(url, new WebhookOptions()).ShouldNotBeNull();

    [Fact]
    public void Private_networks_may_be_allowed_but_link_local_stays_refused()
    {
        var development = new WebhookOptions { AllowPrivateNetworks = true };
        ReceiverAddresses.Refusal("http://127.0.0.1:8080/hooks", development).ShouldBeNull();
        ReceiverAddresses.Refusal("http://169.254.169.254/", development).ShouldNotBeNull();
        ReceiverAddresses.Refusal("http://169.254.169.254/", new WebhookOptions { AllowLinkLocal = true }).ShouldBeNull();
    }
}
