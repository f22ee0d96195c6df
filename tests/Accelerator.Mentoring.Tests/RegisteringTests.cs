using Accelerator.Mentoring.Mentors;
using Accelerator.Mentoring.Mentors.Registering;
using static Accelerator.Mentoring.Tests.Given;

namespace Accelerator.Mentoring.Tests;

public sealed class RegisteringTests
{
    [Fact]
    public void A_valid_mentor_is_registered_trimmed_with_its_expertise_deduplicated()
    {
        var id = Guid.NewGuid();
        var (registered, _) = RegisterMentor.Decide(
            new RegisterMentorRequest(" ada ", " Ada ", " Mistral AI ", ["NLP", "nlp", " legal "], 3), id, "staff", Now);

        registered.ShouldBe(new MentorRegistered(id, "ada", "Ada", "Mistral AI", ["NLP", "legal"], 3, "staff", Now), new MentorComparer());
    }

    [Fact]
    public void Every_invalid_field_is_reported()
    {
        var (registered, validation) = RegisterMentor.Decide(new RegisterMentorRequest("", null, " ", [], 0), Guid.NewGuid(), "staff", Now);

        registered.ShouldBeNull();
        validation.ToProblem().ProblemDetails.Errors.Keys.ShouldBe(["sub", "name", "organisation", "expertise", "capacity"], ignoreOrder: true);
        RegisterMentor.Decide(new RegisterMentorRequest("a", "A", "O", ["nlp", " "], 101), Guid.NewGuid(), "staff", Now)
            .Validation.ToProblem().ProblemDetails.Errors.Keys.ShouldBe(["expertise", "capacity"], ignoreOrder: true);
    }

    private sealed class MentorComparer : IEqualityComparer<MentorRegistered?>
    {
        public bool Equals(MentorRegistered? x, MentorRegistered? y) =>
            x is not null && y is not null && x with { Expertise = [] } == y with { Expertise = [] } && x.Expertise.SequenceEqual(y.Expertise);

        public int GetHashCode(MentorRegistered? obj) => obj?.MentorId.GetHashCode() ?? 0;
    }
}
