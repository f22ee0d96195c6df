namespace Accelerator.Notifications.Emails;

/// <summary>Whom to write to about an application: the founders' addresses in the application's order (an erased one
/// keeps its place, empty), and nothing else of them, not even their names.</summary>
public sealed record ApplicantContacts(Guid Id, Guid CohortId, string StartupName, string Language, IReadOnlyList<string?> Founders)
{
    public IReadOnlyList<string> Addresses => Founders.Where(f => !string.IsNullOrWhiteSpace(f)).Select(f => f!).ToList();

    public ApplicantContacts Erase(IReadOnlyCollection<int> positions) =>
        this with { Founders = Founders.Select((f, i) => positions.Contains(i) ? null : f).ToList() };
}

/// <summary>E-mails about an application whose founders' contacts have not arrived yet: what each tells, no address.</summary>
public sealed record AwaitingContacts(Guid Id, IReadOnlyList<AwaitedEmail> Emails);

public sealed record AwaitedEmail(string Fact, string Template, Dictionary<string, string?> Facts);

/// <summary>An offer waiting for its answer, and when its reminder is due.</summary>
public sealed record PendingOffer(Guid Id, string StartupName, DateTimeOffset ExpiresAt);

/// <summary>The positions of an application's founders erased so far: no address, only where they stood.</summary>
public sealed record ErasedFounders(Guid Id, IReadOnlyList<int> Positions);
