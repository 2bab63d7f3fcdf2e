using OrleansRealtime.Gateway.Api;
using OrleansRealtime.Gateway.Hosting;
using OrleansRealtime.Gateway.SocketIo.Realtime;
using OrleansRealtime.Gateway.WebSockets;
using OrleansRealtime.Silo.Health;
using OrleansRealtime.Silo.Hosting;

// `token --sub alice …` prints a development token and exits without starting the silo.
if (args is [TokenCommand.Name, ..])
{
    return TokenCommand.Run(args[1..], Console.Out, Console.Error);
}

var builder = WebApplication.CreateBuilder(args);
builder.ConfigureRealtimeSilo();

var app = builder.Build();
app.UseRealtimeGateway();
app.MapHealthEndpoint();
app.MapClusterStatusEndpoint();
app.MapRealtimeApi();
app.MapRealtimeWebSockets();
app.MapRealtimeSocketIo();
app.LogListeningAddresses();
app.Run();
return 0;

/// <summary>Entry point, visible to end-to-end tests (WebApplicationFactory).</summary>
public partial class Program;
