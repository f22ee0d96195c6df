using Accelerator.Mentoring.Cohorts;
using Accelerator.Mentoring.Mentors;
using Accelerator.Mentoring.Mentors.Reading;
using Accelerator.Mentoring.Mentors.Registering;
using Accelerator.Mentoring.Sessions;
using Accelerator.Mentoring.Sessions.Completing;
using Accelerator.Mentoring.Sessions.Reading;
using Accelerator.Mentoring.Sessions.Scheduling;
using Accelerator.Mentoring.Startups;
using Accelerator.Mentoring.Startups.Admitting;
using Accelerator.Mentoring.Startups.Assigning;
using Accelerator.Mentoring.Startups.Reading;
using Accelerator.ServiceDefaults;
using Accelerator.ServiceDefaults.OpenApi;
using JasperFx.Events.Projections;
using Marten;

namespace Accelerator.Mentoring;

public static class MentoringModule
{
    public const string ServiceName = "mentoring";
    public const string DatabaseConnectionName = "mentoringdb";

    public static WebApplicationBuilder AddMentoring(this WebApplicationBuilder builder)
    {
        builder.Services.AddProblemHandling();
        builder.AddAcceleratorAuthentication();
        builder.AddApiDocument("Accelerator Mentoring API",
            "Mentors, their matching with admitted startups on expertise within capacity, and mentoring sessions.");
        builder.AddMessaging(ServiceName, bus =>
        {
            bus.AddConsumer<StartupAdmittedConsumer>();
            bus.AddConsumer<CohortCreatedConsumer>();
            bus.AddConsumer<CohortCompletedConsumer>();
        }, typeof(Accelerator.Mentoring.Contracts.MentorAssigned).Assembly);
        builder.AddEventStore<MentoringOutbox>(DatabaseConnectionName, ServiceName, options =>
        {
            options.Projections.Snapshot<Mentor>(SnapshotLifecycle.Inline);
            options.Projections.Snapshot<MentoredStartup>(SnapshotLifecycle.Inline);
            options.Projections.Snapshot<MentoringCohort>(SnapshotLifecycle.Inline);
            options.Schema.For<MentoredStartup>().Index([s => s.CohortId, s => s.Id]);
            options.Schema.For<MentorIdentity>();
            options.Schema.For<SessionLocator>();
        });
        return builder;
    }

    public static WebApplication MapMentoringApi(this WebApplication app)
    {
        var mentors = app.MapGroup("/api/mentors").WithTags("Mentors")
            .RequireAuthorization(policy => policy.RequireRole(Roles.Operator, Roles.Mentor));
        mentors.MapPost("/", RegisterMentor.Handle).RequireAuthorization(Roles.Operator)
            .WithSummary("Register a mentor with their expertise and capacity").AcceptsIdempotencyKey()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithRequestExample(new RegisterMentorRequest("marie", "Marie Curie", "campus-lab", ["nlp", "speech"], 3));
        mentors.MapGet("/", GetMentors.List).WithSummary("List mentors with their load and free capacity");
        mentors.MapGet("/{id:guid}", GetMentors.ById).WithSummary("Read a mentor");

        var mentoring = app.MapGroup("/api/mentoring").WithTags("Mentoring");
        var startups = mentoring.MapGroup("/startups");
        startups.MapGet("/", GetStartups.List).RequireAuthorization(Roles.Operator)
            .WithSummary("List admitted startups, e.g. those waiting for a mentor");
        startups.MapGet("/{applicationId:guid}", GetStartups.ById)
            .RequireAuthorization(policy => policy.RequireRole(Roles.Operator, Roles.Applicant, Roles.Mentor))
            .WithSummary("Read a startup's mentors and sessions (its founders, its mentors or an operator)");
        startups.MapPost("/{applicationId:guid}/mentors", AssignMentor.Handle).RequireAuthorization(Roles.Operator)
            .WithSummary("Assign a mentor by hand, within the mentor's capacity")
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithRequestExample(new AssignMentorRequest(Guid.Parse("0195f3a2-7c1e-7d4a-9b2f-3e8d6c5a4b11")));

        var sessions = mentoring.MapGroup("/sessions");
        sessions.MapPost("/", ScheduleSession.Handle).RequireAuthorization(policy => policy.RequireRole(Roles.Operator, Roles.Mentor))
            .WithSummary("Schedule a session with a startup").AcceptsIdempotencyKey()
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithRequestExample(new ScheduleSessionRequest(Guid.Parse("0195f3a2-7c1e-7d4a-9b2f-3e8d6c5a4b10"),
                new DateTimeOffset(2027, 3, 15, 14, 0, 0, TimeSpan.Zero), 45, "Fine-tuning plan", null));
        sessions.MapGet("/{id:guid}", GetSession.Handle)
            .RequireAuthorization(policy => policy.RequireRole(Roles.Operator, Roles.Applicant, Roles.Mentor))
            .WithSummary("Read a session");
        sessions.MapPost("/{id:guid}/complete", CompleteSession.Handle)
            .RequireAuthorization(policy => policy.RequireRole(Roles.Operator, Roles.Mentor))
            .WithSummary("Complete a session once it has started, with notes and a rating")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithRequestExample(new CompleteSessionRequest("Agreed on an evaluation set before fine-tuning.", 5));
        return app;
    }
}
