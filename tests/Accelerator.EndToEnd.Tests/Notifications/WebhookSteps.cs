using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Accelerator.EndToEnd.Tests.Support;
using Accelerator.Testing;

namespace Accelerator.EndToEnd.Tests.Notifications;

public static class WebhookSteps
{
    /// <summary>Registers the receiver for these events and gives it the secret, shown only in this answer.</summary>
    public static async Task<Guid> RegisterAsync(this HttpClient client, WebhookReceiver receiver, params string[] events)
    {
        var response = await client.PostAsJsonAsync("/api/webhooks", new { url = receiver.Url, events });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var webhook = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        receiver.Secret = webhook["secret"]!.GetValue<string>();
        receiver.Secret.ShouldStartWith("whsec_");
        return webhook["id"]!.GetValue<Guid>();
    }

    public static async Task<JsonArray> DeliveriesAsync(this HttpClient client, Guid webhookId) =>
        (await client.GetFromJsonAsync<JsonArray>($"/api/webhooks/{webhookId}/deliveries?limit=200"))!;

    /// <summary>Polls the delivery log until the delivery of this event satisfies <paramref name="done"/>.</summary>
    public static Task<JsonObject> DeliveryOfAsync(this HttpClient client, Guid webhookId, Guid eventId, Func<JsonObject, bool> done, string what) =>
        Eventually.Until(async () => (await client.DeliveriesAsync(webhookId)).Select(d => d!.AsObject())
            .FirstOrDefault(d => d["eventId"]!.GetValue<Guid>() == eventId && done(d)), what);

    public static bool IsAbout(this ReceivedWebhook webhook, string type, Guid applicationId) =>
        webhook.Type == type && webhook.Data["applicationId"]?.GetValue<Guid>() == applicationId;
}
