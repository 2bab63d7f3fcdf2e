using OrleansRealtime.Silo.Health;
using OrleansRealtime.Silo.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.ConfigureRealtimeSilo();

var app = builder.Build();
app.MapHealthEndpoint();
app.LogListeningAddresses();
app.Run();

/// <summary>Entry point, visible to end-to-end tests (WebApplicationFactory).</summary>
public partial class Program;
