using Microsoft.AspNetCore.Http;

namespace Accelerator.ServiceDefaults.Tests;

public sealed class PagingTests
{
    private static readonly Guid Last = Guid.Parse("0197a0c2-0000-7000-8000-000000000002");

    [Fact]
    public void A_page_defaults_to_fifty_from_the_start_and_empty_parameters_are_absent()
    {
        var v = new Validation();

        Paging.Parse(null, null, v).ShouldBe(new PageRequest(50, null));
        Paging.Parse("", " ", v).ShouldBe(new PageRequest(50, null));
        Paging.Parse("200", Last.ToString(), v).ShouldBe(new PageRequest(200, Last));
        v.IsValid.ShouldBeTrue();
    }

    [Theory]
    [InlineData("0", null, "limit")]
    [InlineData("201", null, "limit")]
    [InlineData("-1", null, "limit")]
    [InlineData("1.5", null, "limit")]
    [InlineData("99999999999", null, "limit")]
    [InlineData(null, "garbage", "after")]
    [InlineData(null, "1", "after")]
    public void A_bad_limit_or_after_is_an_error_of_that_field(string? limit, string? after, string field)
    {
        var v = new Validation();

        Paging.Parse(limit, after, v);

        v.ToProblem().ProblemDetails.Errors.Keys.ShouldBe([field]);
    }

    [Fact]
    public void The_extra_item_is_cut_and_gives_a_next_link_keeping_the_other_parameters()
    {
        var http = Request("/api/applications", "?cohortId=c1&limit=2&After=old&status=");
        var page = new PageRequest(2, null);

        var items = http.Answer([Guid.NewGuid(), Last, Guid.NewGuid()], page, id => id);

        items.Count.ShouldBe(2);
        http.Response.Headers.Link.ToString().ShouldBe($"</api/applications?cohortId=c1&limit=2&status=&after={Last}>; rel=\"next\"");
    }

    [Fact]
    public void A_page_without_its_extra_item_is_the_last_and_has_no_link()
    {
        var http = Request("/api/cohorts", "?limit=2");

        http.Answer([Guid.NewGuid(), Last], new PageRequest(2, null), id => id).Count.ShouldBe(2);

        http.Response.Headers.ContainsKey("Link").ShouldBeFalse();
    }

    [Fact]
    public void A_list_in_memory_pages_in_the_order_PostgreSQL_gives_uuids()
    {
        // Differ first in the bytes .NET keeps little-endian: ordered as uuid text, not as Guid's byte array.
        var ids = new[] { "00000002-0000-7000-8000-000000000000", "00000100-0000-7000-8000-000000000000", "01000000-0000-7000-8000-000000000000" }
            .Select(Guid.Parse).ToArray();

        ids.AsEnumerable().Reverse().Page(id => id, new PageRequest(1, ids[0])).ShouldBe([ids[1], ids[2]]);
    }

    private static DefaultHttpContext Request(string path, string query)
    {
        var http = new DefaultHttpContext();
        http.Request.Path = path;
        http.Request.QueryString = new QueryString(query);
        return http;
    }
}
