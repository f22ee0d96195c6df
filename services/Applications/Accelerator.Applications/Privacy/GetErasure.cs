using Accelerator.ServiceDefaults;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Accelerator.Applications.Privacy;

public static class GetErasure
{
    public static async Task<Results<Ok<ErasureResponse>, ProblemHttpResult>> Handle(Guid id, IQuerySession session, CancellationToken ct) =>
        await session.LoadAsync<Erasure>(id, ct) is { } erasure
            ? TypedResults.Ok(ErasureResponse.From(erasure))
            : ProblemKinds.NotFound.Problem($"There is no erasure {id}.");
}
