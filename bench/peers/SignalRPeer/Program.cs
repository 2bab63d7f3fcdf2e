using Microsoft.AspNetCore.SignalR;
using OrleansRealtime.Bench.SignalRPeer;

// ASP.NET Core SignalR peer of the load harness: what a .NET team would pick instead of the gateway.
// A socket connects to /hub?user=<id> (WebSockets transport, negotiation skipped, JSON hub protocol); the
// user id comes from the query through an IUserIdProvider, and a publish is Clients.User(id).SendAsync.
//   POST /publish/{user}  {"m": "..."}               Clients.User(user).SendAsync("ev", m)
//   POST /broadcast       {"m": "..."}               Clients.All.SendAsync("ev", m)
//   POST /stream/{user}?chunks=K  {"m": "~C<t>K0E"}  K sends to the user, chunk index i in place of 0
var builder = WebApplication.CreateBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services.AddSignalR(o =>
{
    // The harness pings every 30 s (the client's duty in the hub protocol); allow for a loaded machine.
    o.ClientTimeoutInterval = TimeSpan.FromSeconds(120);
    o.KeepAliveInterval = TimeSpan.FromSeconds(15);
    o.EnableDetailedErrors = false;
});
builder.Services.AddSingleton<IUserIdProvider, QueryUserIdProvider>();
var app = builder.Build();

app.MapGet("/healthz", () => "ok");
app.MapHub<BenchHub>("/hub");

app.MapPost("/publish/{user}", async (string user, Message body, IHubContext<BenchHub> hub) =>
{
    await hub.Clients.User(user).SendAsync("ev", body.M);
    return Results.Accepted();
});

app.MapPost("/broadcast", async (Message body, IHubContext<BenchHub> hub) =>
{
    await hub.Clients.All.SendAsync("ev", body.M);
    return Results.Accepted();
});

app.MapPost("/stream/{user}", async (string user, int chunks, Message body, IHubContext<BenchHub> hub) =>
{
    var prefix = body.M[..(body.M.IndexOf('K') + 1)];
    var client = hub.Clients.User(user);
    for (var i = 0; i < chunks; i++)
    {
        await client.SendAsync("ev", string.Concat(prefix, i.ToString(), "E"));
    }

    return Results.Accepted();
});

app.Run();
