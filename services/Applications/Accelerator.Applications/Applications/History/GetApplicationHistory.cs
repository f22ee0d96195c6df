using System.Text.RegularExpressions;
using Accelerator.Applications.Applications.Reading;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Accelerator.Applications.Applications.History;

/// <summary>One fact of an application's stream: what happened, when, and the <c>sub</c> that caused it.</summary>
public sealed record HistoryEntry(string Type, DateTimeOffset At, string? By);

/// <summary>GET /api/applications/{id}/history [operator]: the audit trail, every event of the stream oldest first.</summary>
public static partial class GetApplicationHistory
{
    public static async Task<Results<Ok<IReadOnlyList<HistoryEntry>>, ProblemHttpResult>> Handle(
        Guid id, IQuerySession session, CancellationToken ct)
    {
        var events = await session.Events.FetchStreamAsync(id, token: ct);
        if (events.Count == 0 || await session.LoadAsync<Application>(id, ct) is null)
            return ApplicationProblems.NotFound(id);
        return TypedResults.Ok<IReadOnlyList<HistoryEntry>>(
            events.Select(e => new HistoryEntry(KebabCase(e.EventType.Name), e.Timestamp, e.UserName)).ToList());
    }

    /// <summary><c>ApplicationSubmitted</c> → <c>application-submitted</c>, the way the bus names events.</summary>
    public static string KebabCase(string typeName) => WordStart().Replace(typeName, "-$1").ToLowerInvariant();

    [GeneratedRegex("(?<!^)([A-Z])")]
    private static partial Regex WordStart();
}
