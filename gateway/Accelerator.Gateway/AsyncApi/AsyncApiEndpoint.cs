using System.Text.Encodings.Web;
using System.Text.Json;

namespace Accelerator.Gateway.AsyncApi;

public static class AsyncApiEndpoint
{
    // Relaxed escaping: the document is served as JSON, never embedded in HTML, and reads better with "…" and "<".
    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>GET /asyncapi.json, anonymous. The document only changes with the build, so it is made once, on the
    /// first request. <c>AsyncApi:Broker</c> names the AMQP host partners connect to (default the development one).</summary>
    public static WebApplication MapAsyncApi(this WebApplication app)
    {
        var broker = app.Configuration["AsyncApi:Broker"] ?? "localhost:5672";
        var document = new Lazy<byte[]>(() =>
            JsonSerializer.SerializeToUtf8Bytes(AsyncApiDocument.Build(broker), Options));
        app.MapGet("/asyncapi.json", () => TypedResults.Bytes(document.Value, "application/json"))
            .AllowAnonymous()
            .RequireRateLimiting(EdgePolicies.PerCaller)
            .RequireCors(EdgePolicies.Portals)
            .WithTags("Documentation");
        return app;
    }
}
