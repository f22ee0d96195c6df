using Accelerator.Selection.Candidates;
using Accelerator.Selection.Cohorts;
using Accelerator.Selection.Decisions;
using Accelerator.Selection.Discussion;
using Accelerator.Selection.Offers.Accepting;
using Accelerator.Selection.Offers.Declining;
using Accelerator.Selection.Offers.Expiring;
using Accelerator.Selection.Offers.Reading;
using Accelerator.Selection.Overrides;
using Accelerator.Selection.Ranking;
using Accelerator.Selection.Reviewers;
using Accelerator.Selection.Reviewers.Listing;
using Accelerator.Selection.Reviewers.Registering;
using Accelerator.Selection.Reviews.Assigning;
using Accelerator.Selection.Reviews.Conflicts;
using Accelerator.Selection.Reviews.Reading;
using Accelerator.Selection.Reviews.Submitting;
using Accelerator.Selection.Screening;
using Accelerator.ServiceDefaults;
using Accelerator.ServiceDefaults.OpenApi;
using Accelerator.ServiceDefaults.Operating;
using JasperFx.Events.Projections;
using Marten;

namespace Accelerator.Selection;

public static class SelectionModule
{
    public const string ServiceName = "selection";
    public const string DatabaseConnectionName = "selectiondb";

    public static WebApplicationBuilder AddSelection(this WebApplicationBuilder builder)
    {
        builder.Services.AddProblemHandling();
        builder.AddAcceleratorAuthentication();
        builder.AddApiDocument("Accelerator Selection API",
            "Eligibility screening, the reviewers' panel and their blind reviews, ranking, the decision, offers and the waitlist.");
        builder.AddMessaging(ServiceName, bus =>
        {
            bus.AddConsumer<ApplicationSubmittedConsumer>();
            bus.AddConsumer<CohortCreatedConsumer>();
            bus.AddConsumer<CallForApplicationsClosedConsumer>();
            bus.AddConsumer<ApplicationWithdrawnConsumer>();
        }, typeof(Accelerator.Selection.Contracts.StartupAdmitted).Assembly);
        builder.AddEventStore<SelectionOutbox>(DatabaseConnectionName, ServiceName, options =>
        {
            options.CountOnCommit(SelectionMetrics.Count);
            options.Projections.Snapshot<Candidate>(SnapshotLifecycle.Inline);
            options.Projections.Snapshot<SelectionCohort>(SnapshotLifecycle.Inline);
            options.Schema.For<Candidate>().Index(c => c.Submission.CohortId).Index(c => c.Submission.ApplicantId);
            options.Projections.Snapshot<Reviewer>(SnapshotLifecycle.Inline);
            options.Schema.For<Reviewer>().UniqueIndex(r => r.Sub);
            options.Events.AddEventType<CohortReviewersAssigned>();
            options.Projections.Snapshot<PanelComment>(SnapshotLifecycle.Inline);
            options.Schema.For<PanelComment>().Index(c => c.ApplicationId);
        });
        builder.Services.AddDurableTimers();
        builder.Services.AddSingleton<ITimerHandler, OfferExpiryHandler>();
        return builder;
    }

