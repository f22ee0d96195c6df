using System.Linq.Expressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace Accelerator.ServiceDefaults;

/// <summary>At most <see cref="Limit"/> items of a list in id order, those whose id is greater than <see cref="After"/>.</summary>
public sealed record PageRequest(int Limit, Guid? After)
{
    /// <summary>One item more than the page: whether it comes back says whether there is a next page.</summary>
    public int Fetch => Limit + 1;
}

/// <summary>
/// Keyset paging for every list that can grow: <c>limit</c> (default 50, 1–200) and <c>after</c> (the id of the last
/// item of the previous page) in, a <c>Link: &lt;…&gt;; rel="next"</c> header out while more items follow. Keyset, not
/// offset: a page boundary stays put while items are added, and each page is an index range scan however deep.
/// </summary>
public static class Paging
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    /// <summary>Reads <c>limit</c> and <c>after</c>, adding to <paramref name="validation"/> what is wrong with them.</summary>
    public static PageRequest Parse(string? limit, string? after, Validation validation) => new(
        Optional(limit, AsLimit, "limit", $"limit must be a whole number from 1 to {MaxLimit}.", validation) ?? DefaultLimit,
        Optional(after, AsId, "after", "after must be the id of the last item of the previous page.", validation));

    /// <summary>An optional query parameter: absent or empty is null (portals send empty filters for "any"); anything
    /// else must parse, or it is an error of <paramref name="field"/>.</summary>
    public static T? Optional<T>(string? text, Func<string, T?> parse, string field, string message, Validation validation)
        where T : struct
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        var value = parse(text);
        validation.Check(value is not null, field, message);
        return value;
    }

    public static Guid? AsId(string text) => Guid.TryParse(text, out var id) ? id : null;

    private static int? AsLimit(string text) => int.TryParse(text, out var limit) && limit is >= 1 and <= MaxLimit ? limit : null;

    /// <summary>The query's page in the order of <paramref name="id"/>, with one item more to tell whether another follows.</summary>
    public static IQueryable<T> Page<T>(this IQueryable<T> query, Expression<Func<T, Guid>> id, PageRequest page)
    {
        if (page.After is { } after)
            query = query.Where(Expression.Lambda<Func<T, bool>>(
                Expression.GreaterThan(id.Body, Expression.Constant(after)), id.Parameters));
        return query.OrderBy(id).Take(page.Fetch);
    }

    /// <summary>The same page of a list already in memory. <see cref="Guid"/> compares as PostgreSQL's <c>uuid</c> does,
    /// so ids order alike in both.</summary>
    public static IReadOnlyList<T> Page<T>(this IEnumerable<T> items, Func<T, Guid> id, PageRequest page) =>
        items.Where(item => page.After is not { } after || id(item) > after).OrderBy(id).Take(page.Fetch).ToList();

    /// <summary>The items of the page, and the <c>Link</c> to the next one when the extra item came back.</summary>
    public static IReadOnlyList<T> Answer<T>(this HttpContext http, IReadOnlyList<T> fetched, PageRequest page, Func<T, Guid> id)
    {
        if (fetched.Count <= page.Limit)
            return fetched;
        var items = fetched.Take(page.Limit).ToList();
        http.Response.Headers.Link = $"<{NextPage(http.Request, id(items[^1]))}>; rel=\"next\"";
        return items;
    }

    /// <summary>The same route with the same parameters (filters, limit), <c>after</c> the last id of this page.</summary>
    public static string NextPage(HttpRequest request, Guid after)
    {
        var query = request.Query
            .Where(pair => !string.Equals(pair.Key, "after", StringComparison.OrdinalIgnoreCase))
            .SelectMany(pair => pair.Value.Select(value => KeyValuePair.Create(pair.Key, value)))
            .Append(KeyValuePair.Create("after", (string?)after.ToString()));
        return QueryHelpers.AddQueryString($"{request.PathBase}{request.Path}", query);
    }
}
