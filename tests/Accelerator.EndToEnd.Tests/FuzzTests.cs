using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Accelerator.EndToEnd.Tests.Support;

namespace Accelerator.EndToEnd.Tests;

/// <summary>
/// SPEC §5: every route answers every input, however malformed, with a 4xx and never a 5xx. Mutated requests over
/// every route × every role go through the gateway; the seed is fixed (and printed) so that a failure replays, and
/// <c>ACCELERATOR_FUZZ_SEED</c> tries another. A body announced over 1 MiB must also be refused (413).
/// </summary>
public sealed class FuzzTests(AcceleratorSystem system)
{
    public const string SeedVariable = "ACCELERATOR_FUZZ_SEED";
    private const int DefaultSeed = 20261203;
    private const int Admitted = 30;
    private const int Refused = 3;
    private const int Parallelism = 8;

    [Fact]
    public async Task No_request_however_malformed_gets_a_server_error()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable(SeedVariable), CultureInfo.InvariantCulture, out var chosen) ? chosen : DefaultSeed;
        var output = TestContext.Current.TestOutputHelper;
        output?.WriteLine($"Fuzz seed {seed} (set {SeedVariable} to replay another).");

        var world = await FuzzWorld.CreateAsync(system);
        var requests = new Fuzzer(world, seed).Requests(Admitted, Refused).ToList();
        var clock = Stopwatch.StartNew();
        var outcomes = new FuzzOutcome[requests.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, requests.Count), new ParallelOptions { MaxDegreeOfParallelism = Parallelism },
            async (i, ct) => outcomes[i] = await SendAsync(world.Callers[requests[i].Role], requests[i], ct));

        output?.WriteLine($"{requests.Count} requests over {FuzzRoutes.All.Count} routes × {FuzzWorld.Roles.Length} roles in {clock.Elapsed.TotalSeconds:F1} s.");
        foreach (var group in outcomes.GroupBy(o => o.Status is { } s ? ((int)s).ToString(CultureInfo.InvariantCulture) : "none").OrderBy(g => g.Key))
            output?.WriteLine($"  {group.Key}: {group.Count()}");

        var failures = outcomes.Where(o => o.IsServerError || o.IsOversizedButNotRefused).ToList();
        failures.ShouldBeEmpty(
            $"seed {seed}: {failures.Count} of {requests.Count} requests got a server error, no answer, or a large body accepted:\n"
            + string.Join('\n', failures.Select(f => f.ToString())));
        output?.WriteLine($"  refused by Kestrel before our middleware (empty 400): {outcomes.Count(o => o.IsRefusedByKestrel)}");
        var untyped = outcomes.Where(o => o.IsRefusalWithoutKind).ToList();
        untyped.ShouldBeEmpty(
            $"seed {seed}: {untyped.Count} refusals are not problems with a type of the catalogue (missing, about:blank or another):\n"
            + string.Join('\n', untyped.Take(20).Select(f => f.ToString())));
    }

    private static string? TypeOf(byte[] problem)
    {
        try
        {
            return JsonNode.Parse(problem)?["type"]?.GetValue<string>();
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    private static async Task<FuzzOutcome> SendAsync(HttpClient client, FuzzRequest request, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        try
        {
            using var message = request.ToMessage();
            using var response = await client.SendAsync(message, timeout.Token);
            var body = await response.Content.ReadAsByteArrayAsync(timeout.Token);
            var mediaType = response.Content.Headers.ContentType?.MediaType;
            return new FuzzOutcome(request, response.StatusCode, mediaType, null, mediaType == "application/problem+json" ? TypeOf(body) : null)
            {
                BodyLength = body.Length,
            };
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException)
        {
            return new FuzzOutcome(request, null, null, $"{e.GetType().Name}: {e.Message}");
        }
    }
}
