using System.Net;
using System.Net.Sockets;

namespace Accelerator.Notifications.Webhooks.Registering;

/// <summary>
/// Where webhooks may be sent. A receiver's URL is ours to fetch, so it must not point inside our own network: never to
/// cloud metadata services or link-local addresses (unless <see cref="WebhookOptions.AllowLinkLocal"/>), nor to loopback or
/// private networks (unless <see cref="WebhookOptions.AllowPrivateNetworks"/>). Checked on registration for literal
/// addresses and known metadata names, and again on every connection for the addresses a name resolves to, so that a
/// name re-pointed after registration (DNS rebinding) is refused too.
/// </summary>
public static class ReceiverAddresses
{
    public const int MaxUrlLength = 2000;

    private static readonly string[] MetadataHosts = ["metadata.google.internal", "metadata", "metadata.azure.com", "instance-data"];

    /// <summary>Why the URL may not receive webhooks, or null when it may.</summary>
    public static string? Refusal(string url, WebhookOptions options)
    {
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            return "url must be an absolute http or https URL.";
        if (!string.IsNullOrEmpty(uri.UserInfo))
            return "url must not carry credentials.";
        var host = uri.IdnHost.TrimEnd('.');
        if (MetadataHosts.Contains(host, StringComparer.OrdinalIgnoreCase) && !options.AllowLinkLocal)
            return "url must not point to a metadata service.";
        if (IPAddress.TryParse(host.Trim('[', ']'), out var address) && Refusal(address, options) is { } refused)
            return refused;
        if (!options.AllowPrivateNetworks && string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
            return "url must not point to this machine.";
        return null;
    }

    public static string? Refusal(IPAddress address, WebhookOptions options)
    {
        if (address.IsIPv4MappedToIPv6)
            address = address.MapToIPv4();
        if (IsLinkLocal(address) && !options.AllowLinkLocal)
            return "url must not point to a link-local or metadata address.";
        if (IsPrivate(address) && !options.AllowPrivateNetworks)
            return "url must not point to a loopback or private network address.";
        if (address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || IsMulticast(address))
            return "url must point to a single reachable host.";
        return null;
    }

    private static bool IsLinkLocal(IPAddress address) => address.AddressFamily == AddressFamily.InterNetwork
        ? address.GetAddressBytes() is [169, 254, ..]
        // fe80::/10, and AWS's IPv6 metadata address fd00:ec2::254.
        : address.IsIPv6LinkLocal || address.Equals(IPAddress.Parse("fd00:ec2::254"));

    private static bool IsPrivate(IPAddress address)
    {
        if (IPAddress.IsLoopback(address))
            return true;
        var bytes = address.GetAddressBytes();
        return address.AddressFamily == AddressFamily.InterNetwork
            ? bytes is [10, ..] or [172, >= 16 and <= 31, ..] or [192, 168, ..] or [100, >= 64 and <= 127, ..] or [0, ..]
            : (bytes[0] & 0xFE) == 0xFC || address.IsIPv6SiteLocal;
    }

    private static bool IsMulticast(IPAddress address) => address.AddressFamily == AddressFamily.InterNetwork
        ? address.GetAddressBytes()[0] >= 224
        : address.IsIPv6Multicast;
}
