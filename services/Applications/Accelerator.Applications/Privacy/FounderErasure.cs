using Accelerator.Applications.Applications;

namespace Accelerator.Applications.Privacy;

/// <summary>Which founders an erasure removes, and the events and content without them.</summary>
public static class FounderErasure
{
    /// <summary>E-mails are compared trimmed and case-insensitively.</summary>
    public static string Normalise(string email) => email.Trim().ToLowerInvariant();

    public static bool Matches(Founder founder, string normalisedEmail) =>
        !founder.Erased && founder.Email is { } email && Normalise(email) == normalisedEmail;

    /// <summary>Positions of the founders with this e-mail in <paramref name="content"/>.</summary>
    public static IReadOnlyList<int> PositionsOf(ApplicationContent content, string normalisedEmail) =>
        content.Founders.Select((founder, i) => (founder, i)).Where(f => Matches(f.founder, normalisedEmail)).Select(f => f.i)
            .ToArray();

    public static ApplicationContent EraseAt(ApplicationContent content, IReadOnlyList<int> positions) =>
        positions.Count == 0
            ? content
            : content with { Founders = content.Founders.Select((f, i) => positions.Contains(i) ? Founder.ErasedFounder : f).ToArray() };

    /// <summary>The stored event without the founders who have this e-mail, or null when it holds none of them.</summary>
    public static object? Mask(object data, string normalisedEmail) => data switch
    {
        ApplicationDrafted e when Erase(e.Content, normalisedEmail) is { } content => e with { Content = content },
        ApplicationSubmitted e when Erase(e.Content, normalisedEmail) is { } content => e with { Content = content },
        ApplicationReplaced e when Erase(e.Content, normalisedEmail) is { } content => e with { Content = content },
        _ => null,
    };

    private static ApplicationContent? Erase(ApplicationContent content, string normalisedEmail) =>
        PositionsOf(content, normalisedEmail) is { Count: > 0 } positions ? EraseAt(content, positions) : null;
}
