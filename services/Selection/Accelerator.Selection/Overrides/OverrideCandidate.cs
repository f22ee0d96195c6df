using Accelerator.Selection.Candidates;
using Accelerator.Selection.Cohorts;
using Accelerator.ServiceDefaults;
using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Accelerator.Selection.Overrides;

public sealed record OverrideRequest(string? Decision, string? Reason);

public static class OverrideCandidate
{
    public const int MaxReasonLength = 2000;

    public static (OverrideDecision? Decision, Validation Validation) Validate(OverrideRequest request)
    {
        var v = new Validation();
        var known = EnumNames.TryParse<OverrideDecision>(request.Decision, out var decision);
        if (v.Required(request.Decision, "decision"))
            v.Check(known, "decision", "decision must be admit or reject.");
        v.Text(request.Reason, "reason", MaxReasonLength);
        return (v.IsValid ? decision : null, v);
    }

    /// <summary>Staff overrule the ranking for one candidate until the cohort is decided. Only an eligible candidate can
    /// be admitted: an override overrules the panel's scores, not the programme's rules.</summary>
    public static IReadOnlyList<object> Decide(
        Candidate candidate, OverrideDecision decision, string reason, bool selectionDecided, string by, DateTimeOffset now)
    {
        EnsureOpen(candidate, selectionDecided);
        if (decision == OverrideDecision.Admit && candidate.Eligibility != Eligibility.Eligible)
            throw new BusinessRuleException(ProblemKinds.BusinessRule,
                $"Application {candidate.Id} is not eligible ({string.Join("; ", candidate.Reasons)}); an override cannot admit it.");
        return [new OverrideSet(candidate.Id, candidate.Submission.CohortId, decision, reason.Trim(), by, now)];
    }

    /// <summary>Removing the override puts the candidate back where its scores rank it.</summary>
    public static IReadOnlyList<object> Remove(Candidate candidate, bool selectionDecided, string by, DateTimeOffset now)
    {
        EnsureOpen(candidate, selectionDecided);
        return candidate.Override is null ? [] : [new OverrideRemoved(candidate.Id, candidate.Submission.CohortId, by, now)];
    }

    private static void EnsureOpen(Candidate candidate, bool selectionDecided)
    {
        if (selectionDecided || candidate.Decision != SelectionDecision.None)
            throw new ConflictException(ProblemKinds.SelectionDecided,
                $"Selection of cohort {candidate.Submission.CohortId} has been decided; overrides are closed.");
        if (candidate.Withdrawn)
            throw new ConflictException(ProblemKinds.StateConflict, $"Application {candidate.Id} has been withdrawn.");
    }

    public static async Task<Results<Ok<CandidateResponse>, ValidationProblem, ProblemHttpResult>> Set(
        Guid applicationId, OverrideRequest request, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<Candidate>(applicationId, ct);
        if (stream.Aggregate is not { } candidate)
            return Unknown(applicationId);
        var (decision, validation) = Validate(request);
        if (decision is not { } chosen)
            return validation.ToProblem();

        var events = Decide(candidate, chosen, request.Reason!, await IsDecided(session, candidate, ct), http.User.Subject(), clock.GetUtcNow());
        return await Save(stream, candidate, events, session, ct);
    }

    public static async Task<Results<Ok<CandidateResponse>, ProblemHttpResult>> Delete(
        Guid applicationId, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<Candidate>(applicationId, ct);
        if (stream.Aggregate is not { } candidate)
            return Unknown(applicationId);

        var events = Remove(candidate, await IsDecided(session, candidate, ct), http.User.Subject(), clock.GetUtcNow());
        if (events.Count == 0)
            return ProblemKinds.NotFound.Problem($"Application {applicationId} has no override.");
        return await Save(stream, candidate, events, session, ct);
    }

    private static async Task<bool> IsDecided(IQuerySession session, Candidate candidate, CancellationToken ct) =>
        (await session.LoadAsync<SelectionCohort>(candidate.Submission.CohortId, ct))?.Decided == true;

    private static async Task<Ok<CandidateResponse>> Save(
        IEventStream<Candidate> stream, Candidate candidate, IReadOnlyList<object> events, IDocumentSession session, CancellationToken ct)
    {
        stream.AppendMany(events);
        await session.SaveChangesAsync(ct);
        var after = events.Aggregate(candidate, (c, e) => e switch
        {
            OverrideSet x => c.Apply(x),
            OverrideRemoved x => c.Apply(x),
            _ => c,
        });
        return TypedResults.Ok(CandidateResponse.ForStaff(after));
    }

    private static ProblemHttpResult Unknown(Guid applicationId) =>
        ProblemKinds.NotFound.Problem($"Selection knows no application {applicationId} (yet: screening follows submission within seconds).");
}
