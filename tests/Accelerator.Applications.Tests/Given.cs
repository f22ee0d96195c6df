using Accelerator.Applications.Applications;
using Accelerator.Applications.Cohorts;

namespace Accelerator.Applications.Tests;

/// <summary>The facts the decision tests start from.</summary>
public static class Given
{
    public static readonly DateTimeOffset Opens = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset Closes = new(2027, 1, 1, 9, 0, 0, TimeSpan.Zero);
    public static readonly DateOnly Starts = new(2027, 2, 1);
    public static readonly DateOnly Ends = new(2027, 8, 1);
    public static readonly DateTimeOffset EndOfProgramme = new(2027, 8, 2, 0, 0, 0, TimeSpan.Zero);

    public static CohortCreated CohortCreated(Guid? id = null) => new(id ?? Guid.NewGuid(), "Spring", 5, Opens, Closes,
        Starts, Ends, TimeSpan.FromDays(7), 3, new ResourcePackage(100, 5, "fr-par"), "ops", Opens.AddDays(-10));

    public static Cohort Cohort(params object[] then) => then.Aggregate(Cohorts.Cohort.Create(CohortCreated()), (cohort, e) => e switch
    {
        CallClosed closed => cohort.Apply(closed),
        CohortCompleted completed => cohort.Apply(completed),
        _ => throw new ArgumentException($"Not a cohort event: {e}"),
    });

    public static readonly ApplicationContent Content = new(new Startup("Forge", "https://forge.example", "FR", Stage.Growth),
        [new Founder("Camille", "camille@forge.example")], "LLM", ["meta-llama/Llama-3.1-8B"], null,
        new OpenSource("https://github.com/forge/forge", "MIT"), ["nlp"], 100);

    public static Application Draft(Cohort cohort) =>
        Application.Create(new ApplicationDrafted(Guid.NewGuid(), cohort.Id, "alice", Content, Opens.AddHours(1)));

    public static Application Submitted(Cohort cohort)
    {
        var draft = Draft(cohort);
        return draft.Apply(new ApplicationSubmitted(draft.Id, cohort.Id, "alice", Content, Opens.AddHours(2)));
    }
}
