using Accelerator.ServiceDefaults;

namespace Accelerator.ServiceDefaults.Tests;

/// <summary>RFC 4180 quoting, and text a spreadsheet would run as a formula shown as text instead.</summary>
public sealed class CsvWriterTests
{
    private static async Task<string> Row(Func<CsvWriter, CsvWriter> fields)
    {
        var text = new StringWriter();
        await fields(new CsvWriter(text)).EndRowAsync();
        return text.ToString();
    }

    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+33 6 12", "'+33 6 12")]
    [InlineData("-2", "'-2")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\t=cmd", "'\t=cmd")]
    [InlineData("\r=cmd", "\"'\r=cmd\"")]
    [InlineData("Forge, Inc.", "\"Forge, Inc.\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("plain 1=1", "plain 1=1")]
    [InlineData("", "")]
    public async Task Text_is_quoted_as_RFC_4180_says_and_never_starts_a_formula(string value, string expected)
    {
        (await Row(csv => csv.Text(value))).ShouldBe(expected + "\r\n");
    }

    [Fact]
    public async Task Fields_are_separated_by_commas_empty_ones_included_and_numbers_stay_numbers()
    {
        var id = Guid.NewGuid();

        (await Row(csv => csv.Text(null).Number(-0.354).Number((double?)null).Number(3).Id(id)
                .Instant(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.FromHours(1)))))
            .ShouldBe($",-0.354,,3,{id},2026-01-02T02:04:05Z\r\n");
    }
}