    public static WebApplication MapSelectionApi(this WebApplication app)
    {
        var selection = app.MapGroup("/api/selection").WithTags("Selection").RequireAuthorization();
        selection.MapGet("/applications/{applicationId:guid}", GetCandidate.Handle)
            .WithSummary("Read an application's screening, reviews and decision (its owner or an operator)");
        selection.MapGet("/cohorts/{cohortId:guid}/ranking", GetRanking.Handle).RequireAuthorization(Roles.Operator)
            .WithSummary("Eligible reviewed applications by mean score, best first");
        selection.MapPost("/cohorts/{cohortId:guid}/decide", DecideSelection.Handle).RequireAuthorization(Roles.Operator)
            .WithSummary("Decide once: offers to the top seats, the rest of the ranking waitlisted, the others rejected")
            .ProducesProblem(StatusCodes.Status409Conflict);

        var offers = app.MapGroup("/api/offers").WithTags("Offers").RequireAuthorization(Roles.Applicant);
        offers.MapGet("/mine", GetMyOffers.Handle).WithSummary("The caller's offers with their deadlines");
        offers.MapPost("/{applicationId:guid}/accept", AcceptOffer.Handle).WithSummary("Accept an offer before it expires")
            .ProducesProblem(StatusCodes.Status409Conflict);
        offers.MapPost("/{applicationId:guid}/decline", DeclineOffer.Handle)
            .WithSummary("Decline an offer; the seat passes to the next on the waitlist").ProducesProblem(StatusCodes.Status409Conflict);

        selection.MapPost("/cohorts/{cohortId:guid}/assign-reviewers", AssignReviewers.Handle).RequireAuthorization(Roles.Operator)
            .WithSummary("Assign reviewers to every eligible application once the call has closed; safe to repeat")
            .ProducesProblem(StatusCodes.Status409Conflict);

        var reviewers = app.MapGroup("/api/reviewers").WithTags("Reviewers").RequireAuthorization(Roles.Operator);
        reviewers.MapPost("/", RegisterReviewer.Handle).WithSummary("Register a reviewer on the selection panel")
            .AcceptsIdempotencyKey().ProducesProblem(StatusCodes.Status409Conflict)
            .WithRequestExample(new RegisterReviewerRequest("rita", "Rita Reviewer", "huggingface", ["nlp", "speech"], ["Lumen"], "rita@reviewers.example"));
        reviewers.MapGet("/", GetReviewers.List).WithSummary("List the selection panel");
        reviewers.MapGet("/{id:guid}", GetReviewers.ById).WithSummary("Read a reviewer");

        var reviews = app.MapGroup("/api/reviews").WithTags("Reviews").RequireAuthorization(Roles.Reviewer);
        reviews.MapGet("/mine", GetMyReviews.Handle).WithSummary("The caller's assignments, blind: no founders, no other scores");
        reviews.MapPut("/{applicationId:guid}", SubmitReview.Handle)
            .WithSummary("Store the caller's review of an application assigned to them; sending it again replaces it")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithRequestExample(new ReviewRequest(new ScoresRequest(5, 4, 4, 5), "Strong open-weight plan and a credible team."));

        // The workbench: callers it is not for get 404, as if it did not exist (applicants above all).
        var workbench = app.MapGroup("/api/selection").WithTags("Selection workbench");
        workbench.MapGet("/applications/{applicationId:guid}/reviews", GetApplicationReviews.Handle).VisibleTo(Roles.Operator)
            .WithSummary("Every review of an application, with its reviewer");
        workbench.MapGet("/applications/{applicationId:guid}/comments", GetComments.Handle).VisibleTo(Roles.Operator, Roles.Reviewer)
            .WithSummary("The panel's discussion of an application (staff, or an assigned reviewer who has submitted)")
            .ProducesProblem(StatusCodes.Status403Forbidden);
        workbench.MapPost("/applications/{applicationId:guid}/comments", PostComment.Handle).VisibleTo(Roles.Operator, Roles.Reviewer)
            .WithSummary("Add to the panel's discussion of an application").AcceptsIdempotencyKey()
            .ProducesProblem(StatusCodes.Status403Forbidden).WithRequestExample(new { text = "Strong team; the licence question needs an answer." });
        workbench.MapPost("/applications/{applicationId:guid}/override", OverrideCandidate.Set).VisibleTo(Roles.Operator)
            .WithSummary("Overrule the ranking before decide: admit ahead of it, or reject out of it")
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithRequestExample(new { decision = "admit", reason = "The panel agreed on the open-weights plan." });
        workbench.MapDelete("/applications/{applicationId:guid}/override", OverrideCandidate.Delete).VisibleTo(Roles.Operator)
            .WithSummary("Remove an override: the ranking decides again").ProducesProblem(StatusCodes.Status409Conflict);
        workbench.MapGet("/cohorts/{cohortId:guid}/ranking.csv", GetRankingCsv.Handle).VisibleTo(Roles.Operator)
            .WithSummary("The ranking as CSV (RFC 4180, formula cells escaped)");
        var conflicts = app.MapGroup("/api/reviews").WithTags("Reviews");
        conflicts.MapPost("/{applicationId:guid}/conflict", DeclareConflict.Handle).VisibleTo(Roles.Reviewer)
            .WithSummary("Declare a conflict: the caller is released and, while reviews are open, replaced")
            .ProducesProblem(StatusCodes.Status409Conflict).WithRequestExample(new { reason = "I advised this startup last year." });
        return app;
    }
}
