using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Accelerator.EndToEnd.Tests.Support;

/// <summary>One page of a list as the client got it: its items and the <c>Link: rel="next"</c> it pointed on to.</summary>
public sealed record Page(string Uri, JsonArray Items, string? Next);

/// <summary>Reads paged lists the way a portal does: from the first page, following <c>Link: &lt;…&gt;; rel="next"</c>.</summary>
public static class Pages
{
    public static async Task<IReadOnlyList<Page>> WalkAsync(this HttpClient client, string first)
    {
        var pages = new List<Page>();
        for (string? next = first; next is not null;)
        {
            using var response = await client.GetAsync(next);
            response.StatusCode.ShouldBe(HttpStatusCode.OK, $"GET {next}: {await response.Content.ReadAsStringAsync()}");
            var items = (await response.Content.ReadFromJsonAsync<JsonArray>())!;
            var link = response.Headers.TryGetValues("Link", out var links) ? links.Single() : null;
            if (link is not null)
                link.ShouldEndWith("; rel=\"next\"");
            pages.Add(new Page(next, items, link?.Split(';')[0].Trim('<', '>', ' ')));
            next = pages[^1].Next;
            pages.Count.ShouldBeLessThan(10_000, "a walk that never ends");
        }
        return pages;
    }

    /// <summary>Every item of the list, whatever its length, for tests that look for theirs in a shared system.</summary>
    public static async Task<JsonObject[]> AllAsync(this HttpClient client, string uri)
    {
        var separator = uri.Contains('?') ? '&' : '?';
        return [.. (await client.WalkAsync($"{uri}{separator}limit=200")).SelectMany(p => p.Items).Select(i => i!.AsObject())];
    }

    /// <summary>
    /// Walks <paramref name="first"/> (which asks for pages of <paramref name="limit"/>) and checks the paging contract: no
    /// page longer than the limit, a next link on every page but the last and none on it, each link keeping the first
    /// page's other parameters, every item exactly once and in ascending id order. Other tests share the system, so
    /// <paramref name="ours"/> need only appear among the items, in order; with <paramref name="only"/> they must be all.
    /// </summary>
    public static async Task<IReadOnlyList<Page>> ShouldPageThroughAsync(
        this HttpClient client, string first, int limit, IReadOnlyList<Guid> ours, string idField = "id", bool only = false)
    {
        var pages = await client.WalkAsync(first);
        var parameters = first.Contains('?') ? first[(first.IndexOf('?') + 1)..].Split('&') : [];
        foreach (var page in pages)
        {
            page.Items.Count.ShouldBeLessThanOrEqualTo(limit, page.Uri);
            if (page.Next is not null)
            {
                page.Items.Count.ShouldBe(limit, $"{page.Uri}: a page with a next link is full");
                foreach (var parameter in parameters.Where(p => !p.StartsWith("after=")))
                    page.Next.ShouldContain(parameter);
                page.Next.ShouldContain($"after={page.Items[^1]![idField]!.GetValue<Guid>()}");
            }
        }
        pages[^1].Next.ShouldBeNull();
        pages[^1].Items.ShouldNotBeEmpty("the last page is the one that ends the list, not an empty one after it");

        var seen = pages.SelectMany(p => p.Items).Select(i => i![idField]!.GetValue<Guid>()).ToList();
        seen.ShouldBe(seen.Order().ToList(), "ascending id order across pages");
        seen.Distinct().Count().ShouldBe(seen.Count, "every item exactly once");
        var expected = ours.Order().ToList();
        if (only)
            seen.ShouldBe(expected);
        else
            seen.Where(ours.Contains).ShouldBe(expected);
        return pages;
    }

    /// <summary>A bad <c>limit</c> and <c>after</c> are one 400 naming both.</summary>
    public static async Task ShouldRefuseBadPagingAsync(this HttpClient client, string route)
    {
        var separator = route.Contains('?') ? '&' : '?';
        foreach (var (query, fields) in new[]
                 {
                     ("limit=0&after=nope", new[] { "limit", "after" }), ("limit=201", ["limit"]), ("limit=abc", ["limit"]),
                     ("after=00000000-0000-0000-0000-00000000000g", ["after"]),
                 })
        {
            using var response = await client.GetAsync($"{route}{separator}{query}");
            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, $"{route} {query}");
            (await response.ProblemAsync())["errors"]!.AsObject().Select(e => e.Key).ShouldBe(fields, ignoreOrder: true);
        }
    }
}
