using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Accelerator.Notifications.Webhooks.Registering;

namespace Accelerator.Notifications.Webhooks.Delivering;

/// <summary>POSTs deliveries with the Standard Webhooks headers. Its own HttpClient, not the factory's: the defaults there
/// retry and resolve service names, and a delivery is one attempt to a receiver outside. Redirects are not followed (a
/// receiver could send us inside our network), and every connection goes only to an address a receiver may have.</summary>
public sealed class WebhookSender : IDisposable
{
    private const int MaxErrorLength = 500;
    private readonly HttpClient client;

    public WebhookSender(NotificationsOptions options)
    {
        var webhooks = options.Webhooks;
        client = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            ConnectCallback = (context, ct) => ConnectAsync(context.DnsEndPoint, webhooks, ct),
        })
        {
            Timeout = webhooks.Timeout,
        };
        client.DefaultRequestHeaders.UserAgent.ParseAdd("Accelerator-Webhooks/1.0");
    }

    public async Task<DeliveryAttempt> SendAsync(Webhook webhook, WebhookDelivery delivery, DateTimeOffset now, CancellationToken ct)
    {
        var timestamp = now.ToUnixTimeSeconds();
        var id = delivery.EventId.ToString();
        using var request = new HttpRequestMessage(HttpMethod.Post, webhook.Url)
        {
            Content = new StringContent(delivery.Body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("webhook-id", id);
        request.Headers.Add("webhook-timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", Signature.Sign(webhook.Secret, id, timestamp, delivery.Body));
        var watch = Stopwatch.StartNew();
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            return new DeliveryAttempt(now, (int)response.StatusCode, null, watch.ElapsedMilliseconds);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or SocketException && !ct.IsCancellationRequested)
        {
            var error = e is TaskCanceledException ? $"No answer within {client.Timeout.TotalSeconds:0} s." : e.Message;
            return new DeliveryAttempt(now, null, error.Length > MaxErrorLength ? error[..MaxErrorLength] : error, watch.ElapsedMilliseconds);
        }
    }

    private static async ValueTask<Stream> ConnectAsync(DnsEndPoint endpoint, WebhookOptions options, CancellationToken ct)
    {
        var addresses = IPAddress.TryParse(endpoint.Host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(endpoint.Host, ct);
        var allowed = addresses.Where(a => ReceiverAddresses.Refusal(a, options) is null).ToArray();
        if (allowed.Length == 0)
            throw new HttpRequestException($"{endpoint.Host} resolves to no address a webhook may be sent to.");
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, endpoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public void Dispose() => client.Dispose();
}
