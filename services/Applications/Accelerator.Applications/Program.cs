using Accelerator.Applications;
using Accelerator.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplications();

var app = builder.Build();

app.UseProblemHandling();
app.UseAuthentication();
app.UseAuthorization();
app.MapDefaultEndpoints();
app.MapApplicationsApi();

app.Run();
