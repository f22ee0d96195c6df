using System.Net;
using System.Text;
using Accelerator.ServiceDefaults;

namespace Accelerator.EndToEnd.Tests.Support;

/// <summary>One mutated request, kept as bytes so that it can be sent as it is, however malformed, and reported.</summary>
public sealed record FuzzRequest(
    FuzzRoute Route, string Role, string Mutation, string Method, string PathAndQuery, byte[]? Body, string? ContentType, bool Chunked,
    IReadOnlyList<KeyValuePair<string, string>> Headers)
{
    public HttpRequestMessage ToMessage()
    {
        var message = new HttpRequestMessage(new HttpMethod(Method), PathAndQuery);
        if (Body is not null)
        {
            message.Content = Chunked ? new ChunkedContent(Body) : new ByteArrayContent(Body);
            if (ContentType is not null)
                message.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
        }
        foreach (var (name, value) in Headers)
            if (!message.Headers.TryAddWithoutValidation(name, value))
                message.Content?.Headers.TryAddWithoutValidation(name, value);
        return message;
    }

    public string Describe(int maxBody = 160)
    {
        var text = new StringBuilder($"{Method} {Shorten(PathAndQuery, 200)} as {Role} [{Mutation}]");
        if (ContentType is not null)
            text.Append($" content-type: {Shorten(ContentType, 80)}");
        foreach (var (name, value) in Headers)
            text.Append($" {name}: {Shorten(value, 60)}");
        if (Body is not null)
            text.Append($" body ({Body.Length} bytes{(Chunked ? ", chunked" : "")}): {Shorten(Encoding.UTF8.GetString(Body, 0, Math.Min(Body.Length, 4096)), maxBody)}");
        return text.ToString();
    }

    private static string Shorten(string text, int max) => text.Length <= max ? text : $"{text[..max]}…(+{text.Length - max})";

    /// <summary>A body of unknown length, sent with <c>Transfer-Encoding: chunked</c>.</summary>
    private sealed class ChunkedContent(byte[] body) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            for (var offset = 0; offset < body.Length; offset += 64 * 1024)
                await stream.WriteAsync(body.AsMemory(offset, Math.Min(64 * 1024, body.Length - offset)));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}

/// <summary>What one request got: a status, or no answer at all (the connection failed), and the <c>type</c> of a problem.</summary>
public sealed record FuzzOutcome(FuzzRequest Request, HttpStatusCode? Status, string? MediaType, string? Failure, string? ProblemType = null)
{
    public bool IsServerError => Status is null || (int)Status >= 500;

    /// <summary>Every refusal is a problem of a kind of the catalogue: never <c>about:blank</c>, a missing type, or a body
    /// of another sort. A HEAD answer has no body to tell; see <see cref="IsRefusedByKestrel"/>.</summary>
    public bool IsRefusalWithoutKind =>
        Status is { } status && (int)status >= 400 && Request.Method != "HEAD" && !IsRefusedByKestrel
        && (MediaType != "application/problem+json" || ProblemKinds.FromType(ProblemType) is null);

    /// <summary>A request line Kestrel cannot take (a NUL in the path) is refused with an empty 400 before any middleware
    /// of ours runs: no body, so no problem to give a type.</summary>
    public bool IsRefusedByKestrel => Status == HttpStatusCode.BadRequest && MediaType is null && BodyLength == 0;

    public int BodyLength { get; init; }

    /// <summary>A chunked body is only found too large once read, and a route that reads none may answer otherwise.</summary>
    public bool IsOversizedButNotRefused =>
        Request is { Chunked: false, Body.Length: > Fuzzer.MiB } && (Status != HttpStatusCode.RequestEntityTooLarge || MediaType != "application/problem+json");

    public override string ToString() =>
        $"{(Status is { } s ? $"{(int)s} {MediaType} {ProblemType}" : $"no answer ({Failure})")} ← {Request.Describe()}";
}
