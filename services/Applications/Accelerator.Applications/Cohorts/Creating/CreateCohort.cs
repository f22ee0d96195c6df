using System.ComponentModel.DataAnnotations;
using Accelerator.Applications.Cohorts.Closing;
using Accelerator.Applications.Cohorts.Completing;
using Accelerator.ServiceDefaults;
using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Accelerator.Applications.Cohorts.Creating;

public sealed record ResourcePackageRequest(
    [property: Required] int? GpuHours,
    [property: Required] int? HubSeats,
    [property: Required] string? Region);

public sealed record CreateCohortRequest(
    [property: Required] string? Name,
    [property: Required] int? Seats,
    [property: Required] DateTimeOffset? ApplicationsOpenAt,
    [property: Required] DateTimeOffset? ApplicationsCloseAt,
    [property: Required] DateOnly? ProgramStartsOn,
    [property: Required] DateOnly? ProgramEndsOn,
    string? OfferValidity,
    int? ReviewersPerApplication,
    [property: Required] ResourcePackageRequest? ResourcePackage);

public static class CreateCohort
{
    /// <summary>The EU regions of the cloud partner: data residency is part of the programme's offer.</summary>
    public static readonly IReadOnlySet<string> Regions = new HashSet<string>(["fr-par", "nl-ams", "pl-waw"]);

    public static readonly TimeSpan DefaultOfferValidity = TimeSpan.FromDays(7);
    /// <summary>An offer open longer than this holds a seat hostage; it also keeps deadlines far from overflow.</summary>
    public static readonly TimeSpan MaxOfferValidity = TimeSpan.FromDays(365);
    /// <summary>How far ahead a cohort may be planned.</summary>
    public static readonly TimeSpan Horizon = TimeSpan.FromDays(10 * 366);
    public const int DefaultReviewersPerApplication = 3;
    public const int MaxNameLength = 200;
    public const int MaxGpuHours = 1_000_000;
    public const int MaxHubSeats = 10_000;
    private const int MaxDurationLength = 50;

    /// <summary>Checks every field; on success returns the event that creates the cohort.</summary>
    public static (CohortCreated? Created, Validation Validation) Decide(
        CreateCohortRequest request, Guid cohortId, string operatorId, DateTimeOffset now)
    {
        var v = new Validation();
        v.Text(request.Name, "name", MaxNameLength);
        v.Range(request.Seats, "seats", 1, 1000);

        var opens = request.ApplicationsOpenAt;
        var closes = request.ApplicationsCloseAt;
        if (v.Required(opens, "applicationsOpenAt") & v.Required(closes, "applicationsCloseAt")
            && v.Check(opens < closes, "applicationsCloseAt", "applicationsCloseAt must be after applicationsOpenAt."))
        {
            v.Check(closes > now, "applicationsCloseAt", "applicationsCloseAt must be in the future.");
            v.Check(closes <= now + Horizon, "applicationsCloseAt", "applicationsCloseAt must be within ten years.");
        }

        var starts = request.ProgramStartsOn;
        var ends = request.ProgramEndsOn;
        if (v.Required(starts, "programStartsOn") & v.Required(ends, "programEndsOn"))
        {
            v.Check(starts < ends, "programEndsOn", "programEndsOn must be after programStartsOn.");
            v.Check(ends <= DateOnly.FromDateTime((now + Horizon).UtcDateTime), "programEndsOn", "programEndsOn must be within ten years.");
            if (closes is not null)
                v.Check(starts >= DateOnly.FromDateTime(closes.Value.UtcDateTime), "programStartsOn",
                    "programStartsOn must not be before the call closes.");
        }

        var offerValidity = DefaultOfferValidity;
        if (request.OfferValidity is not null && v.MaxLength(request.OfferValidity, "offerValidity", MaxDurationLength))
            v.Check(IsoDuration.TryParse(request.OfferValidity, out offerValidity) && offerValidity > TimeSpan.Zero
                && offerValidity <= MaxOfferValidity,
                "offerValidity", "offerValidity must be a positive ISO 8601 duration of at most a year, such as P7D or PT12H.");

        var reviewers = request.ReviewersPerApplication ?? DefaultReviewersPerApplication;
        v.Check(reviewers is >= 1 and <= 20, "reviewersPerApplication", "reviewersPerApplication must be between 1 and 20.");

        var package = request.ResourcePackage;
        if (v.Required(package, "resourcePackage"))
        {
            v.Range(package!.GpuHours, "resourcePackage.gpuHours", 0, MaxGpuHours);
            v.Range(package.HubSeats, "resourcePackage.hubSeats", 0, MaxHubSeats);
            if (v.Required(package.Region, "resourcePackage.region"))
                v.Check(Regions.Contains(package.Region!), "resourcePackage.region",
                    $"resourcePackage.region must be an EU region of the cloud partner: {string.Join(", ", Regions)}.");
        }

        if (!v.IsValid)
            return (null, v);

        return (new CohortCreated(cohortId, request.Name!.Trim(), request.Seats!.Value, opens!.Value.ToUniversalTime(),
            closes!.Value.ToUniversalTime(), starts!.Value, ends!.Value, offerValidity, reviewers,
            new ResourcePackage(package!.GpuHours!.Value, package.HubSeats!.Value, package.Region!), operatorId, now), v);
    }

    /// <summary>A repeated <c>Idempotency-Key</c> finds the cohort created the first time and answers it again.</summary>
    public static async Task<Results<Created<CohortResponse>, ValidationProblem>> Handle(
        CreateCohortRequest request, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var id = Idempotency.NewId(http, "cohort");
        if (await session.LoadAsync<Cohort>(id, ct) is { } existing)
            return Created(existing, now);

        var (created, validation) = Decide(request, id, http.User.Subject(), now);
        if (created is null)
            return validation.ToProblem();

        session.Events.StartStream<Cohort>(created.CohortId, created);
        var cohort = Cohort.Create(created);
        session.ScheduleTimer(CallClosingTimer.Kind, cohort.Id, cohort.ApplicationsCloseAt);
        session.ScheduleTimer(ProgrammeEndingTimer.Kind, cohort.Id, cohort.ProgramEndsAt);
        try
        {
            await session.SaveChangesAsync(ct);
        }
        catch (ExistingStreamIdCollisionException)
        {
            throw new ConflictException(ProblemKinds.RequestInProgress,
                "A request with the same Idempotency-Key is in progress; repeat it to get its answer.");
        }
        return Created(cohort, now);
    }

    private static Created<CohortResponse> Created(Cohort cohort, DateTimeOffset now) =>
        TypedResults.Created($"/api/cohorts/{cohort.Id}", CohortResponse.From(cohort, now));
}
