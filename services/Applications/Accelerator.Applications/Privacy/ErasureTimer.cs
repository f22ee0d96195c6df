using Accelerator.Applications.Applications;
using Accelerator.ServiceDefaults;
using Marten;

namespace Accelerator.Applications.Privacy;

/// <summary>
/// Carries out an erasure in one transaction: every stored event that names the founder is rewritten in place without
/// them, each application concerned gets a <see cref="FoundersErased"/> (which updates its inline snapshot and moves its
/// version), the erasure completes, and the e-mail it was kept for is deleted. A concurrent write to one of those
/// applications makes the version check fail and the timer try again.
/// </summary>
public sealed class ErasureTimer : ITimerHandler
{
    public const string Kind = "personal-data-erasure";

    string ITimerHandler.Kind => Kind;

    public async Task FireAsync(IDocumentSession session, DueTimer timer, DateTimeOffset now, CancellationToken ct)
    {
        if (await session.LoadAsync<PendingErasure>(timer.Subject, ct) is not { } pending)
            return;
        session.Delete(pending);
        var erasure = await session.Events.FetchForWriting<Erasure>(pending.Id, ct);
        if (erasure.Aggregate is not { Status: ErasureStatus.Pending })
            return;

        var erased = new List<Guid>();
        foreach (var streamId in await StreamsMentioningAsync(session, pending.Email, ct))
            if (await EraseFromApplicationAsync(session, streamId, pending, now, ct))
                erased.Add(streamId);
        erasure.AppendOne(new ErasureCompleted(pending.Id, erased, now));
    }

    /// <summary>A coarse search of every stored event's text; <see cref="FounderErasure"/> decides what matches.</summary>
    private static async Task<IReadOnlyList<Guid>> StreamsMentioningAsync(IDocumentSession session, string email, CancellationToken ct) =>
        await session.AdvancedSql.QueryAsync<Guid>(
            $"select distinct stream_id from {session.DocumentStore.Options.Events.DatabaseSchemaName}.mt_events " +
            "where position(? in lower(data::text)) > 0", ct, email);

    private static async Task<bool> EraseFromApplicationAsync(
        IDocumentSession session, Guid id, PendingErasure pending, DateTimeOffset now, CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<Application>(id, ct);
        if (stream.Aggregate is not { } application)
            return false;
        var masked = (await session.Events.FetchStreamAsync(id, token: ct))
            .Select(e => (e.Sequence, Data: FounderErasure.Mask(e.Data, pending.Email)))
            .Where(e => e.Data is not null)
            .ToList();
        if (masked.Count == 0)
            return false;

        var options = session.DocumentStore.Options;
        foreach (var (sequence, data) in masked)
            session.QueueSqlCommand(
                $"update {options.Events.DatabaseSchemaName}.mt_events set data = cast(? as jsonb) where seq_id = ?",
                options.Serializer().ToJson(data), sequence);
        stream.AppendOne(new FoundersErased(id, pending.Id, FounderErasure.PositionsOf(application.Content, pending.Email), now));
        return true;
    }
}
