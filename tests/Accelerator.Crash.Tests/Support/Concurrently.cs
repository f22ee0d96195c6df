namespace Accelerator.Crash.Tests.Support;

public static class Concurrently
{
    /// <summary>Runs <paramref name="count"/> calls, a few at a time, as many clients would.</summary>
    public static async Task<T[]> RunAsync<T>(int count, Func<int, Task<T>> call, int degree = 8)
    {
        var results = new T[count];
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = degree },
            async (i, _) => results[i] = await call(i));
        return results;
    }
}
