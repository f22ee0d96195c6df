using System.Reflection;
using System.Text.RegularExpressions;
using Accelerator.ServiceDefaults;

namespace Accelerator.ServiceDefaults.Tests;

/// <summary>The catalogue of problem kinds is what portals branch on: each kind named once, documented, with a page.</summary>
public sealed partial class ProblemKindsTests
{
    public static TheoryData<string> Slugs => [.. ProblemKinds.All.Select(kind => kind.Slug)];

    [Fact]
    public void Every_slug_and_every_title_is_unique()
    {
        ProblemKinds.All.Select(kind => kind.Slug).ShouldBeUnique();
        ProblemKinds.All.Select(kind => kind.Title).ShouldBeUnique();
    }

    [Fact]
    public void Every_kind_declared_is_in_the_catalogue()
    {
        var declared = typeof(ProblemKinds).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(field => field.FieldType == typeof(ProblemKind))
            .Select(field => (ProblemKind)field.GetValue(null)!);

        ProblemKinds.All.ShouldBe(declared, ignoreOrder: true);
    }

    [Theory]
    [MemberData(nameof(Slugs))]
    public void Every_kind_has_a_relative_type_a_client_error_or_server_error_status_and_words_for_a_client(string slug)
    {
        var kind = ProblemKinds.Find(slug).ShouldNotBeNull();

        SlugPattern().IsMatch(slug).ShouldBeTrue();
        kind.Type.ShouldBe($"/problems/{slug}");
        Uri.TryCreate(kind.Type, UriKind.Relative, out _).ShouldBeTrue();
        ProblemKinds.FromType(kind.Type).ShouldBe(kind);
        kind.Status.ShouldBeInRange(400, 599);
        kind.Title.ShouldNotBeNullOrWhiteSpace();
        kind.Meaning.ShouldNotBeNullOrWhiteSpace();
        kind.ClientAction.ShouldNotBeNullOrWhiteSpace();
        if (kind.RetryAfterSeconds is { } seconds)
            seconds.ShouldBeInRange(1, 60);
    }

    [Theory]
    [MemberData(nameof(Slugs))]
    public void Every_kind_has_a_page(string slug)
    {
        var kind = ProblemKinds.Find(slug)!;

        var page = ProblemPages.Page(kind);

        page.ShouldStartWith("<!DOCTYPE html>");
        page.ShouldContain($"<h1>{System.Net.WebUtility.HtmlEncode(kind.Title)}</h1>");
        page.ShouldContain($"<code>{kind.Type}</code>");
        page.ShouldContain($"status {kind.Status}");
        ProblemPages.Index().ShouldContain($"href=\"{kind.Type}\"");
        ProblemPages.Describe(kind).Slug.ShouldBe(slug);
    }

    [Fact]
    public void Only_the_kinds_whose_answer_changes_by_itself_ask_to_retry_after_a_delay()
    {
        ProblemKinds.All.Where(kind => kind.RetryAfterSeconds is not null).Select(kind => kind.Slug)
            .ShouldBe(["request-in-progress", "not-yet-known"], ignoreOrder: true);
    }

    [Theory]
    [InlineData(400, "bad-request")]
    [InlineData(401, "unauthorized")]
    [InlineData(403, "forbidden")]
    [InlineData(404, "not-found")]
    [InlineData(405, "method-not-allowed")]
    [InlineData(408, "bad-request")]
    [InlineData(413, "payload-too-large")]
    [InlineData(415, "unsupported-media-type")]
    [InlineData(429, "rate-limited")]
    [InlineData(500, "internal-error")]
    [InlineData(502, "service-unavailable")]
    [InlineData(504, "service-unavailable")]
    public void An_answer_that_names_no_kind_gets_the_kind_of_its_status(int status, string slug) =>
        ProblemKinds.ForStatus(status).Slug.ShouldBe(slug);

    [Fact]
    public void Unknown_slugs_and_foreign_types_name_no_kind()
    {
        ProblemKinds.Find("nothing-here").ShouldBeNull();
        ProblemKinds.FromType("about:blank").ShouldBeNull();
        ProblemKinds.FromType("https://tools.ietf.org/html/rfc9110#section-15.5.5").ShouldBeNull();
        ProblemKinds.FromType(null).ShouldBeNull();
    }

    [Fact]
    public void An_exception_refuses_a_kind_of_another_status()
    {
        new ConflictException(ProblemKinds.CallClosed, "closed").Kind.ShouldBe(ProblemKinds.CallClosed);
        new BusinessRuleException(ProblemKinds.MentorFull, "full").Kind.ShouldBe(ProblemKinds.MentorFull);
        Should.Throw<ArgumentException>(() => new ConflictException(ProblemKinds.MentorFull, "full"));
        Should.Throw<ArgumentException>(() => new BusinessRuleException(ProblemKinds.NotFound, "gone"));
    }

    [Fact]
    public void The_readme_documents_every_kind()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md"));

        foreach (var kind in ProblemKinds.All)
            readme.ShouldContain($"| `{kind.Slug}` | {kind.Status} |", customMessage: $"README's table of problem types lacks {kind.Slug}");
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "Accelerator.sln")))
                return directory.FullName;
        throw new DirectoryNotFoundException("No Accelerator.sln above the test's binaries.");
    }

    [GeneratedRegex("^[a-z]+(-[a-z]+)*$")]
    private static partial Regex SlugPattern();
}
