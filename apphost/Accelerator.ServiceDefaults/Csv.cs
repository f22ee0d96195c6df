using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Accelerator.ServiceDefaults;

/// <summary>
/// CSV as RFC 4180 writes it (UTF-8 without a byte order mark, CRLF line ends, a field quoted when it holds a comma, a
/// quote or a line break, quotes doubled), written row by row to the response as it goes.
/// </summary>
public sealed class CsvWriter(TextWriter writer)
{
    public const string ContentType = "text/csv; charset=utf-8; header=present";

    private static readonly char[] NeedsQuotes = [',', '"', '\r', '\n'];
    private readonly StringBuilder row = new();
    private int fields;

    /// <summary>A CSV download (an attachment named <paramref name="fileName"/>): <paramref name="write"/> writes the
    /// rows to the response as it produces them, so that an export of any size is never held in memory.</summary>
    public static PushStreamHttpResult Download(string fileName, Func<CsvWriter, Task> write) =>
        TypedResults.Stream(async body =>
        {
            // Kestrel allows no synchronous writes: rows are built in memory one at a time and written asynchronously.
            await using var text = new StreamWriter(body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 16 * 1024);
            await write(new CsvWriter(text));
            await text.FlushAsync();
        }, ContentType, fileName);

    /// <summary>
    /// Text from people, safe to open in a spreadsheet: a cell that begins with <c>= + - @</c>, a tab or a carriage
    /// return would be read as a formula (CSV injection), so it is prefixed with a single quote, as OWASP advises.
    /// </summary>
    public CsvWriter Text(string? value)
    {
        var text = value ?? "";
        if (text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
            text = "'" + text;
        return Field(text);
    }

    /// <summary>Numbers we compute ourselves, in invariant culture: never a formula, and left as numbers (a negative
    /// z-score stays a number the spreadsheet can sort).</summary>
    public CsvWriter Number(double? value) => Field(value?.ToString("0.###", CultureInfo.InvariantCulture) ?? "");

    public CsvWriter Number(int value) => Field(value.ToString(CultureInfo.InvariantCulture));

    public CsvWriter Id(Guid value) => Field(value.ToString());

    public CsvWriter Instant(DateTimeOffset? value) =>
        Field(value?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "");

    public CsvWriter Header(params string[] names)
    {
        foreach (var name in names)
            Field(name);
        return this;
    }

    public async Task EndRowAsync(CancellationToken ct = default)
    {
        row.Append("\r\n");
        await writer.WriteAsync(row, ct);
        row.Clear();
        fields = 0;
    }

    private CsvWriter Field(string text)
    {
        if (fields++ > 0)
            row.Append(',');
        row.Append(text.IndexOfAny(NeedsQuotes) >= 0 ? $"\"{text.Replace("\"", "\"\"")}\"" : text);
        return this;
    }
}
