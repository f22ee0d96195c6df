using System.Text;
using System.Text.Json.Nodes;

namespace Accelerator.EndToEnd.Tests.Support;

/// <summary>
/// Turns the valid request of a route into malformed ones, deterministically for a seed: wrong types, nulls, huge
/// numbers and strings, long lists, deep nesting, broken JSON, odd headers and content types, nil and malformed ids,
/// junk query parameters, oversized bodies (with a length and chunked).
/// </summary>
public sealed class Fuzzer(FuzzWorld world, int seed)
{
    public const int MiB = 1024 * 1024;
    private const string Raw = "@@fuzz-raw@@";

    /// <summary>Each mutation with its weight; the first request of every route and role is the valid one.</summary>
    private static readonly (string Name, int Weight)[] Mutations =
    [
        ("nil-id", 8), ("unknown-id", 3), ("malformed-id", 6), ("wrong-type", 10), ("null", 6), ("huge-number", 8),
        ("huge-string", 6), ("odd-string", 8), ("long-list", 4), ("deep-nesting", 4), ("deep-document", 2), ("broken-json", 8),
        ("root-type", 4), ("unknown-fields", 3), ("content-type", 5), ("odd-headers", 8), ("query", 6), ("method", 3),
        ("chunked", 2), ("oversized", 3), ("oversized-chunked", 2),
    ];

    private static readonly string[] MalformedIds =
    [
        "abc", "0", "-1", "1e10", "99999999999999999999999999999999", "00000000-0000-0000-0000-00000000000g",
        "00000000-0000-0000-0000-0000000000000", "{00000000-0000-0000-0000-000000000000}", "00000000000000000000000000000000",
        "%00", "%zz", "..%2F..%2Fhealth", "%20", "null", "undefined", new string('f', 4000), "😀", "' OR 1=1 --",
    ];

    private static readonly string[] HugeNumbers =
    [
        "1e400", "-1e400", "1e308", "2147483648", "-2147483649", "9223372036854775808", "79228162514264337593543950336",
        "99999999999999999999999999999999999999999999999999", "0.0000000000000000000000000000001", "-0", "1.5", "2147483647",
        "-2147483648", "1E+2", "0x10", "NaN", "Infinity", "-Infinity", "01",
    ];

    private static readonly string[] OddStrings =
    [
        "\"\"", "\"   \"", "\"\\u0000\"", "\"\\ud800\"", "\"\\udfff\\ud800\"", "\"\\u202eevil\"", "\"../../etc/passwd\"",
        "\"<script>alert(1)</script>\"", "\"' OR 1=1 --\"", "\"%00\"", "\"\\\\\"", "\"P99999999999999D\"", "\"PT-1S\"", "\"P\"",
        "\"9999-12-31T23:59:59.9999999-14:00\"", "\"0001-01-01T00:00:00+14:00\"", "\"0001-01-01\"", "\"9999-12-31\"",
        "\"2024-02-30\"", "\"00000000-0000-0000-0000-000000000000\"", "\"NaN\"", "\"1e999\"", "\"true\"", "\"2147483648\"",
        "\"OPERATOR\"", "\"mvp,growth\"", "\"1\"",
    ];

    private static readonly (string Name, string Value)[] OddHeaders =
    [
        ("If-Match", "garbage"), ("If-Match", "W/\"1\""), ("If-Match", "\"99999999999999999999999999\""), ("If-Match", "\"1\", *"),
        ("If-Match", new string('9', 10_240)), ("If-Match", "\"\""), ("Idempotency-Key", new string('k', 10_240)),
        ("Idempotency-Key", " "), ("Idempotency-Key", "a, b; c=d"), ("Idempotency-Key", "00000000-0000-0000-0000-000000000000"),
        ("Authorization", "Bearer garbage"), ("Authorization", "Basic Zm9vOmJhcg=="), ("Authorization", "Bearer " + new string('a', 10_240)),
        ("Authorization", "Bearer"), ("Accept", "application/xml"), ("Accept", "*/*; q=garbage"), ("traceparent", "garbage"),
        ("traceparent", "00-00000000000000000000000000000000-0000000000000000-00"), ("X-Forwarded-For", "garbage, 999.999.999.999"),
        ("X-Forwarded-Host", "evil.example"), ("X-Forwarded-Proto", "gopher"), ("Content-Encoding", "gzip"), ("Expect", "100-continue"),
        ("Range", "bytes=0-1"), ("Cookie", new string('c', 8_000)), ("Origin", "https://evil.example"), ("Accept-Encoding", "br;q=2"),
    ];

