using Accelerator.Resources;
using Accelerator.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddResources();

var app = builder.Build();

app.UseProblemHandling();
app.UseAuthentication();
app.UseAuthorization();
app.MapDefaultEndpoints();
app.MapResourcesApi();

app.Run();
