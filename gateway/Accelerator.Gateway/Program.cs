using Accelerator.Gateway;
using Accelerator.Gateway.AsyncApi;
using Accelerator.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddGateway();

var app = builder.Build();

app.UseProblemHandling();
app.UseCors();
app.UseAuthentication();
// Before authorization, so that callers with no or a bad token are limited too (by address).
app.UseRateLimiter();
app.UseAuthorization();
app.MapDefaultEndpoints();
app.MapDevTokens();
app.MapAsyncApi();
app.MapProblemPages().RequireRateLimiting(EdgePolicies.PerCaller);
app.MapApiReference();
app.MapReverseProxy();

app.Run();