    private static readonly string?[] ContentTypes =
    [
        null, "text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
        "application/json; charset=utf-16", "application/json; charset=nonsense", "garbage", "application/merge-patch+json",
        "application/json; charset=utf-8; boundary=\"", "*/*",
    ];

    private static readonly string[] QueryKeys = ["limit", "after", "cohortId", "status", "applicationId", "unmatched", "normalise"];

    private static readonly string[] QueryValues =
    [
        "99999999999", "-1", "0", "abc", "1e3", "200", "201", "", "garbage", "00000000-0000-0000-0000-000000000000", "%zz", "%00",
        "draft,submitted", "DRAFT", "1", "maybe", "true", new string('q', 2_000), "[]", "{}",
    ];

    private readonly Random random = new(seed);

    /// <summary>Every route with every role; the roles a route admits get the most, the others are refused before the body is read.</summary>
    public IEnumerable<FuzzRequest> Requests(int admitted, int refused)
    {
        foreach (var route in FuzzRoutes.All)
            foreach (var role in FuzzWorld.Roles)
                for (var i = 0; i < (route.Admits(role) ? admitted : refused); i++)
                    yield return Mutate(route, role, i == 0 ? "valid" : PickMutation());
    }

    private string PickMutation()
    {
        var roll = random.Next(Mutations.Sum(m => m.Weight));
        foreach (var (name, weight) in Mutations)
            if ((roll -= weight) < 0)
                return name;
        throw new InvalidOperationException("Unreachable.");
    }

    private FuzzRequest Mutate(FuzzRoute route, string role, string mutation)
    {
        var ids = route.IdNames.ToDictionary(name => name, name => world.Ids[name].ToString());
        var body = route.Body?.Invoke(world);
        var method = route.Method;
        string? raw = null, text = null, contentType = "application/json", query = "";
        var chunked = false;
        var headers = new List<KeyValuePair<string, string>>();

        switch (mutation)
        {
            case "nil-id" or "unknown-id" or "malformed-id":
                var id = mutation switch
                {
                    "nil-id" => Guid.Empty.ToString(),
                    "unknown-id" => new Guid(Bytes(16)).ToString(),
                    _ => Pick(MalformedIds),
                };
                if (ids.Count > 0)
                    ids[Pick(ids.Keys.ToArray())] = id;
                else if (body is JsonObject fields && fields.Select(f => f.Key).Where(k => k.EndsWith("Id")).ToArray() is { Length: > 0 } named)
                    fields[Pick(named)] = id;
                else
                    query = $"?id={id}";
                break;
            case "wrong-type":
                raw = Pick(["123", "-1", "true", "false", "\"text\"", "[]", "{}", "[1,\"a\",null]", "{\"a\":1}", "0"]);
                break;
            case "null":
                if (random.Next(4) == 0)
                    text = "null";
                else
                    raw = "null";
                break;
            case "huge-number":
                raw = Pick(HugeNumbers);
                break;
            case "huge-string":
                var length = Pick([201, 2_001, 4_001, 10_000, 100_000, 900_000]);
                raw = $"\"{new string(Pick(['x', ' ', 'é']), length)}\"";
                break;
            case "odd-string":
                raw = Pick(OddStrings);
                break;
            case "long-list":
                var element = Pick(["\"nlp\"", "\"meta-llama/Llama-3.1-8B\"", "{\"name\":\"a\",\"email\":\"a@b.example\"}", "null", "1"]);
                raw = $"[{string.Join(',', Enumerable.Repeat(element, Pick([101, 1_001, 20_000])))}]";
                break;
            case "deep-nesting":
                var depth = Pick([65, 500, 5_000]);
                raw = random.Next(2) == 0
                    ? new string('[', depth) + new string(']', depth)
                    : string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth);
                break;
            case "deep-document":
                var levels = Pick([100, 10_000, 100_000]);
                text = new string('[', levels) + new string(']', levels);
                break;
            case "broken-json":
                text = BrokenJson(Serialise(body ?? new JsonObject { ["a"] = 1 }, null));
                break;
            case "root-type":
                text = Pick(["[]", "\"text\"", "42", "true", "[{}]", "\"\"", "{}"]);
                break;
            case "unknown-fields":
                body ??= new JsonObject();
                if (body is JsonObject extra)
                {
                    extra["unexpected"] = new JsonObject { ["nested"] = new JsonArray(1, 2, 3) };
                    raw = Pick(["{\"$type\":\"System.IO.FileInfo\"}", "{\"$ref\":\"1\"}", "{\"$id\":\"1\"}", "{\"__proto__\":{\"admin\":true}}"]);
                }
                break;
            case "content-type":
                contentType = Pick(ContentTypes);
                break;
            case "odd-headers":
                for (var n = 1 + random.Next(3); n > 0; n--)
                {
                    var (name, value) = Pick(OddHeaders);
                    headers.Add(KeyValuePair.Create(name, value));
                }
                break;
            case "query":
                // Half the time the route's own parameters, so that a list's filters and paging meet junk values.
                var keys = route.QueryKeys.Length > 0 && random.Next(2) == 0 ? route.QueryKeys : QueryKeys;
                query = "?" + string.Join('&', Enumerable.Range(0, 1 + random.Next(4))
                    .Select(_ => $"{Pick(keys)}={Pick(QueryValues)}"));
                break;
            case "method":
                method = Pick(["DELETE", "PATCH", "PUT", "POST", "GET", "OPTIONS", "HEAD"]);
                break;
            case "chunked":
                chunked = true;
                body ??= new JsonObject();
                break;
            case "oversized" or "oversized-chunked":
                chunked = mutation == "oversized-chunked";
                raw = $"\"{new string('x', Pick([MiB + 1, MiB + 10_000, 2 * MiB]))}\"";
                break;
        }

