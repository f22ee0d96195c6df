using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Accelerator.ServiceDefaults;

/// <summary>What a problem's <c>type</c> leads to: <c>GET /problems/{slug}</c>, a page about that kind (its JSON for a
/// client that asks for <c>application/json</c>), and <c>GET /problems</c>, all of them. Served by the gateway, against
/// which the relative types resolve.</summary>
public static partial class ProblemPages
{
    public sealed record KindDescription(
        string Type, string Slug, int Status, string Title, string Meaning, string ClientAction, int? RetryAfterSeconds);

    public static RouteGroupBuilder MapProblemPages(this IEndpointRouteBuilder app)
    {
        var pages = app.MapGroup("/problems").AllowAnonymous().WithTags("Problems");
        pages.MapGet("", (HttpContext http) => WantsJson(http.Request)
            ? Results.Json(ProblemKinds.All.Select(Describe))
            : Results.Content(Index(), "text/html; charset=utf-8"));
        pages.MapGet("/{slug}", (string slug, HttpContext http) => ProblemKinds.Find(slug) is not { } kind
            ? (IResult)ProblemKinds.NotFound.Problem($"There is no problem type '{slug}'; GET /problems lists them.")
            : WantsJson(http.Request)
                ? Results.Json(Describe(kind))
                : Results.Content(Page(kind), "text/html; charset=utf-8"));
        return pages;
    }

    public static KindDescription Describe(ProblemKind kind) =>
        new(kind.Type, kind.Slug, kind.Status, kind.Title, kind.Meaning, kind.ClientAction, kind.RetryAfterSeconds);

    public static string Page(ProblemKind kind) => Html(kind.Title, $"""
        <p><code>type</code>: <code>{kind.Type}</code> · status {kind.Status}{RetryAfter(kind)}</p>
        <h2>What it means</h2>
        <p>{Text(kind.Meaning)}</p>
        <h2>What to do</h2>
        <p>{Text(kind.ClientAction)}</p>
        <p>The answer's <code>detail</code> says what happened in this case; <code>traceId</code> finds it in the logs.
        <a href="/problems">Every problem type</a>.</p>
        """);

    public static string Index()
    {
        var rows = new StringBuilder();
        foreach (var kind in ProblemKinds.All)
            rows.Append($"""<tr><td><a href="{kind.Type}"><code>{kind.Slug}</code></a></td><td>{kind.Status}</td>""")
                .Append($"""<td>{Text(kind.Title)}</td><td>{Text(kind.ClientAction)}</td></tr>""").Append('\n');
        return Html("Problem types", $"""
            <p>Every error of the Accelerator API is an RFC 9457 problem whose <code>type</code> is one of these.</p>
            <table><tr><th>type</th><th>status</th><th>title</th><th>what to do</th></tr>
            {rows}</table>
            """);
    }

    private static string RetryAfter(ProblemKind kind) =>
        kind.RetryAfterSeconds is { } seconds ? $" · <code>Retry-After: {seconds}</code>" : "";

    /// <summary>Encoded, with the catalogue's <c>`code`</c> spans as code.</summary>
    private static string Text(string text) => CodeSpan().Replace(WebUtility.HtmlEncode(text), "<code>$1</code>");

    private static string Html(string title, string body) => $$"""
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>{{WebUtility.HtmlEncode(title)}} · Accelerator API</title>
        <style>body{font-family:system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem;line-height:1.5}
        td,th{text-align:left;vertical-align:top;padding:.2rem .6rem}</style></head>
        <body><h1>{{WebUtility.HtmlEncode(title)}}</h1>
        {{body}}
        </body></html>
        """;

    private static bool WantsJson(HttpRequest request)
    {
        var accept = request.Headers.Accept.ToString();
        return accept.Contains("json", StringComparison.OrdinalIgnoreCase) && !accept.Contains("text/html", StringComparison.OrdinalIgnoreCase);
    }

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex CodeSpan();
}
