using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Accelerator.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Accelerator.EndToEnd.Tests.Support;

/// <summary>A webhook as a partner received it, and whether its signature held.</summary>
public sealed record ReceivedWebhook(string Id, long Timestamp, string Signature, string Body, bool SignatureValid)
{
    public JsonObject Json => JsonNode.Parse(Body)!.AsObject();
    public string Type => Json["type"]!.GetValue<string>();
    public JsonObject Data => Json["data"]!.AsObject();
}

/// <summary>
/// A partner's HTTP receiver on this machine: it checks every request as the Standard Webhooks specification says (the
/// signature over <c>id.timestamp.body</c> with the secret's base64-decoded bytes, any of the space-separated
/// <c>v1,</c> signatures), and answers the status codes it is told to, then 200.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<(Func<ReceivedWebhook, bool> Match, int StatusCode)> answers = new();
    private readonly ConcurrentQueue<ReceivedWebhook> received = new();
    private readonly ConcurrentQueue<(Func<ReceivedWebhook, bool> Match, TaskCompletionSource Released)> holds = new();

    private WebhookReceiver(WebApplication app, string url)
    {
        this.app = app;
        Url = url;
    }

    public string Url { get; }

    /// <summary>Set once the webhook is registered: the receiver verifies with it.</summary>
    public string Secret { get; set; } = "";

    public IReadOnlyList<ReceivedWebhook> Received => received.ToList();

    public static async Task<WebhookReceiver> StartAsync()
    {
        var port = TestPorts.Free();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        var receiver = new WebhookReceiver(app, $"http://127.0.0.1:{port}/hooks");
        app.MapPost("/hooks", receiver.ReceiveAsync);
        await app.StartAsync();
        return receiver;
    }

    /// <summary>The next requests that match get these status codes, in order; then 200. (Events of other tests may
    /// reach the receiver meanwhile.)</summary>
    public void AnswerNext(Func<ReceivedWebhook, bool> match, params int[] statusCodes)
    {
        foreach (var code in statusCodes)
            answers.Enqueue((match, code));
    }

    /// <summary>The next request that matches is received but not answered until the returned action is called (within
    /// the sender's timeout).</summary>
    public Action HoldNext(Func<ReceivedWebhook, bool> match)
    {
        var released = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        holds.Enqueue((match, released));
        return () => released.TrySetResult();
    }

    private async Task<IResult> ReceiveAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        var id = request.Headers["webhook-id"].ToString();
        var timestamp = long.TryParse(request.Headers["webhook-timestamp"].ToString(), out var t) ? t : -1;
        var signature = request.Headers["webhook-signature"].ToString();
        var webhook = new ReceivedWebhook(id, timestamp, signature, body, Verify(Secret, id, timestamp, body, signature));
        received.Enqueue(webhook);
        if (holds.TryPeek(out var hold) && hold.Match(webhook) && holds.TryDequeue(out _))
            await hold.Released.Task;
        lock (answers)
            return Results.StatusCode(answers.TryPeek(out var next) && next.Match(webhook) && answers.TryDequeue(out _) ? next.StatusCode : 200);
    }

    /// <summary>The Standard Webhooks verification, written from the specification rather than from our sender.</summary>
    public static bool Verify(string secret, string id, long timestamp, string body, string signatures)
    {
        if (!secret.StartsWith("whsec_", StringComparison.Ordinal))
            return false;
        using var hmac = new HMACSHA256(Convert.FromBase64String(secret["whsec_".Length..]));
        var expected = Convert.ToBase64String(hmac.ComputeHash(Encoding.UTF8.GetBytes($"{id}.{timestamp}.{body}")));
        return signatures.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Any(s => s.StartsWith("v1,", StringComparison.Ordinal)
                      && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(s[3..]), Encoding.ASCII.GetBytes(expected)));
    }

    /// <summary>Waits until the receiver holds at least <paramref name="count"/> webhooks matching <paramref name="match"/>.</summary>
    public Task<IReadOnlyList<ReceivedWebhook>> WaitForAsync(Func<ReceivedWebhook, bool> match, int count, string what) =>
        Eventually.Until(() => Task.FromResult(Received.Where(match).ToList() is { } found && found.Count >= count
            ? (IReadOnlyList<ReceivedWebhook>?)found
            : null), what);

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