        if (raw is not null)
        {
            body = body is JsonObject or JsonArray ? body : new JsonObject { ["unexpected"] = "x" };
            Replace(body, JsonValue.Create(Raw));
        }
        text ??= body is null ? null : Serialise(body, raw);
        if (query == "" && route.Query is not null)
            query = $"?{route.Query}";
        var path = ids.Aggregate(route.Template + query, (p, pair) => p.Replace($"{{{pair.Key}}}", pair.Value));
        return new FuzzRequest(route, role, mutation, method, path, text is null ? null : Bytes(text, mutation),
            text is null ? null : contentType, chunked, headers);
    }

    private byte[] Bytes(string text, string mutation) =>
        mutation == "broken-json" && random.Next(4) == 0
            ? [.. Encoding.UTF8.GetBytes(text[..(text.Length / 2)]), 0xC3, 0x28, 0xFF, 0xFE, .. Encoding.UTF8.GetBytes(text[(text.Length / 2)..])]
            : Encoding.UTF8.GetBytes(text);

    private string BrokenJson(string valid) => random.Next(10) switch
    {
        0 => valid[..random.Next(valid.Length)],
        1 => valid + "garbage",
        2 => "{",
        3 => "{\"a\":}",
        4 => "{'single':'quotes'}",
        5 => valid.Length > 2 ? valid[..^1] + ",}" : "{,}",
        6 => "/* comment */ " + valid,
        7 => "\uFEFF" + valid,
        8 => random.Next(2) == 0 ? "" : "   ",
        _ => valid.Replace("\"", ""),
    };

    /// <summary>Puts <paramref name="value"/> in place of a random field or element anywhere in the document.</summary>
    private void Replace(JsonNode document, JsonNode value)
    {
        var places = new List<(JsonNode Parent, string? Key, int Index)>();
        Collect(document, places);
        if (places.Count == 0)
        {
            if (document is JsonObject empty)
                empty["unexpected"] = value;
            else
                ((JsonArray)document).Add(value);
            return;
        }
        var (parent, key, index) = places[random.Next(places.Count)];
        if (key is not null)
            parent[key] = value;
        else
            parent[index] = value;
    }

    private static void Collect(JsonNode node, List<(JsonNode, string?, int)> places)
    {
        if (node is JsonObject obj)
            foreach (var (key, child) in obj.ToList())
            {
                places.Add((obj, key, -1));
                if (child is not null)
                    Collect(child, places);
            }
        else if (node is JsonArray array)
            for (var i = 0; i < array.Count; i++)
            {
                places.Add((array, null, i));
                if (array[i] is { } child)
                    Collect(child, places);
            }
    }

    private static string Serialise(JsonNode body, string? raw)
    {
        var text = body.ToJsonString();
        return raw is null ? text : text.Replace($"\"{Raw}\"", raw);
    }

    private T Pick<T>(IReadOnlyList<T> values) => values[random.Next(values.Count)];

    private byte[] Bytes(int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }
}
