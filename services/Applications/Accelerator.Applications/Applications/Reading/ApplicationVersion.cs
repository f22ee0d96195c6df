using Accelerator.ServiceDefaults;
using Marten;
using Microsoft.Net.Http.Headers;

namespace Accelerator.Applications.Applications;

/// <summary>The <c>ETag</c> of an application is its stream version; <c>If-Match</c> makes a change conditional on it.</summary>
public static class ApplicationVersion
{
    public static void Answer(HttpContext http, long version) =>
        http.Response.Headers.ETag = new EntityTagHeaderValue($"\"{version}\"").ToString();

    public static async Task AnswerCurrentAsync(HttpContext http, IQuerySession session, Guid id, CancellationToken ct) =>
        Answer(http, (await session.Events.FetchStreamStateAsync(id, ct))?.Version ?? 0);

    public static void CheckIfMatch(HttpContext http, long currentVersion)
    {
        var ifMatch = http.Request.Headers.IfMatch.ToString();
        if (!IfMatchAllows(ifMatch, currentVersion))
            throw new ConflictException(ProblemKinds.ConcurrencyConflict,
                $"If-Match {ifMatch} does not match the current version \"{currentVersion}\": the application changed in the meantime; read it again.");
    }

    /// <summary>No header or <c>*</c> allows any version. A malformed or weak tag can match no version, so it is refused.</summary>
    public static bool IfMatchAllows(string? ifMatch, long currentVersion)
    {
        if (string.IsNullOrWhiteSpace(ifMatch) || ifMatch.Trim() == "*")
            return true;
        return EntityTagHeaderValue.TryParseStrictList([ifMatch], out var tags)
            && tags.Any(tag => !tag.IsWeak && tag.Tag.Value == $"\"{currentVersion}\"");
    }
}
