using Accelerator.Notifications;
using Accelerator.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddNotifications();

var app = builder.Build();

app.UseProblemHandling();
app.UseAuthentication();
app.UseAuthorization();
app.MapDefaultEndpoints();
app.MapNotificationsApi();

app.Run();
